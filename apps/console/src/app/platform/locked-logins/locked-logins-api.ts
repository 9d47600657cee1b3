import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiPaths, LockedLoginRow, UserRow } from '@latchkey/contracts';
import { Observable } from 'rxjs';

/** Platform → Locked logins: every login that waits or is locked, in any tenant or the platform. */
@Injectable({ providedIn: 'root' })
export class LockedLoginsApi {
  private readonly http = inject(HttpClient);

  /** GET /platform/locked-logins */
  list(): Observable<LockedLoginRow[]> {
    return this.http.get<LockedLoginRow[]>(ApiPaths.platformLockedLogins);
  }

  /**
   * POST /tenants/:tenantId/users/:loginId/unlock, also for a platform login (its tenant id is the
   * platform's). The answered row is of no use here: the list is reloaded instead.
   */
  unlock(row: Pick<LockedLoginRow, 'tenantId' | 'loginId'>): Observable<UserRow> {
    return this.http.post<UserRow>(ApiPaths.unlock(row.tenantId, row.loginId), {});
  }
}
