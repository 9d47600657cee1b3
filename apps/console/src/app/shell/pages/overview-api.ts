import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AccountOverview, ApiPaths, MySecurityView, PlatformOverview } from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** The home's numbers: the owner's account, every tenant for a super user, and one's own factors. */
@Injectable({ providedIn: 'root' })
export class OverviewApi {
  private readonly http = inject(HttpClient);

  /** GET /tenants/:tenantId/overview: per user type, who must use which method and where they stand. */
  account(tenantId: string): Observable<AccountOverview> {
    return this.http.get<AccountOverview>(ApiPaths.overview(tenantId));
  }

  /** GET /platform/overview: the same numbers per tenant. */
  platform(): Observable<PlatformOverview> {
    return this.http.get<PlatformOverview>(ApiPaths.platformOverview);
  }

  /** GET /me/security: the signed-in login's method, devices, PIN and backup codes. */
  mySecurity(): Observable<MySecurityView> {
    return this.http.get<MySecurityView>(ApiPaths.mySecurity);
  }
}
