import { TestRequest } from '@angular/common/http/testing';
import { ApiPaths, ApplicationView } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { DialogTest } from '../../shared/testing/dialog-test';
import { ApplicationDialog, ApplicationDialogData } from './application-dialog';
import { HR, TENANT, TYPES, application } from './applications-page.testing';

describe('ApplicationDialog', () => {
  let editing: ApplicationView | undefined;
  const dialog = new DialogTest(
    ApplicationDialog,
    () => ({ tenantId: TENANT, types: TYPES, application: editing }) satisfies ApplicationDialogData,
    () => jest.fn(),
  );
  const { settle, text, type, click, check: pick } = dialog;

  async function render(app?: ApplicationView): Promise<void> {
    editing = app;
    await dialog.render();
  }

  /** As typed, before the field is left: only the input event. */
  async function typeOnly(id: string, value: string): Promise<void> {
    const field = byTestId<HTMLTextAreaElement>(dialog.fixture, id);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }

  async function tick(name: string): Promise<void> {
    const box = allByTestId(dialog.fixture, 'app-type').find((b) => b.textContent?.includes(name));
    box?.querySelector<HTMLInputElement>('input')?.click();
    await settle();
  }

  const post = (): TestRequest =>
    dialog.http.expectOne({ method: 'POST', url: ApiPaths.applications(TENANT) });

  function badRequest(errors: Array<{ field: string; messages: string[] }>) {
    return [
      { statusCode: 400, error: 'Bad Request', message: errors.flatMap((e) => e.messages), errors },
      { status: 400, statusText: 'Bad Request' },
    ] as const;
  }

  beforeEach(dialog.setUp);
  afterEach(dialog.verify);

  describe('register', () => {
    it('offers both kinds, each explained in a line, confidential first and chosen', async () => {
      await render();

      expect(text('app-kind-confidential')).toContain('Confidential');
      expect(text('app-kind-confidential')).toContain('client secret, shown once');
      expect(text('app-kind-public')).toContain('Public (PKCE)');
      expect(text('app-kind-public')).toContain('signs in with PKCE');
      expect(byTestId(dialog.fixture, 'app-kind-confidential').querySelector('input')?.checked).toBe(true);
    });

    it('checks each URI by the rule as it is typed, naming the line, and does not send', async () => {
      await render();
      await type('app-name', 'HR portal');
      await typeOnly('app-redirect-uris', 'https://hr.acme.test/cb\n\nhttp://hr.acme.test/cb');

      expect(text('app-redirect-uris-error')).toBe('Line 3 must use https (http only for localhost).');
      await click('app-submit');
      dialog.http.expectNone({ method: 'POST' });
      expect(text('app-redirect-uris-error')).toBe('Line 3 must use https (http only for localhost).');

      await typeOnly(
        'app-redirect-uris',
        'https://hr.acme.test/cb\nhttps://*.acme.test/cb\nhttps://hr.acme.test/cb',
      );
      expect(text('app-redirect-uris-error')).toBe(
        'Line 2 may not contain a wildcard (*). Line 3 repeats line 1.',
      );
      await typeOnly('app-logout-uris', 'https://hr.acme.test/#bye');
      expect(text('app-logout-uris-error')).toBe('Line 1 may not contain a fragment (#).');
      await click('app-submit');
      dialog.http.expectNone({ method: 'POST' });
      expect(dialog.ref.close).not.toHaveBeenCalled();
    });

    it('asks for at least one redirect URI, but none after sign-out', async () => {
      await render();
      await type('app-name', 'HR portal');
      await click('app-submit');

      dialog.http.expectNone({ method: 'POST' });
      expect(text('app-redirect-uris-error')).toBe('Enter at least one redirect URI.');
      expect(queryTestId(dialog.fixture, 'app-logout-uris-error')).toBeNull();
    });

    it('sends a public application for chosen user types, one URI per line, blank lines left out', async () => {
      await render();
      await type('app-name', '  Ticket desk ');
      await pick('app-kind-public');
      await type('app-redirect-uris', ' https://desk.acme.test/auth \n\n');
      await type('app-logout-uris', 'https://desk.acme.test/\nhttp://localhost:4300/');
      await pick('app-access-some');
      await tick('Managers');
      await click('app-submit');

      const request = post();
      expect(request.request.body).toEqual({
        name: 'Ticket desk',
        kind: 'public',
        redirectUris: ['https://desk.acme.test/auth'],
        postLogoutRedirectUris: ['https://desk.acme.test/', 'http://localhost:4300/'],
        allowedUserTypeIds: ['type-manager'],
      });
      const answer = {
        application: application({ kind: 'public', name: 'Ticket desk' }),
        clientSecret: null,
      };
      request.flush(answer, { status: 201, statusText: 'Created' });
      expect(dialog.ref.close).toHaveBeenCalledWith({ registered: answer });
    });

    it('asks for a user type when only ticked ones may sign in', async () => {
      await render();
      await type('app-name', 'HR portal');
      await type('app-redirect-uris', 'https://hr.acme.test/cb');
      await pick('app-access-some');
      await click('app-submit');

      dialog.http.expectNone({ method: 'POST' });
      expect(text('app-types-error')).toBe('Tick at least one user type, or let every user type sign in.');
      await pick('app-access-all');
      await click('app-submit');
      expect(post().request.body).toMatchObject({ allowedUserTypeIds: null });
    });

    it("puts the API's 400 under the named fields, a list's message by its line", async () => {
      await render();
      await type('app-name', 'HR portal');
      await type('app-redirect-uris', 'https://hr.acme.test/a\n\nhttps://hr.acme.test/b');
      await pick('app-access-some');
      await tick('Employees');
      await click('app-submit');

      post().flush(
        ...badRequest([
          { field: 'redirectUris', messages: ['redirectUris[1] is not registered with the vendor'] },
          {
            field: 'allowedUserTypeIds',
            messages: ['allowedUserTypeIds names no user type of this account: type-employee'],
          },
        ]),
      );
      await settle();

      expect(text('app-redirect-uris-error')).toBe('Line 3 is not registered with the vendor');
      expect(text('app-types-error')).toBe(
        'allowedUserTypeIds names no user type of this account: type-employee',
      );
      expect(text('app-error')).toBe('Please correct the highlighted fields.');
      expect(dialog.ref.close).not.toHaveBeenCalled();

      // Typing again checks the list anew: the API's message goes.
      await typeOnly('app-redirect-uris', 'https://hr.acme.test/a');
      expect(queryTestId(dialog.fixture, 'app-redirect-uris-error')).toBeNull();
    });

    it('puts a name already taken under the name', async () => {
      await render();
      await type('app-name', 'HR portal');
      await type('app-redirect-uris', 'https://hr.acme.test/cb');
      await click('app-submit');

      post().flush(
        {
          statusCode: 409,
          error: 'Conflict',
          message: 'An application named HR portal exists already in this account',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();

      expect(text('app-name-error')).toBe('An application named HR portal exists already in this account');
      expect(text('app-error')).toBe('Please correct the highlighted fields.');
    });
  });

  describe('change', () => {
    it('shows the application as it is, its kind as a fact, and saves nothing until something differs', async () => {
      await render(HR);

      expect(queryTestId(dialog.fixture, 'app-kind-public')).toBeNull();
      expect(text('app-kind-now')).toContain('Confidential');
      expect(byTestId<HTMLTextAreaElement>(dialog.fixture, 'app-redirect-uris').value).toBe(
        'https://hr.acme.test/callback\nhttp://localhost:4300/callback',
      );
      expect(byTestId<HTMLTextAreaElement>(dialog.fixture, 'app-logout-uris').value).toBe(
        'https://hr.acme.test/',
      );
      expect(byTestId(dialog.fixture, 'app-access-some').querySelector('input')?.checked).toBe(true);
      const ticked = allByTestId(dialog.fixture, 'app-type').map(
        (b) => `${b.textContent?.trim()}:${b.querySelector('input')?.checked}`,
      );
      expect(ticked).toEqual(['Employees:false', 'Managers:true']);
      expect(byTestId<HTMLButtonElement>(dialog.fixture, 'app-submit').disabled).toBe(true);
      expect(text('app-submit')).toBe('Save');
    });

    it('sends only the changed fields', async () => {
      await render(HR);
      await type('app-redirect-uris', 'https://hr.acme.test/callback');
      await pick('app-access-all');
      expect(byTestId<HTMLButtonElement>(dialog.fixture, 'app-submit').disabled).toBe(false);
      await click('app-submit');

      const request = dialog.http.expectOne({ method: 'PATCH', url: ApiPaths.application(TENANT, 'app-hr') });
      expect(request.request.body).toEqual({
        redirectUris: ['https://hr.acme.test/callback'],
        allowedUserTypeIds: null,
      });
      const updated = { ...HR, redirectUris: ['https://hr.acme.test/callback'], allowedUserTypeIds: null };
      request.flush(updated);
      expect(dialog.ref.close).toHaveBeenCalledWith({ updated });
    });
  });
});
