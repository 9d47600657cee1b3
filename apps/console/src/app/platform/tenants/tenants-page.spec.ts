import { Clipboard } from '@angular/cdk/clipboard';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, CreateTenantAnswer, PolicySetting, TenantSummary } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import {
  inDialog,
  inRowWith,
  pageProviders,
  rowWith,
  settle as settleFixture,
} from '../../shared/testing/component-testing';
import { TenantsPage } from './tenants-page';

function tenant(overrides: Partial<TenantSummary> = {}): TenantSummary {
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

function setting(method: PolicySetting['method'], graceDays = 0): PolicySetting {
  return { method, graceDays, setBy: 'root@latchkey.test', setAt: '2026-02-01T10:00:00.000Z' };
}

const ACME = tenant();
const GLOBEX = tenant({
  id: 'tenant-2',
  name: 'Globex',
  twoFactorEnabled: true,
  floor: setting('authenticator', 14),
  suspended: true,
  counts: { logins: 7, userTypes: 1, owners: 1 },
});

describe('TenantsPage', () => {
  let fixture: ComponentFixture<TenantsPage>;
  let http: HttpTestingController;

  async function render(tenants = [ACME, GLOBEX], floor: PolicySetting | null = null): Promise<void> {
    fixture = TestBed.createComponent(TenantsPage);
    http.expectOne({ method: 'GET', url: ApiPaths.platformTenants }).flush(tenants);
    http.expectOne({ method: 'GET', url: ApiPaths.platformFloor }).flush({ floor });
    await settle();
  }

  const settle = () => settleFixture(fixture);
  const row = (name: string) => rowWith(fixture, 'tenant-row', name);

  function inRow<T extends HTMLElement = HTMLElement>(name: string, id: string): T {
    return inRowWith<T>(fixture, 'tenant-row', name, id);
  }

  function dialog(): HTMLElement | null {
    return document.querySelector<HTMLElement>('mat-dialog-container');
  }

  async function choose(select: HTMLElement, label: string): Promise<void> {
    select.querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
    await settle();
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find(
      (o) => o.textContent?.trim() === label,
    );
    if (!option) {
      throw new Error(`No option ${label}`);
    }
    option.click();
    await settle();
  }

  function selected(select: HTMLElement): string {
    return select.querySelector('.mat-mdc-select-value')?.textContent?.trim() ?? '';
  }

  function toggle(name: string): HTMLButtonElement {
    return inRow(name, 'feature-toggle').querySelector<HTMLButtonElement>(
      'button[role="switch"]',
    ) as HTMLButtonElement;
  }

  async function click(element: HTMLElement): Promise<void> {
    element.click();
    await settle();
  }

  function patch(id: string): TestRequest {
    return http.expectOne({ method: 'PATCH', url: ApiPaths.platformTenant(id) });
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [TenantsPage],
      providers: pageProviders(),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists every tenant with its feature switch, floor, status and counts', async () => {
    await render();

    expect(allByTestId(fixture, 'tenant-row')).toHaveLength(2);
    expect(toggle('Acme').getAttribute('aria-checked')).toBe('false');
    expect(toggle('Globex').getAttribute('aria-checked')).toBe('true');
    expect(selected(inRow('Acme', 'tenant-floor'))).toBe('Off');
    expect(selected(inRow('Globex', 'tenant-floor'))).toBe('Authenticator app');
    expect(inRow('Globex', 'tenant-floor-grace').textContent).toContain('14 grace days');
    expect(inRow('Acme', 'tenant-status').textContent?.trim()).toBe('Active');
    expect(inRow('Globex', 'tenant-status').textContent?.trim()).toBe('Suspended');
    expect(inRow('Globex', 'tenant-suspend').textContent?.trim()).toBe('Unsuspend');
    expect(inRow('Acme', 'tenant-logins').textContent?.trim()).toBe('120');
    expect(inRow('Acme', 'tenant-user-types').textContent?.trim()).toBe('3');
    expect(inRow('Acme', 'tenant-owners').textContent?.trim()).toBe('2');
  });

  it('links each tenant to its audit log, named for assistive technology', async () => {
    await render();

    const link = inRow<HTMLAnchorElement>('Globex', 'tenant-audit-log');
    expect(link.getAttribute('href')).toBe('/platform/tenants/tenant-2/audit-log');
    expect(link.getAttribute('aria-label')).toBe('Audit log of Globex');
    expect(link.textContent?.trim()).toBe('Audit log');
  });

  it('says when the tenants cannot be loaded, and tries again', async () => {
    fixture = TestBed.createComponent(TenantsPage);
    http
      .expectOne(ApiPaths.platformTenants)
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'Super users only' },
        { status: 403, statusText: 'Forbidden' },
      );
    http.expectOne(ApiPaths.platformFloor).flush({ floor: null });
    await settle();

    const failure = byTestId(fixture, 'tenants-load-error');
    expect(failure.textContent).toContain('Super users only');
    await click(failure.querySelector('button') as HTMLButtonElement);
    http.expectOne(ApiPaths.platformTenants).flush([ACME]);
    await settle();
    expect(allByTestId(fixture, 'tenant-row')).toHaveLength(1);
    expect(queryTestId(fixture, 'tenants-load-error')).toBeNull();
  });

  describe('feature switch', () => {
    it('sends PATCH {twoFactorEnabled} and shows the answer', async () => {
      await render();
      await click(toggle('Acme'));

      const request = patch('tenant-1');
      expect(request.request.body).toEqual({ twoFactorEnabled: true });
      expect(toggle('Acme').disabled).toBe(true);
      request.flush({ ...ACME, twoFactorEnabled: true });
      await settle();

      expect(toggle('Acme').getAttribute('aria-checked')).toBe('true');
      expect(toggle('Acme').disabled).toBe(false);
      expect(byTestId(fixture, 'tenants-notice').textContent).toContain('Acme');
    });

    it('switches off too, and puts the toggle back when the API refuses', async () => {
      await render();
      await click(toggle('Globex'));

      const request = patch('tenant-2');
      expect(request.request.body).toEqual({ twoFactorEnabled: false });
      request.flush(
        { statusCode: 409, error: 'Conflict', message: 'A platform floor is in force for this tenant' },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();

      expect(toggle('Globex').getAttribute('aria-checked')).toBe('true');
      const error = byTestId(fixture, 'tenants-error');
      expect(error.textContent).toContain('could not be switched off for Globex');
      expect(error.textContent).toContain('A platform floor is in force for this tenant');
    });
  });

  describe('tenant floor', () => {
    it('asks first, then sends PATCH {floor, floorGraceDays}', async () => {
      await render();
      await choose(inRow('Acme', 'tenant-floor'), 'PIN code');

      http.expectNone({ method: 'PATCH' });
      expect(inDialog('confirm-message').textContent).toContain(
        'Every user of Acme will need at least a PIN code at their next sign-in.',
      );
      typeInto(inDialog<HTMLInputElement>('tenant-floor-grace-days'), '7');
      await settle();
      expect(inDialog('confirm-message').textContent).toContain('up to 7 days');
      await click(inDialog('confirm-ok'));

      const request = patch('tenant-1');
      expect(request.request.body).toEqual({ floor: 'pin', floorGraceDays: 7 });
      request.flush({ ...ACME, floor: setting('pin', 7) });
      await settle();

      expect(dialog()).toBeNull();
      expect(selected(inRow('Acme', 'tenant-floor'))).toBe('PIN code');
      expect(inRow('Acme', 'tenant-floor-grace').textContent).toContain('7 grace days');
    });

    it('starts from the grace days of the floor in force, and changes only them on request', async () => {
      await render();
      await click(inRow('Globex', 'tenant-floor-grace'));

      expect(inDialog<HTMLInputElement>('tenant-floor-grace-days').value).toBe('14');
      typeInto(inDialog<HTMLInputElement>('tenant-floor-grace-days'), '0');
      await click(inDialog('confirm-ok'));

      expect(patch('tenant-2').request.body).toEqual({ floor: 'authenticator', floorGraceDays: 0 });
    });

    it('sends nothing when cancelled, and shows the floor in force again', async () => {
      await render();
      await choose(inRow('Globex', 'tenant-floor'), 'PIN code');
      await click(inDialog('confirm-cancel'));

      http.expectNone({ method: 'PATCH' });
      expect(dialog()).toBeNull();
      expect(selected(inRow('Globex', 'tenant-floor'))).toBe('Authenticator app');
    });

    it('keeps the dialog and the input when the API refuses, with the reason under the field', async () => {
      await render();
      await choose(inRow('Acme', 'tenant-floor'), 'Authenticator app');
      typeInto(inDialog<HTMLInputElement>('tenant-floor-grace-days'), '30');
      await click(inDialog('confirm-ok'));

      patch('tenant-1').flush(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          errors: [{ field: 'floorGraceDays', messages: ['floorGraceDays must not be greater than 14'] }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await settle();

      expect(dialog()?.textContent).toContain('floorGraceDays must not be greater than 14');
      expect(inDialog<HTMLInputElement>('tenant-floor-grace-days').value).toBe('30');

      typeInto(inDialog<HTMLInputElement>('tenant-floor-grace-days'), '14');
      await click(inDialog('confirm-ok'));
      expect(patch('tenant-1').request.body).toEqual({ floor: 'authenticator', floorGraceDays: 14 });
    });

    it('refuses grace days that are not a whole number of days, without asking the API', async () => {
      await render();
      await choose(inRow('Acme', 'tenant-floor'), 'PIN code');
      typeInto(inDialog<HTMLInputElement>('tenant-floor-grace-days'), '-1');
      await click(inDialog('confirm-ok'));

      http.expectNone({ method: 'PATCH' });
      expect(dialog()?.textContent).toContain('Enter a whole number of days');
    });

    it('removes a floor with PATCH {floor: null}, without asking', async () => {
      await render();
      await choose(inRow('Globex', 'tenant-floor'), 'Off');

      expect(dialog()).toBeNull();
      const request = patch('tenant-2');
      expect(request.request.body).toEqual({ floor: null });
      request.flush({ ...GLOBEX, floor: null });
      await settle();
      expect(row('Globex').querySelector('[data-testid="tenant-floor-grace"]')).toBeNull();
    });
  });

  describe('suspension', () => {
    it('suspends after confirmation', async () => {
      await render();
      await click(inRow('Acme', 'tenant-suspend'));

      http.expectNone({ method: 'PATCH' });
      expect(inDialog('confirm-message').textContent).toContain('Nobody can sign in to Acme');
      await click(inDialog('confirm-ok'));

      const request = patch('tenant-1');
      expect(request.request.body).toEqual({ suspended: true });
      request.flush({ ...ACME, suspended: true });
      await settle();
      expect(inRow('Acme', 'tenant-status').textContent?.trim()).toBe('Suspended');
      expect(inRow('Acme', 'tenant-suspend').textContent?.trim()).toBe('Unsuspend');
    });

    it('unsuspends after confirmation, and does nothing when cancelled', async () => {
      await render();
      await click(inRow('Globex', 'tenant-suspend'));
      await click(inDialog('confirm-cancel'));
      http.expectNone({ method: 'PATCH' });

      await click(inRow('Globex', 'tenant-suspend'));
      await click(inDialog('confirm-ok'));
      expect(patch('tenant-2').request.body).toEqual({ suspended: false });
    });
  });

  describe('create tenant', () => {
    const created: CreateTenantAnswer = {
      tenant: tenant({ id: 'tenant-3', name: 'Initech', counts: { logins: 1, userTypes: 1, owners: 1 } }),
      ownerLoginId: 'login-9',
      initialPassword: 'tidy-otter-42-lamp',
    };

    async function fill(password = ''): Promise<void> {
      await click(byTestId(fixture, 'create-tenant'));
      typeInto(inDialog<HTMLInputElement>('create-tenant-name'), ' Initech ');
      typeInto(inDialog<HTMLInputElement>('create-tenant-owner-email'), 'bill@initech.test');
      typeInto(inDialog<HTMLInputElement>('create-tenant-owner-name'), 'Bill Lumbergh');
      typeInto(inDialog<HTMLInputElement>('create-tenant-owner-password'), password);
      await click(inDialog('create-tenant-submit'));
    }

    function post(): TestRequest {
      return http.expectOne({ method: 'POST', url: ApiPaths.platformTenants });
    }

    it('posts the tenant and its owner, then shows the generated password once, with a copy button', async () => {
      const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
      await render();
      await fill();

      const request = post();
      expect(request.request.body).toEqual({
        name: 'Initech',
        ownerEmail: 'bill@initech.test',
        ownerDisplayName: 'Bill Lumbergh',
      });
      request.flush(created, { status: 201, statusText: 'Created' });
      await settle();

      expect(inDialog('initial-password').textContent?.trim()).toBe('tidy-otter-42-lamp');
      expect(dialog()?.textContent).toContain('shown only once');
      await click(inDialog('copy-password'));
      expect(copy).toHaveBeenCalledWith('tidy-otter-42-lamp');
      expect(inDialog('copy-password').textContent?.trim()).toBe('Copied');

      await click(inDialog('create-tenant-done'));
      expect(dialog()).toBeNull();
      expect(row('Initech')).toBeTruthy();
      expect(allByTestId(fixture, 'tenant-row')).toHaveLength(3);
      expect(byTestId(fixture, 'tenants-notice').textContent).toContain('Initech');
      expect(document.body.textContent).not.toContain('tidy-otter-42-lamp');
    });

    it('sends a chosen password and closes at once when there is nothing to show', async () => {
      await render();
      await fill('a long chosen password');

      const request = post();
      expect(request.request.body).toMatchObject({ ownerPassword: 'a long chosen password' });
      request.flush({ ...created, initialPassword: null }, { status: 201, statusText: 'Created' });
      await settle();

      expect(dialog()).toBeNull();
      expect(row('Initech')).toBeTruthy();
      expect(byTestId(fixture, 'tenants-notice').textContent).toContain('the password you chose');
    });

    it('says so when the owner already had a password', async () => {
      await render();
      await fill();
      post().flush({ ...created, initialPassword: null }, { status: 201, statusText: 'Created' });
      await settle();

      expect(dialog()).toBeNull();
      expect(byTestId(fixture, 'tenants-notice').textContent).toContain('already has a Latchkey password');
    });

    it('shows field errors under their fields and keeps what was typed', async () => {
      await render();
      await fill('short');
      post().flush(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          errors: [{ field: 'ownerPassword', messages: ['ownerPassword must be at least 12 characters'] }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await settle();

      expect(inDialog('create-tenant-owner-password-error').textContent).toContain('at least 12 characters');
      expect(inDialog<HTMLInputElement>('create-tenant-name').value).toBe(' Initech ');
      expect(inDialog<HTMLInputElement>('create-tenant-owner-email').value).toBe('bill@initech.test');
      expect(inDialog<HTMLInputElement>('create-tenant-owner-password').value).toBe('short');
    });

    it("shows the API's message for a conflict", async () => {
      await render();
      await fill();
      post().flush(
        { statusCode: 409, error: 'Conflict', message: 'A tenant named Initech exists already' },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();

      expect(inDialog('create-tenant-error').textContent).toContain('A tenant named Initech exists already');
      expect(inDialog<HTMLButtonElement>('create-tenant-submit').disabled).toBe(false);
    });

    it('asks nothing of the API while required fields are empty', async () => {
      await render();
      await click(byTestId(fixture, 'create-tenant'));
      await click(inDialog('create-tenant-submit'));

      http.expectNone({ method: 'POST' });
      expect(dialog()?.textContent).toContain("Enter the tenant's name.");
      await click(inDialog('create-tenant-cancel'));
      expect(dialog()).toBeNull();
    });
  });

  describe('platform floor', () => {
    function saveButton(): HTMLButtonElement {
      return byTestId<HTMLButtonElement>(fixture, 'save-platform-floor');
    }

    it('shows the floor in force, and saves only a change', async () => {
      await render([ACME], setting('pin', 5));

      expect(selected(byTestId(fixture, 'platform-floor'))).toBe('PIN code');
      expect(byTestId<HTMLInputElement>(fixture, 'platform-floor-grace').value).toBe('5');
      expect(byTestId(fixture, 'platform-floor-current').textContent).toContain('root@latchkey.test');
      expect(saveButton().disabled).toBe(true);
    });

    it('confirms before forcing a method on every tenant, then sends PUT {method, graceDays}', async () => {
      await render();
      expect(byTestId(fixture, 'platform-floor-current').textContent).toContain('No platform floor');

      await choose(byTestId(fixture, 'platform-floor'), 'Authenticator app');
      typeInto(byTestId<HTMLInputElement>(fixture, 'platform-floor-grace'), '3');
      await settle();
      await click(saveButton());

      http.expectNone({ method: 'PUT' });
      expect(inDialog('confirm-message').textContent).toContain(
        'Every user of every tenant will need at least an authenticator app at their next sign-in.',
      );
      await click(inDialog('confirm-ok'));

      const request = http.expectOne({ method: 'PUT', url: ApiPaths.platformFloor });
      expect(request.request.body).toEqual({ method: 'authenticator', graceDays: 3 });
      request.flush({ floor: setting('authenticator', 3) });
      await settle();

      expect(byTestId(fixture, 'platform-floor-current').textContent).toContain('Authenticator app');
      expect(saveButton().disabled).toBe(true);
    });

    it('sends nothing when the confirmation is cancelled, and keeps the choice', async () => {
      await render();
      await choose(byTestId(fixture, 'platform-floor'), 'PIN code');
      await click(saveButton());
      await click(inDialog('confirm-cancel'));

      http.expectNone({ method: 'PUT' });
      expect(selected(byTestId(fixture, 'platform-floor'))).toBe('PIN code');
    });

    it("removes the floor with PUT {method: 'off'}", async () => {
      await render([ACME], setting('authenticator'));
      await choose(byTestId(fixture, 'platform-floor'), 'Off');
      await click(saveButton());

      expect(dialog()).toBeNull();
      const request = http.expectOne({ method: 'PUT', url: ApiPaths.platformFloor });
      expect(request.request.body).toEqual({ method: 'off' });
      request.flush({ floor: null });
      await settle();
      expect(byTestId(fixture, 'platform-floor-current').textContent).toContain('No platform floor');
    });

    it('keeps the choice and says why when the API refuses', async () => {
      await render();
      await choose(byTestId(fixture, 'platform-floor'), 'PIN code');
      typeInto(byTestId<HTMLInputElement>(fixture, 'platform-floor-grace'), '10');
      await settle();
      await click(saveButton());
      await click(inDialog('confirm-ok'));

      http
        .expectOne({ method: 'PUT', url: ApiPaths.platformFloor })
        .flush(
          { statusCode: 500, error: 'Internal Server Error', message: 'boom' },
          { status: 500, statusText: 'Error' },
        );
      await settle();

      expect(byTestId(fixture, 'platform-floor-error').textContent).toContain(
        'Something went wrong on our side',
      );
      expect(selected(byTestId(fixture, 'platform-floor'))).toBe('PIN code');
      expect(byTestId<HTMLInputElement>(fixture, 'platform-floor-grace').value).toBe('10');
      expect(saveButton().disabled).toBe(false);
    });
  });
});
