import { Clipboard } from '@angular/cdk/clipboard';
import { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, CreateTenantAnswer } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { TenantsPage } from './tenants-page';
import { ACME, overview, tenant, TenantsPageTest } from './tenants-page.testing';

/** The list, its feature switch and suspension, and creating a tenant (the floors: tenants-floors.spec.ts). */
describe('TenantsPage', () => {
  const page = new TenantsPageTest();
  const { render, settle, row, inRow, dialog, toggle, click, patch } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  it('lists every tenant with its feature switch, floor, status and counts', async () => {
    await render();

    expect(allByTestId(page.fixture, 'tenant-row')).toHaveLength(2);
    expect(toggle('Acme').getAttribute('aria-checked')).toBe('false');
    expect(toggle('Globex').getAttribute('aria-checked')).toBe('true');
    expect(inRow('Acme', 'tenant-floor').textContent?.trim()).toBe('Off');
    expect(inRow('Globex', 'tenant-floor').textContent?.trim()).toBe('Authenticator app, 14 grace days');
    expect(inRow('Acme', 'tenant-status').textContent?.trim()).toBe('Active');
    expect(inRow('Globex', 'tenant-status').textContent?.trim()).toBe('Suspended');
    expect(inRow('Globex', 'tenant-suspend').textContent?.trim()).toBe('Unsuspend');
    expect(inRow('Acme', 'tenant-logins').textContent?.trim()).toBe('120');
    expect(inRow('Acme', 'tenant-user-types').textContent?.trim()).toBe('3');
    expect(inRow('Acme', 'tenant-owners').textContent?.trim()).toBe('2');
  });

  it("shows each tenant's enrolled, in grace and overdue logins from the platform's overview", async () => {
    await render();

    const headers = Array.from(page.fixture.nativeElement.querySelectorAll('th')).map((th) =>
      (th as HTMLElement).textContent?.trim(),
    );
    expect(headers.slice(-3)).toEqual(['Enrolled', 'In grace', 'Overdue']);
    const numbers = (name: string) =>
      ['tenant-enrolled', 'tenant-in-grace', 'tenant-overdue'].map((id) =>
        inRow(name, id).textContent?.trim(),
      );
    expect(numbers('Acme')).toEqual(['80', '12', '3']);
    expect(numbers('Globex')).toEqual(['7', '0', '0']);
  });

  it("opens a tenant's page from its name, where its floor is changed", async () => {
    await render();

    const link = inRow<HTMLAnchorElement>('Globex', 'tenant-name');
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe('/platform/tenants/tenant-2');
    expect(row('Globex').querySelector('mat-select')).toBeNull();
  });

  it('links each tenant to its audit log, named for assistive technology', async () => {
    await render();

    const link = inRow<HTMLAnchorElement>('Globex', 'tenant-audit-log');
    expect(link.getAttribute('href')).toBe('/platform/tenants/tenant-2/audit-log');
    expect(link.getAttribute('aria-label')).toBe('Audit log of Globex');
    expect(link.textContent?.trim()).toBe('Audit log');
  });

  it('says when the tenants cannot be loaded, and tries again', async () => {
    page.fixture = TestBed.createComponent(TenantsPage);
    page.http.expectOne(ApiPaths.platformOverview).flush(overview([]));
    page.http
      .expectOne(ApiPaths.platformTenants)
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'Super users only' },
        { status: 403, statusText: 'Forbidden' },
      );
    page.http.expectOne(ApiPaths.platformFloor).flush({ floor: null });
    await settle();

    const failure = byTestId(page.fixture, 'tenants-load-error');
    expect(failure.textContent).toContain('Super users only');
    await click(failure.querySelector('button') as HTMLButtonElement);
    page.http.expectOne(ApiPaths.platformTenants).flush([ACME]);
    page.http.expectOne(ApiPaths.platformOverview).flush(overview([ACME]));
    await settle();
    expect(allByTestId(page.fixture, 'tenant-row')).toHaveLength(1);
    expect(inRow('Acme', 'tenant-in-grace').textContent?.trim()).toBe('12');
    expect(queryTestId(page.fixture, 'tenants-load-error')).toBeNull();
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
      expect(byTestId(page.fixture, 'tenants-notice').textContent).toContain('Acme');
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
      const error = byTestId(page.fixture, 'tenants-error');
      expect(error.textContent).toContain('could not be switched off for Globex');
      expect(error.textContent).toContain('A platform floor is in force for this tenant');
    });
  });

  describe('suspension', () => {
    it('suspends after confirmation', async () => {
      await render();
      await click(inRow('Acme', 'tenant-suspend'));

      page.http.expectNone({ method: 'PATCH' });
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
      page.http.expectNone({ method: 'PATCH' });

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
      await click(byTestId(page.fixture, 'create-tenant'));
      typeInto(inDialog<HTMLInputElement>('create-tenant-name'), ' Initech ');
      typeInto(inDialog<HTMLInputElement>('create-tenant-owner-email'), 'bill@initech.test');
      typeInto(inDialog<HTMLInputElement>('create-tenant-owner-name'), 'Bill Lumbergh');
      typeInto(inDialog<HTMLInputElement>('create-tenant-owner-password'), password);
      await click(inDialog('create-tenant-submit'));
    }

    function post(): TestRequest {
      return page.http.expectOne({ method: 'POST', url: ApiPaths.platformTenants });
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
      expect(allByTestId(page.fixture, 'tenant-row')).toHaveLength(3);
      expect(byTestId(page.fixture, 'tenants-notice').textContent).toContain('Initech');
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
      expect(byTestId(page.fixture, 'tenants-notice').textContent).toContain('the password you chose');
    });

    it('says so when the owner already had a password', async () => {
      await render();
      await fill();
      post().flush({ ...created, initialPassword: null }, { status: 201, statusText: 'Created' });
      await settle();

      expect(dialog()).toBeNull();
      expect(byTestId(page.fixture, 'tenants-notice').textContent).toContain(
        'already has a Latchkey password',
      );
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

    it('closes on Escape like Cancel, sending nothing, and gives focus back to its button', async () => {
      await render();
      const opener = byTestId<HTMLButtonElement>(page.fixture, 'create-tenant');
      opener.focus();
      await click(opener);
      expect(document.activeElement).not.toBe(opener);
      typeInto(inDialog<HTMLInputElement>('create-tenant-name'), 'Initech');

      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await page.dialogGone();

      expect(dialog()).toBeNull();
      page.http.expectNone({ method: 'POST' });
      expect(allByTestId(page.fixture, 'tenant-row')).toHaveLength(2);
      expect(document.activeElement).toBe(opener);
    });

    it('waits on Escape while the tenant is being made, then closes on Escape with the answer', async () => {
      const escape = () =>
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await render();
      await fill();
      const request = post();
      escape();
      await settle();
      expect(dialog()).not.toBeNull();

      request.flush(created, { status: 201, statusText: 'Created' });
      await settle();
      expect(inDialog('initial-password').textContent?.trim()).toBe('tidy-otter-42-lamp');
      document.querySelector<HTMLElement>('.cdk-overlay-backdrop')?.click();
      await settle();
      expect(dialog()).not.toBeNull();

      escape();
      await page.dialogGone();
      expect(dialog()).toBeNull();
      expect(row('Initech')).toBeTruthy();
    });

    it('asks nothing of the API while required fields are empty', async () => {
      await render();
      await click(byTestId(page.fixture, 'create-tenant'));
      await click(inDialog('create-tenant-submit'));

      page.http.expectNone({ method: 'POST' });
      expect(dialog()?.textContent).toContain("Enter the tenant's name.");
      await click(inDialog('create-tenant-cancel'));
      expect(dialog()).toBeNull();
    });
  });
});
