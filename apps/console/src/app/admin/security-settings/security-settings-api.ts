import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  CreateUserTypeRequest,
  Page,
  PolicyPreviewAnswer,
  PolicyPreviewLoginsRequest,
  PolicyPreviewRequest,
  PreviewLoginRow,
  RenameUserTypeRequest,
  SetTenantPolicyRequest,
  SetUserTypePolicyRequest,
  TenantPolicyView,
  UserTypeView,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** Admin → Security settings: the tenant's floor, its user types and their policies, the preview and its names. */
@Injectable({ providedIn: 'root' })
export class SecuritySettingsApi {
  private readonly http = inject(HttpClient);

  policy(tenantId: string): Observable<TenantPolicyView> {
    return this.http.get<TenantPolicyView>(ApiPaths.tenantPolicy(tenantId));
  }

  setPolicy(tenantId: string, request: SetTenantPolicyRequest): Observable<TenantPolicyView> {
    return this.http.put<TenantPolicyView>(ApiPaths.tenantPolicy(tenantId), request);
  }

  userTypes(tenantId: string): Observable<UserTypeView[]> {
    return this.http.get<UserTypeView[]>(ApiPaths.userTypes(tenantId));
  }

  createUserType(tenantId: string, request: CreateUserTypeRequest): Observable<UserTypeView> {
    return this.http.post<UserTypeView>(ApiPaths.userTypes(tenantId), request);
  }

  renameUserType(
    tenantId: string,
    userTypeId: string,
    request: RenameUserTypeRequest,
  ): Observable<UserTypeView> {
    return this.http.patch<UserTypeView>(ApiPaths.userType(tenantId, userTypeId), request);
  }

  /** Remove a user type that no login has (the API answers 409 while logins have it). */
  deleteUserType(tenantId: string, userTypeId: string): Observable<void> {
    return this.http.delete<void>(ApiPaths.userType(tenantId, userTypeId));
  }

  setUserTypePolicy(
    tenantId: string,
    userTypeId: string,
    request: SetUserTypePolicyRequest,
  ): Observable<UserTypeView> {
    return this.http.put<UserTypeView>(ApiPaths.userTypePolicy(tenantId, userTypeId), request);
  }

  /** Who a proposed change would affect, before anything is saved. */
  preview(tenantId: string, request: PolicyPreviewRequest): Observable<PolicyPreviewAnswer> {
    return this.http.post<PolicyPreviewAnswer>(ApiPaths.policyPreview(tenantId), request);
  }

  /** One group of a preview by name, a page at a time, ordered by name. */
  previewLogins(tenantId: string, request: PolicyPreviewLoginsRequest): Observable<Page<PreviewLoginRow>> {
    return this.http.post<Page<PreviewLoginRow>>(ApiPaths.policyPreviewLogins(tenantId), request);
  }
}
