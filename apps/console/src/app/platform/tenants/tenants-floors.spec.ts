import { ApiPaths } from '@latchkey/contracts';
import { byTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { ACME, GLOBEX, setting, TenantsPageTest } from './tenants-page.testing';

/** A tenant's floor and the platform floor for every tenant. */
describe('TenantsPage: floors', () => {
  const page = new TenantsPageTest();
  const { render, settle, row, inRow, dialog, choose, selected, click, patch } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  describe('tenant floor', () => {
    it('asks first, then sends PATCH {floor, floorGraceDays}', async () => {
      await render();
      await choose(inRow('Acme', 'tenant-floor'), 'PIN code');

      page.http.expectNone({ method: 'PATCH' });
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

      page.http.expectNone({ method: 'PATCH' });
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

      page.http.expectNone({ method: 'PATCH' });
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
