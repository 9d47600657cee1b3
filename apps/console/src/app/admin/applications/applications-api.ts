import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  ApplicationCreatedAnswer,
  ApplicationView,
  CreateApplicationRequest,
  UpdateApplicationRequest,
  UserTypeView,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** Admin → Applications: the account's OpenID Connect clients, and its user types to name. */
@Injectable({ providedIn: 'root' })
export class ApplicationsApi {
  private readonly http = inject(HttpClient);

  /** GET /tenants/:tenantId/applications, by name. */
  list(tenantId: string): Observable<ApplicationView[]> {
    return this.http.get<ApplicationView[]>(ApiPaths.applications(tenantId));
  }

  /** POST: a confidential application's client secret is answered this once. */
  create(tenantId: string, request: CreateApplicationRequest): Observable<ApplicationCreatedAnswer> {
    return this.http.post<ApplicationCreatedAnswer>(ApiPaths.applications(tenantId), request);
  }

  /** PATCH: what is sent changes, the rest stays. */
  update(tenantId: string, id: string, request: UpdateApplicationRequest): Observable<ApplicationView> {
    return this.http.patch<ApplicationView>(ApiPaths.application(tenantId, id), request);
  }

  /** A new client secret, answered this once; the old one stops working. */
  rotateSecret(tenantId: string, id: string): Observable<ApplicationCreatedAnswer> {
    return this.http.post<ApplicationCreatedAnswer>(ApiPaths.applicationSecret(tenantId, id), {});
  }

  remove(tenantId: string, id: string): Observable<void> {
    return this.http.delete<void>(ApiPaths.application(tenantId, id));
  }

  /** The account's user types, to name the ones an application allows. */
  userTypes(tenantId: string): Observable<UserTypeView[]> {
    return this.http.get<UserTypeView[]>(ApiPaths.userTypes(tenantId));
  }
}
