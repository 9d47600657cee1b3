import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  ConnectionTestAnswer,
  ConnectionView,
  CreateConnectionRequest,
  UpdateConnectionRequest,
  UserTypeView,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** Admin → Sign-in providers: the account's own OpenID providers, and its user types to name. */
@Injectable({ providedIn: 'root' })
export class ConnectionsApi {
  private readonly http = inject(HttpClient);

  /** GET /tenants/:tenantId/connections, by name (never a client secret). */
  list(tenantId: string): Observable<ConnectionView[]> {
    return this.http.get<ConnectionView[]>(ApiPaths.connections(tenantId));
  }

  create(tenantId: string, request: CreateConnectionRequest): Observable<ConnectionView> {
    return this.http.post<ConnectionView>(ApiPaths.connections(tenantId), request);
  }

  /** PATCH: what is sent changes; without a client secret the stored one stays. */
  update(tenantId: string, id: string, request: UpdateConnectionRequest): Observable<ConnectionView> {
    return this.http.patch<ConnectionView>(ApiPaths.connection(tenantId, id), request);
  }

  remove(tenantId: string, id: string): Observable<void> {
    return this.http.delete<void>(ApiPaths.connection(tenantId, id));
  }

  /** What the provider's discovery document says: found, or what is wrong. */
  test(tenantId: string, id: string): Observable<ConnectionTestAnswer> {
    return this.http.post<ConnectionTestAnswer>(ApiPaths.connectionTest(tenantId, id), {});
  }

  /** The account's user types, to name the ones a provider allows and the one it creates. */
  userTypes(tenantId: string): Observable<UserTypeView[]> {
    return this.http.get<UserTypeView[]>(ApiPaths.userTypes(tenantId));
  }
}
