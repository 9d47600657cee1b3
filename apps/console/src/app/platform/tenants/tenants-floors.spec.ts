import { ApiPaths } from '@latchkey/contracts';
import { byTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { ACME, setting, TenantsPageTest } from './tenants-page.testing';

/** The platform floor for every tenant (a tenant's own floor: tenant-detail-page.spec.ts). */
describe('TenantsPage: floors', () => {
  const page = new TenantsPageTest();
  const { render, settle, dialog, choose, selected, click } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  describe('platform floor', () => {
    function saveButton(): HTMLButtonElement {
      return byTestId<HTMLButtonElement>(page.fixture, 'save-platform-floor');
    }

    it('shows the floor in force, and saves only a change', async () => {
      await render([ACME], setting('pin', 5));

      expect(selected(byTestId(page.fixture, 'platform-floor'))).toBe('PIN code');
      expect(byTestId<HTMLInputElement>(page.fixture, 'platform-floor-grace').value).toBe('5');
      expect(byTestId(page.fixture, 'platform-floor-current').textContent).toContain('root@latchkey.test');
      expect(saveButton().disabled).toBe(true);
    });

    it('confirms before forcing a method on every tenant, then sends PUT {method, graceDays}', async () => {
      await render();
      expect(byTestId(page.fixture, 'platform-floor-current').textContent).toContain('No platform floor');

      await choose(byTestId(page.fixture, 'platform-floor'), 'Authenticator app');
      typeInto(byTestId<HTMLInputElement>(page.fixture, 'platform-floor-grace'), '3');
      await settle();
      await click(saveButton());

      page.http.expectNone({ method: 'PUT' });
      expect(inDialog('confirm-message').textContent).toContain(
        'Every user of every tenant will need at least an authenticator app at their next sign-in.',
      );
      await click(inDialog('confirm-ok'));

      const request = page.http.expectOne({ method: 'PUT', url: ApiPaths.platformFloor });
      expect(request.request.body).toEqual({ method: 'authenticator', graceDays: 3 });
      request.flush({ floor: setting('authenticator', 3) });
      await settle();

      expect(byTestId(page.fixture, 'platform-floor-current').textContent).toContain('Authenticator app');
      expect(saveButton().disabled).toBe(true);
    });

    it('sends nothing when the confirmation is cancelled, and keeps the choice', async () => {
      await render();
      await choose(byTestId(page.fixture, 'platform-floor'), 'PIN code');
      await click(saveButton());
      await click(inDialog('confirm-cancel'));

      page.http.expectNone({ method: 'PUT' });
      expect(selected(byTestId(page.fixture, 'platform-floor'))).toBe('PIN code');
    });

    it("removes the floor with PUT {method: 'off'}", async () => {
      await render([ACME], setting('authenticator'));
      await choose(byTestId(page.fixture, 'platform-floor'), 'Off');
      await click(saveButton());

      expect(dialog()).toBeNull();
      const request = page.http.expectOne({ method: 'PUT', url: ApiPaths.platformFloor });
      expect(request.request.body).toEqual({ method: 'off' });
      request.flush({ floor: null });
      await settle();
      expect(byTestId(page.fixture, 'platform-floor-current').textContent).toContain('No platform floor');
    });

    it('keeps the choice and says why when the API refuses', async () => {
      await render();
      await choose(byTestId(page.fixture, 'platform-floor'), 'PIN code');
      typeInto(byTestId<HTMLInputElement>(page.fixture, 'platform-floor-grace'), '10');
      await settle();
      await click(saveButton());
      await click(inDialog('confirm-ok'));

      page.http
        .expectOne({ method: 'PUT', url: ApiPaths.platformFloor })
        .flush(
          { statusCode: 500, error: 'Internal Server Error', message: 'boom' },
          { status: 500, statusText: 'Error' },
        );
      await settle();

      expect(byTestId(page.fixture, 'platform-floor-error').textContent).toContain(
        'Something went wrong on our side',
      );
      expect(selected(byTestId(page.fixture, 'platform-floor'))).toBe('PIN code');
      expect(byTestId<HTMLInputElement>(page.fixture, 'platform-floor-grace').value).toBe('10');
      expect(saveButton().disabled).toBe(false);
    });
  });
});
