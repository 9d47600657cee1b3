import { TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import {
  ApiPaths,
  EnrolmentCounts,
  PlatformOverview,
  PolicySetting,
  TenantSummary,
  emptyCounts,
} from '@latchkey/contracts';
import { inRowWith, rowWith, settle as settleFixture } from '../../shared/testing/component-testing';
import { PageTest } from '../../shared/testing/page-test';
import { TenantsPage } from './tenants-page';

/**
 * For the specs of Platform → Tenants (imported by specs only): tenants and floors, and
 * `TenantsPageTest`, which drives the page.
 */

export function tenant(overrides: Partial<TenantSummary> = {}): TenantSummary {
  return {
    id: 'tenant-1',
    name: 'Acme',
    twoFactorEnabled: false,
    floor: null,
    suspended: false,
    createdAt: '2026-01-10T08:00:00.000Z',
    counts: { logins: 120, userTypes: 3, owners: 2 },
    ...overrides,
  };
}

export function setting(method: PolicySetting['method'], graceDays = 0): PolicySetting {
  return { method, graceDays, setBy: 'root@latchkey.test', setAt: '2026-02-01T10:00:00.000Z' };
}

export const ACME = tenant();
export const GLOBEX = tenant({
  id: 'tenant-2',
  name: 'Globex',
  twoFactorEnabled: true,
  floor: setting('authenticator', 14),
  suspended: true,
  counts: { logins: 7, userTypes: 1, owners: 1 },
});

/** The platform's overview of `tenants`: each tenant's numbers from `counts`, zero otherwise. */
export function overview(
  tenants: TenantSummary[],
  counts: Record<string, Partial<EnrolmentCounts>> = OVERVIEW_COUNTS,
): PlatformOverview {
  return {
    totals: emptyCounts(),
    tenants: tenants.map((t) => ({
      tenantId: t.id,
      tenantName: t.name,
      counts: { ...emptyCounts(), ...counts[t.id] },
    })),
    at: '2026-03-01T10:00:00.000Z',
  };
}

export const OVERVIEW_COUNTS: Record<string, Partial<EnrolmentCounts>> = {
  'tenant-1': { logins: 120, enrolled: 80, inGrace: 12, overdue: 3 },
  'tenant-2': { logins: 7, enrolled: 7 },
};

/** Open the select and pick the option `label`. */
export async function chooseOption(
  fixture: ComponentFixture<unknown>,
  select: HTMLElement,
  label: string,
): Promise<void> {
  select.querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
  await settleFixture(fixture);
  const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find(
    (o) => o.textContent?.trim() === label,
  );
  if (!option) {
    throw new Error(`No option ${label}`);
  }
  option.click();
  await settleFixture(fixture);
}

/** The option a select shows. */
export function selectedOption(select: HTMLElement): string {
  return select.querySelector('.mat-mdc-select-value')?.textContent?.trim() ?? '';
}

/** The page, and what its tests do on it. */
export class TenantsPageTest extends PageTest<TenantsPage> {
  constructor() {
    super(TenantsPage);
  }

  /** Open the page and answer its loads (the tenants with their overview, and the floor). */
  readonly render = async (tenants = [ACME, GLOBEX], floor: PolicySetting | null = null): Promise<void> => {
    this.fixture = TestBed.createComponent(TenantsPage);
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformTenants }).flush(tenants);
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformOverview }).flush(overview(tenants));
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformFloor }).flush({ floor });
    await this.settle();
  };

  readonly settle = (): Promise<void> => settleFixture(this.fixture);
  readonly row = (name: string): HTMLElement => rowWith(this.fixture, 'tenant-row', name);

  readonly inRow = <T extends HTMLElement = HTMLElement>(name: string, id: string): T =>
    inRowWith<T>(this.fixture, 'tenant-row', name, id);

  readonly dialog = (): HTMLElement | null => document.querySelector<HTMLElement>('mat-dialog-container');

  /** Open a select and pick the option `label`. */
  readonly choose = (select: HTMLElement, label: string): Promise<void> =>
    chooseOption(this.fixture, select, label);

  readonly selected = selectedOption;

  /** The feature switch of a tenant's row. */
  readonly toggle = (name: string): HTMLButtonElement =>
    this.inRow(name, 'feature-toggle').querySelector<HTMLButtonElement>(
      'button[role="switch"]',
    ) as HTMLButtonElement;

  readonly click = async (element: HTMLElement): Promise<void> => {
    element.click();
    await this.settle();
  };

  readonly patch = (id: string): TestRequest =>
    this.http.expectOne({ method: 'PATCH', url: ApiPaths.platformTenant(id) });
}
