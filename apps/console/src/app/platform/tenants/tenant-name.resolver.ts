import { inject } from '@angular/core';
import { ActivatedRouteSnapshot, ResolveFn } from '@angular/router';
import { Observable, catchError, map, of } from 'rxjs';
import { TenantsApi } from './tenants-api';

/**
 * The name of the route's `:tenantId`, for headings; null when the platform does not know it or
 * cannot answer now (the page still opens and says what it can). The shell's route table loads it
 * with `import()`, so it answers an Observable (not any `ResolveFn` result) to be switched to.
 */
export const tenantNameResolver = ((route: ActivatedRouteSnapshot): Observable<string | null> => {
  const id = route.paramMap.get('tenantId');
  return inject(TenantsApi)
    .list()
    .pipe(
      map((tenants) => tenants.find((tenant) => tenant.id === id)?.name ?? null),
      catchError(() => of(null)),
    );
}) satisfies ResolveFn<string | null>;
