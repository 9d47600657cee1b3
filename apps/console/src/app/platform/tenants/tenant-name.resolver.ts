import { inject } from '@angular/core';
import { ResolveFn } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { TenantsApi } from './tenants-api';

/**
 * The name of the route's `:tenantId`, for headings; null when the platform does not know it or
 * cannot answer now (the page still opens and says what it can).
 */
export const tenantNameResolver: ResolveFn<string | null> = (route) => {
  const id = route.paramMap.get('tenantId');
  return inject(TenantsApi)
    .list()
    .pipe(
      map((tenants) => tenants.find((tenant) => tenant.id === id)?.name ?? null),
      catchError(() => of(null)),
    );
};
