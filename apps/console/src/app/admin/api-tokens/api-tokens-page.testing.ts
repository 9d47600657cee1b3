import { TestBed } from '@angular/core/testing';
import { ApiPaths, ApiTokenView } from '@latchkey/contracts';
import { TablePageTest, signInOwner } from '../../shared/testing/table-page-test';
import { ApiTokensPage } from './api-tokens-page';

/**
 * For the specs of Admin → API tokens (imported by specs only): three tokens (active, revoked,
 * expired) and `ApiTokensPageTest`, which drives the page.
 */

export const TENANT = 'tenant-1';

export function apiToken(overrides: Partial<ApiTokenView> = {}): ApiTokenView {
  return {
    id: 'token-hr',
    tenantId: TENANT,
    name: 'HR sync',
    scopes: ['users:read', 'users:write'],
    createdAt: '2026-03-02T09:30:00.000Z',
    createdBy: 'olivia@acme.test',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: '2026-03-03T10:15:00.000Z',
    ...overrides,
  };
}

export const HR_SYNC = apiToken();
export const OLD_JOB = apiToken({
  id: 'token-old',
  name: 'Old job',
  scopes: ['policy:read'],
  revokedAt: '2026-02-01T08:00:00.000Z',
  lastUsedAt: null,
  createdBy: null,
});
export const TRIAL = apiToken({
  id: 'token-trial',
  name: 'Trial',
  scopes: ['users:read'],
  expiresAt: '2026-01-31T22:59:59.999Z',
});

/** The page of Acme's signed-in owner, and what its tests do on it. */
export class ApiTokensPageTest extends TablePageTest<ApiTokensPage> {
  constructor() {
    super(ApiTokensPage, 'token-row');
  }

  /** Acme's owner. */
  protected override signIn(): void {
    signInOwner(TENANT);
  }

  /** Open the page and answer its load. */
  readonly render = async (tokens = [HR_SYNC, OLD_JOB, TRIAL]): Promise<void> => {
    this.fixture = TestBed.createComponent(ApiTokensPage);
    this.http.expectOne({ method: 'GET', url: ApiPaths.apiTokens(TENANT) }).flush(tokens);
    await this.settle();
  };
}
