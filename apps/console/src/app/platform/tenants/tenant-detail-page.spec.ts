import { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, ApplicationView } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { inDialog, settle as settleFixture } from '../../shared/testing/component-testing';
import { PageTest } from '../../shared/testing/page-test';
import { TenantDetailPage } from './tenant-detail-page';
import {
  ACME,
  GLOBEX,
  chooseOption,
  overview,
  selectedOption,
  setting,
  tenant,
} from './tenants-page.testing';

function application(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: 'client-1',
    tenantId: 'tenant-1',
    tenantName: 'Acme',
    name: 'Acme portal',
    kind: 'confidential',
    redirectUris: ['https://portal.acme.test/callback'],
    postLogoutRedirectUris: [],
    allowedUserTypeIds: null,
    secretSetAt: '2026-01-12T08:00:00.000Z',
    createdAt: '2026-01-12T08:00:00.000Z',
    createdBy: 'olivia@acme.test',
    updatedAt: '2026-01-12T08:00:00.000Z',
    ...overrides,
  };
}

const OWNERS = [
  {
    loginId: 'login-1',
    email: 'olivia@acme.test',
    displayName: 'Olivia Owner',
    active: true,
    lastSignInAt: '2026-11-30T09:15:00.000Z',
  },
  { loginId: 'login-2', email: 'otto@acme.test', displayName: 'Otto', active: false, lastSignInAt: null },
];

const APPLICATIONS = [
  application(),
  application({ id: 'client-2', tenantId: 'tenant-2', tenantName: 'Globex', name: 'Globex shop' }),
  application({ id: 'client-3', name: 'Acme mobile', kind: 'public', allowedUserTypeIds: ['type-1'] }),
];

class TenantDetailTest extends PageTest<TenantDetailPage> {
  constructor() {
    super(TenantDetailPage);
  }

  /** Open the page of `tenantId` and answer its loads. */
  readonly render = async (tenantId = 'tenant-1', tenants = [ACME, GLOBEX]): Promise<void> => {
    this.fixture = TestBed.createComponent(TenantDetailPage);
    this.fixture.componentRef.setInput('tenantId', tenantId);
    await this.settle();
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformTenants }).flush(tenants);
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformOverview }).flush(overview(tenants));
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformApplications }).flush(APPLICATIONS);
    this.http.expectOne({ method: 'GET', url: ApiPaths.platformTenantOwners(tenantId) }).flush(OWNERS);
    await this.settle();
  };

  readonly settle = (): Promise<void> => settleFixture(this.fixture);
  readonly text = (id: string): string => byTestId(this.fixture, id).textContent?.trim() ?? '';

  readonly click = async (element: HTMLElement): Promise<void> => {
    element.click();
    await this.settle();
  };

  readonly patch = (id = 'tenant-1'): TestRequest =>
    this.http.expectOne({ method: 'PATCH', url: ApiPaths.platformTenant(id) });

  readonly save = (): HTMLButtonElement => byTestId<HTMLButtonElement>(this.fixture, 'save-tenant-floor');
  readonly dialog = (): HTMLElement | null => document.querySelector<HTMLElement>('mat-dialog-container');
}

