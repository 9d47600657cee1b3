import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, ApplicationCreatedAnswer } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { noDialog } from '../../shared/testing/dialog-test';
import { ApplicationsPage } from './applications-page';
import { ApplicationsPageTest, DESK, HR, TENANT, application } from './applications-page.testing';
import { SHOWN_ONCE } from './secret-dialog';

const SECRET = 'q7Vb3xN0s-very-secret-and-random-value-4k';

describe('ApplicationsPage', () => {
  const page = new ApplicationsPageTest();
  const { render, settle, row, inRow, click, expectCall } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  it('lists each application with its kind, redirect URIs, user types by name and secret', async () => {
    await render();

    expect(allByTestId(page.fixture, 'application-row')).toHaveLength(2);
    expect(byTestId(page.fixture, 'applications-count').textContent?.trim()).toBe('2 applications');
    expect(inRow('HR portal', 'application-kind').textContent?.trim()).toBe('Confidential');
    expect(inRow('Ticket desk', 'application-kind').textContent?.trim()).toBe('Public (PKCE)');
    const uris = inRow('HR portal', 'application-uris').textContent ?? '';
    expect(uris).toContain('https://hr.acme.test/callback');
    expect(uris).toContain('http://localhost:4300/callback');
    expect(inRow('HR portal', 'application-logout-uris').textContent).toContain('https://hr.acme.test/');
    expect(inRow('HR portal', 'application-types').textContent?.trim()).toBe('Managers');
    expect(inRow('Ticket desk', 'application-types').textContent?.trim()).toBe('All user types');
    expect(inRow('HR portal', 'application-secret').textContent?.trim()).toMatch(/^Set 2 Mar 2026, \d\d:30$/);
    expect(inRow('Ticket desk', 'application-secret').textContent?.trim()).toBe('None: signs in with PKCE');
    expect(inRow('HR portal', 'application-client-id').textContent).toContain('app-hr');
    expect(inRow('HR portal', 'application-delete').getAttribute('aria-label')).toBe('Delete HR portal');
  });

  it('offers no secret rotation for a public application', async () => {
    await render();

    expect(inRow('HR portal', 'application-rotate').textContent?.trim()).toBe('Rotate secret');
    expect(row('Ticket desk').querySelector('[data-testid="application-rotate"]')).toBeNull();
    expect(row('Ticket desk').querySelector('[data-testid="application-edit"]')).not.toBeNull();
  });

  it('explains what an application is while there are none', async () => {
    await render([]);

    const empty = byTestId(page.fixture, 'applications-empty').textContent ?? '';
    expect(empty).toContain('No applications yet.');
    expect(empty).toContain('An application is a website or app');
    expect(empty).toContain('client ID');
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    page.fixture = TestBed.createComponent(ApplicationsPage);
    page.http
      .expectOne(ApiPaths.applications(TENANT))
      .flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    // The other load is cancelled with it.
    expect(page.http.expectOne(ApiPaths.userTypes(TENANT)).cancelled).toBe(true);
    await settle();

    expect(byTestId(page.fixture, 'applications-load-error').textContent).toContain(
      'The applications could not be loaded.',
    );
    expect(byTestId<HTMLButtonElement>(page.fixture, 'register-application').disabled).toBe(true);
    await click(byTestId(page.fixture, 'applications-retry'));
    expectCall('GET', ApiPaths.applications(TENANT)).flush([HR]);
    expectCall('GET', ApiPaths.userTypes(TENANT)).flush([]);
    await settle();
    expect(allByTestId(page.fixture, 'application-row')).toHaveLength(1);
    expect(queryTestId(page.fixture, 'applications-load-error')).toBeNull();
  });

  it('registers a confidential application, then shows its secret once and lists it', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render([DESK]);
    await click(byTestId(page.fixture, 'register-application'));

    typeInto(inDialog<HTMLInputElement>('app-name'), 'Payroll');
    typeInto(inDialog<HTMLInputElement>('app-redirect-uris'), 'https://payroll.acme.test/cb\n');
    await click(inDialog('app-submit'));

    const post = expectCall('POST', ApiPaths.applications(TENANT));
    expect(post.request.body).toEqual({
      name: 'Payroll',
      kind: 'confidential',
      redirectUris: ['https://payroll.acme.test/cb'],
      postLogoutRedirectUris: [],
      allowedUserTypeIds: null,
    });
    const payroll = application({
      id: 'app-payroll',
      name: 'Payroll',
      redirectUris: ['https://payroll.acme.test/cb'],
      postLogoutRedirectUris: [],
      allowedUserTypeIds: null,
    });
    const answer: ApplicationCreatedAnswer = { application: payroll, clientSecret: SECRET };
    post.flush(answer, { status: 201, statusText: 'Created' });
    await page.dialogGone();
    await settle();

    expect(inDialog('client-secret').textContent?.trim()).toBe(SECRET);
    expect(inDialog('secret-warning').textContent).toContain(SHOWN_ONCE);
    expect(inDialog('client-id').textContent?.trim()).toBe('app-payroll');
    await click(inDialog('copy-secret'));
    expect(copy).toHaveBeenCalledWith(SECRET);
    expect(inRow('Payroll', 'application-kind').textContent?.trim()).toBe('Confidential');
    expect(row('Payroll').textContent).not.toContain(SECRET);

    await click(inDialog('secret-done'));
    await page.dialogGone();
    expect(noDialog()).toBe(true);
    expect(document.body.textContent).not.toContain(SECRET);
    // By name: Payroll before Ticket desk.
    expect(allByTestId(page.fixture, 'application-name').map((n) => n.textContent?.trim())).toEqual([
      'Payroll',
      'Ticket desk',
    ]);
  });

  it('changes an application, sending only what changed, and shows the answer in its row', async () => {
    await render();
    await click(inRow('HR portal', 'application-edit'));

    expect(inDialog<HTMLInputElement>('app-name').value).toBe('HR portal');
    typeInto(inDialog<HTMLInputElement>('app-name'), 'People portal');
    await settle();
    await click(inDialog('app-submit'));

    const patch = expectCall('PATCH', ApiPaths.application(TENANT, 'app-hr'));
    expect(patch.request.body).toEqual({ name: 'People portal' });
    patch.flush({ ...HR, name: 'People portal' });
    await page.dialogGone();
    await settle();

    expect(noDialog()).toBe(true);
    expect(inRow('People portal', 'application-types').textContent?.trim()).toBe('Managers');
  });

  describe('rotate secret', () => {
    it('asks first, then shows the new secret once', async () => {
      await render();
      await click(inRow('HR portal', 'application-rotate'));

      page.http.expectNone({ method: 'POST' });
      expect(inDialog('confirm-message').textContent).toContain('HR portal gets a new client secret');
      await click(inDialog('confirm-ok'));

      const rotate = expectCall('POST', ApiPaths.applicationSecret(TENANT, 'app-hr'));
      expect(inRow<HTMLButtonElement>('HR portal', 'application-rotate').disabled).toBe(true);
      rotate.flush({
        application: { ...HR, secretSetAt: '2026-04-01T12:00:00.000Z' },
        clientSecret: SECRET,
      } satisfies ApplicationCreatedAnswer);
      await page.dialogGone();
      await settle();

      expect(inDialog('client-secret').textContent?.trim()).toBe(SECRET);
      expect(inDialog('secret-warning').textContent).toContain('The old secret no longer works.');
      expect(inRow('HR portal', 'application-secret').textContent).toContain('1 Apr 2026');
      expect(inRow<HTMLButtonElement>('HR portal', 'application-rotate').disabled).toBe(false);
      await click(inDialog('secret-done'));
      await page.dialogGone();
    });

    it('does nothing when cancelled, and says why the API refused', async () => {
      await render();
      await click(inRow('HR portal', 'application-rotate'));
      await click(inDialog('confirm-cancel'));
      await page.dialogGone();
      page.http.expectNone({ method: 'POST' });

      await click(inRow('HR portal', 'application-rotate'));
      await click(inDialog('confirm-ok'));
      expectCall('POST', ApiPaths.applicationSecret(TENANT, 'app-hr')).flush(
        {
          statusCode: 409,
          error: 'Conflict',
          message: 'A public application has no secret: it signs in with PKCE',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await page.dialogGone();
      await settle();

      expect(noDialog()).toBe(true);
      const error = byTestId(page.fixture, 'applications-error').textContent ?? '';
      expect(error).toContain('HR portal was not given a new secret.');
      expect(error).toContain('A public application has no secret');
    });
  });

  describe('delete', () => {
    it('asks, naming the application, then removes its row', async () => {
      await render();
      await click(inRow('Ticket desk', 'application-delete'));

      page.http.expectNone({ method: 'DELETE' });
      expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain('Delete Ticket desk?');
      expect(inDialog('confirm-message').textContent).toContain('Ticket desk can no longer sign anyone in');
      await click(inDialog('confirm-ok'));

      expectCall('DELETE', ApiPaths.application(TENANT, 'app-desk')).flush(null, {
        status: 204,
        statusText: 'No Content',
      });
      await page.dialogGone();
      await settle();

      expect(allByTestId(page.fixture, 'application-name').map((n) => n.textContent?.trim())).toEqual([
        'HR portal',
      ]);
      expect(byTestId(page.fixture, 'applications-count').textContent?.trim()).toBe('1 application');
    });

    it('keeps the row when cancelled', async () => {
      await render();
      await click(inRow('Ticket desk', 'application-delete'));
      await click(inDialog('confirm-cancel'));
      await page.dialogGone();

      page.http.expectNone({ method: 'DELETE' });
      expect(allByTestId(page.fixture, 'application-row')).toHaveLength(2);
    });
  });
});
