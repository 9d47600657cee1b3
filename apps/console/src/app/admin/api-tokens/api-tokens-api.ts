import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiPaths, ApiTokenCreatedAnswer, ApiTokenView, CreateApiTokenRequest } from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** Admin → API tokens: the account's tokens for the vendor's back end. */
@Injectable({ providedIn: 'root' })
export class ApiTokensApi {
  private readonly http = inject(HttpClient);

  /** GET /tenants/:tenantId/api-tokens, newest first, revoked ones too. */
  list(tenantId: string): Observable<ApiTokenView[]> {
    return this.http.get<ApiTokenView[]>(ApiPaths.apiTokens(tenantId));
  }

  /** POST: the token's secret is answered this once. */
  create(tenantId: string, request: CreateApiTokenRequest): Observable<ApiTokenCreatedAnswer> {
    return this.http.post<ApiTokenCreatedAnswer>(ApiPaths.apiTokens(tenantId), request);
  }

  /** DELETE: the token stops working at once; it stays listed as revoked. */
  revoke(tenantId: string, id: string): Observable<void> {
    return this.http.delete<void>(ApiPaths.apiToken(tenantId, id));
  }
}