describe('TenantDetailPage', () => {
  const page = new TenantDetailTest();
  const { render, settle, text, click, patch, save, dialog } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  it('names the tenant and shows its status, owners and where its logins stand', async () => {
    await render();

    expect(text('tenant-title')).toBe('Acme');
    expect(text('tenant-status')).toBe('Active');
    expect(text('tenant-owners')).toBe('2 account owners');
    const owners = allByTestId(page.fixture, 'tenant-owner').map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(owners[0]).toMatch(/^Olivia Owner\s*olivia@acme\.test\s*Last signed in 30 Nov 2026, \d\d:\d\d \S+$/);
    expect(owners[1]).toMatch(/^Otto\s*otto@acme\.test\s*Deactivated\s*Never signed in$/);
    expect(
      ['detail-logins', 'detail-enrolled', 'detail-in-grace', 'detail-overdue', 'detail-locked'].map(text),
    ).toEqual(['120', '80', '12', '3', '0']);
    expect(text('detail-user-types')).toBe('3');
    expect(byTestId<HTMLAnchorElement>(page.fixture, 'tenant-audit-log').getAttribute('href')).toBe(
      '/platform/tenants/tenant-1/audit-log',
    );
    expect(byTestId<HTMLAnchorElement>(page.fixture, 'back-to-tenants').getAttribute('href')).toBe(
      '/platform/tenants',
    );
  });

  it("lists only this tenant's applications", async () => {
    await render();

    const names = allByTestId(page.fixture, 'tenant-app-name').map((cell) => cell.textContent?.trim());
    expect(names).toEqual(['Acme portal', 'Acme mobile']);
    const rows = allByTestId(page.fixture, 'tenant-app-row');
    expect(rows[0].textContent).toContain('Confidential');
    expect(rows[0].textContent).toContain('Every user type');
    expect(rows[1].textContent).toContain('Public');
    expect(rows[1].textContent).toContain('1 user type');
  });

  it('says when the tenant has no application', async () => {
    await render('tenant-3', [ACME, tenant({ id: 'tenant-3', name: 'Initech' })]);

    expect(text('tenant-apps-empty')).toBe('Initech has no applications.');
  });

  it('says when the platform has no such tenant', async () => {
    await render('tenant-9');

    expect(text('tenant-unknown')).toContain('no such tenant');
    expect(queryTestId(page.fixture, 'tenant-owners')).toBeNull();
  });

  it('switches two-factor sign-in with PATCH {twoFactorEnabled}, and puts it back when refused', async () => {
    await render();
    const toggle = () =>
      byTestId(page.fixture, 'detail-feature-toggle').querySelector(
        'button[role="switch"]',
      ) as HTMLButtonElement;
    expect(toggle().getAttribute('aria-checked')).toBe('false');

    await click(toggle());
    const request = patch();
    expect(request.request.body).toEqual({ twoFactorEnabled: true });
    request.flush({ ...ACME, twoFactorEnabled: true });
    await settle();
    expect(toggle().getAttribute('aria-checked')).toBe('true');
    expect(text('tenant-notice')).toContain('now available for Acme');

    await click(toggle());
    patch().flush(
      { statusCode: 409, error: 'Conflict', message: 'A platform floor is in force for this tenant' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(toggle().getAttribute('aria-checked')).toBe('true');
    expect(text('tenant-error')).toContain('A platform floor is in force for this tenant');
  });

  describe('floor (saved as the platform floor is)', () => {
    it('shows the floor in force in editable fields, with Save off until something changes', async () => {
      await render('tenant-2');

      expect(selectedOption(byTestId(page.fixture, 'tenant-floor'))).toBe('Authenticator app');
      const grace = byTestId<HTMLInputElement>(page.fixture, 'tenant-floor-grace');
      expect(grace.tagName).toBe('INPUT');
      expect(grace.value).toBe('14');
      expect(text('tenant-floor-current')).toContain('14 grace days');
      expect(save().disabled).toBe(true);
    });

    it('asks to confirm on Save, then sends PATCH {floor, floorGraceDays}', async () => {
      await render();
      await chooseOption(page.fixture, byTestId(page.fixture, 'tenant-floor'), 'PIN code');
      typeInto(byTestId<HTMLInputElement>(page.fixture, 'tenant-floor-grace'), '7');
      await settle();
      page.http.expectNone({ method: 'PATCH' });

      await click(save());
      page.http.expectNone({ method: 'PATCH' });
      expect(inDialog('confirm-message').textContent).toContain(
        'Every user of Acme will need at least a PIN code at their next sign-in.',
      );
      expect(inDialog('confirm-message').textContent).toContain('up to 7 days');
      await click(inDialog('confirm-ok'));

      const request = patch();
      expect(request.request.body).toEqual({ floor: 'pin', floorGraceDays: 7 });
      request.flush({ ...ACME, floor: setting('pin', 7) });
      await settle();

      expect(text('tenant-floor-current')).toContain('PIN code');
      expect(text('tenant-notice')).toContain('Every user of Acme now needs at least a PIN code.');
      expect(save().disabled).toBe(true);
    });

    it('sends nothing when the confirmation is cancelled, and keeps the choice', async () => {
      await render();
      await chooseOption(page.fixture, byTestId(page.fixture, 'tenant-floor'), 'Authenticator app');
      await click(save());
      await click(inDialog('confirm-cancel'));

      page.http.expectNone({ method: 'PATCH' });
      expect(dialog()).toBeNull();
      expect(selectedOption(byTestId(page.fixture, 'tenant-floor'))).toBe('Authenticator app');
      expect(save().disabled).toBe(false);
    });

    it('removes the floor with PATCH {floor: null} on Save, as the platform floor is removed', async () => {
      await render('tenant-2');
      await chooseOption(page.fixture, byTestId(page.fixture, 'tenant-floor'), 'Off');
      await click(save());

      expect(dialog()).toBeNull();
      const request = patch('tenant-2');
      expect(request.request.body).toEqual({ floor: null });
      request.flush({ ...GLOBEX, floor: null });
      await settle();
      expect(text('tenant-floor-current')).toContain('No floor of its own');
    });

    it('puts the grace days refused by the API under their field', async () => {
      await render();
      await chooseOption(page.fixture, byTestId(page.fixture, 'tenant-floor'), 'PIN code');
      typeInto(byTestId<HTMLInputElement>(page.fixture, 'tenant-floor-grace'), '30');
      await settle();
      await click(save());
      await click(inDialog('confirm-ok'));
      patch().flush(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          errors: [{ field: 'floorGraceDays', messages: ['floorGraceDays must not be greater than 14'] }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await settle();

      expect(page.fixture.nativeElement.textContent).toContain('floorGraceDays must not be greater than 14');
      expect(byTestId<HTMLInputElement>(page.fixture, 'tenant-floor-grace').value).toBe('30');
    });
  });
});
