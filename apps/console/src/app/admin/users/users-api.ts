import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  CreateLoginAnswer,
  CreateLoginRequest,
  Page,
  ResetAnswer,
  SetExceptionRequest,
  UpdateLoginRequest,
  UserListQuery,
  UserRow,
  UserTypeView,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

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
 * exceptions, reset and unlock.
 */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(tenantId: string, query: UserListQuery): Observable<Page<UserRow>> {
    return this.http.get<Page<UserRow>>(ApiPaths.users(tenantId), { params: userListParams(query) });
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
