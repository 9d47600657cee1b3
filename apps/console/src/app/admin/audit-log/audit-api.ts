import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiPaths, AuditAction, AuditPage } from '@latchkey/contracts';
import { Observable, catchError } from 'rxjs';
import { readBlobError } from '../../shared/blob-error';

/** The filters the console sends (`AuditLogQuery` but the paging and the older one-field filters). */
export interface AuditFilters {
  actions?: AuditAction[];
  q?: string;
  loginId?: string;
  from?: string;
  to?: string;
}

const TEXT_KEYS = ['q', 'loginId', 'from', 'to'] as const;

/** Query parameters of the filters that are set (empty text sends nothing; each action its own `actions=`). */
export function auditParams(filters: AuditFilters, paging?: { page: number; pageSize: number }): HttpParams {
  let params = new HttpParams();
  for (const action of filters.actions ?? []) {
    params = params.append('actions', action);
  }
  for (const key of TEXT_KEYS) {
    const value = filters[key]?.trim();
    if (value) {
      params = params.set(key, value);
    }
  }
  if (paging) {
    params = params.set('page', paging.page).set('pageSize', paging.pageSize);
  }
  return params;
}

/** Whose events: one tenant's, or the platform's own (the events without a tenant). */
export type AuditScope = { kind: 'tenant'; tenantId: string } | { kind: 'platform' };

/** GET /tenants/:tenantId/audit, or GET /platform/audit for the events without a tenant. */
export function auditUrl(scope: AuditScope): string {
  return scope.kind === 'platform' ? ApiPaths.platformAudit : ApiPaths.audit(scope.tenantId);
}

/** A tenant's audit log or the platform's, as a page of events or as a CSV file (same query, same answer). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** One page of events, newest first. `page` is 1-based. */
  list(scope: AuditScope, query: AuditFilters & { page?: number; pageSize?: number }): Observable<AuditPage> {
    const { page = 1, pageSize = 50, ...filters } = query;
    return this.http.get<AuditPage>(auditUrl(scope), {
      params: auditParams(filters, { page, pageSize }),
    });
  }

  /** Every matching event as CSV (no paging). A failure carries the API's JSON error body, parsed. */
  csv(scope: AuditScope, filters: AuditFilters): Observable<Blob> {
    return this.http
      .get(auditUrl(scope), {
        params: auditParams(filters),
        headers: { Accept: 'text/csv' },
        responseType: 'blob',
      })
      .pipe(catchError(readBlobError));
  }
}
