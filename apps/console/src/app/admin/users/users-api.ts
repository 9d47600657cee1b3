import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  BulkAnswer,
  BulkRequest,
  CreateLoginAnswer,
  CreateLoginRequest,
  LoginDetail,
  Page,
  ResetAnswer,
  SetExceptionRequest,
  UpdateLoginRequest,
  UserFilter,
  UserListQuery,
  UserRow,
  UserTypeView,
} from '@latchkey/contracts';
import { Observable, catchError } from 'rxjs';
import { readBlobError } from '../../shared/blob-error';

/** The query as URL parameters: only what is set, booleans as "true"/"false", `page` 1-based. */
export function userListParams(query: UserListQuery): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query) as Array<[string, unknown]>) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    params = params.set(name, String(value));
  }
  return params;
}

/**
 * Admin → Users: the tenant's logins, creating, changing and deactivating one, per-user
 * exceptions, reset and unlock; a login's detail; actions on many logins; the list as CSV.
 */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(tenantId: string, query: UserListQuery): Observable<Page<UserRow>> {
    return this.http.get<Page<UserRow>>(ApiPaths.users(tenantId), { params: userListParams(query) });
  }

  /** Every login the filters find, as a CSV file (no paging). A failure carries the API's message. */
  exportCsv(tenantId: string, filter: UserFilter): Observable<Blob> {
    return this.http
      .get(ApiPaths.usersExport(tenantId), {
        params: userListParams(filter),
        headers: { Accept: 'text/csv' },
        responseType: 'blob',
      })
      .pipe(catchError(readBlobError));
  }

  /** One login's devices, PIN, backup codes, last sign-in, lock, exception and recent events. */
  detail(tenantId: string, loginId: string): Observable<LoginDetail> {
    return this.http.get<LoginDetail>(ApiPaths.userDetail(tenantId, loginId));
  }

  /** One action on the selected logins or the whole filtered set; answers per login. */
  bulk(tenantId: string, request: BulkRequest): Observable<BulkAnswer> {
    return this.http.post<BulkAnswer>(ApiPaths.usersBulk(tenantId), request);
  }

  create(tenantId: string, request: CreateLoginRequest): Observable<CreateLoginAnswer> {
    return this.http.post<CreateLoginAnswer>(ApiPaths.users(tenantId), request);
  }

  /** Change the name or user type, or deactivate (`active: false`) or reactivate; answers the row. */
  update(tenantId: string, loginId: string, request: UpdateLoginRequest): Observable<UserRow> {
    return this.http.patch<UserRow>(ApiPaths.user(tenantId, loginId), request);
  }

  setException(tenantId: string, loginId: string, request: SetExceptionRequest): Observable<UserRow> {
    return this.http.put<UserRow>(ApiPaths.exception(tenantId, loginId), request);
  }

  /**
   * Remove the login's devices, PIN, backup codes and remembered browsers and sign it out
   * everywhere; answers the one-time handover code, when the tenant uses one.
   */
  reset(tenantId: string, loginId: string): Observable<ResetAnswer> {
    return this.http.post<ResetAnswer>(ApiPaths.reset(tenantId, loginId), {});
  }

  /** Lift a lockout; answers the updated row. */
  unlock(tenantId: string, loginId: string): Observable<UserRow> {
    return this.http.post<UserRow>(ApiPaths.unlock(tenantId, loginId), {});
  }

  /** For the type filter and the create dialog. */
  userTypes(tenantId: string): Observable<UserTypeView[]> {
    return this.http.get<UserTypeView[]>(ApiPaths.userTypes(tenantId));
  }
}
