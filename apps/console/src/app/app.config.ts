import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { XSRF_COOKIE, XSRF_HEADER } from '@latchkey/contracts';
import { catchError, of } from 'rxjs';
import { appRoutes } from './app.routes';
import { sessionExpiredInterceptor } from './core/session-expired.interceptor';
import { SessionStore } from './core/session-store';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // Routed pages read their route's data and parameters as inputs (the audit log's source).
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(
      withFetch(),
      withXsrfConfiguration({ cookieName: XSRF_COOKIE, headerName: XSRF_HEADER }),
      withInterceptors([sessionExpiredInterceptor]),
    ),
    // Ask where the sign-in stands before the first route: it also sets the XSRF cookie that
    // every POST sends back. When the API cannot be reached the guards ask again later.
    provideAppInitializer(() =>
      inject(SessionStore)
        .refresh()
        .pipe(catchError(() => of(null))),
    ),
  ],
};
