import { TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths, ConnectionView } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { DialogTest } from '../../shared/testing/dialog-test';
import { ConnectionDialog, ConnectionDialogData } from './connection-dialog';
import { CONTRACTORS, REDIRECT_URI, SSO, TENANT, TYPES } from './connections-page.testing';

describe('ConnectionDialog', () => {
  let editing: ConnectionView | undefined;
  const dialog = new DialogTest(
    ConnectionDialog,
    () =>
      ({
        tenantId: TENANT,
        types: TYPES,
        redirectUri: REDIRECT_URI,
        connection: editing,
      }) satisfies ConnectionDialogData,
    () => jest.fn(),
  );
  const { settle, text, type, click, check: pick } = dialog;

  async function render(connection?: ConnectionView): Promise<void> {
    editing = connection;
    await dialog.render();
  }

  /** As typed, before the field is left: only the input event. */
  async function typeOnly(id: string, value: string): Promise<void> {
    const field = byTestId<HTMLInputElement>(dialog.fixture, id);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }

  async function fillRequired(): Promise<void> {
    await type('connection-name', 'Acme SSO');
    await type('connection-issuer', 'https://login.acme.test');
    await type('connection-client-id', 'latchkey');
    await type('connection-client-secret', 's3cret');
    await type('connection-domains', 'acme.test');
  }

  const post = (): TestRequest =>
    dialog.http.expectOne({ method: 'POST', url: ApiPaths.connections(TENANT) });
  const patch = (id: string): TestRequest =>
    dialog.http.expectOne({ method: 'PATCH', url: ApiPaths.connection(TENANT, id) });

  function refused(status: 400 | 409, errors: Array<{ field: string; messages: string[] }>) {
    return [
      { statusCode: status, error: 'Refused', message: errors.flatMap((e) => e.messages).join(' '), errors },
      { status, statusText: 'Refused' },
    ] as const;
  }

  beforeEach(dialog.setUp);
  afterEach(dialog.verify);

  describe('connect', () => {
    it('shows the redirect URI to register, and asks for every required field', async () => {
      await render();

      expect(text('connection-redirect-uri')).toBe(REDIRECT_URI);
      await click('connection-submit');
      dialog.http.expectNone({ method: 'POST' });
      expect(text('connection-issuer-error')).toBe('Enter the issuer URL.');
      expect(text('connection-client-id-error')).toBe('Enter the client ID.');
      expect(text('connection-client-secret-error')).toBe('Enter the client secret.');
      expect(text('connection-domains-error')).toBe('Enter at least one email domain.');
    });

    it('checks the issuer and the domains as they are typed', async () => {
      await render();
      await typeOnly('connection-issuer', 'http://login.acme.test');
      expect(text('connection-issuer-error')).toBe('Must use https (http only for localhost).');
      await typeOnly('connection-domains', 'acme.test\nsam@acme.test');
      expect(text('connection-domains-error')).toBe(
        'Line 2 must be the part after the @ only, like example.com.',
      );
    });

    it('shows the amr, acr and age fields only when trusting the provider’s MFA, and sends them', async () => {
      await render();
      await fillRequired();
      expect(queryTestId(dialog.fixture, 'connection-amr')).toBeNull();

      await pick('connection-trust-trust-mfa');
      await click('connection-submit');
      dialog.http.expectNone({ method: 'POST' });
      expect(text('connection-proof-error')).toBe('Enter at least one amr or acr value that proves MFA.');

      await type('connection-amr', 'mfa hwk');
      await type('connection-max-age', '15');
      await pick('connection-access-some');
      await byTestId(dialog.fixture, 'connection-type').querySelector<HTMLInputElement>('input')?.click();
      await settle();
      const jit = await TestbedHarnessEnvironment.loader(dialog.fixture).getHarness(
        MatSelectHarness.with({ selector: '[data-testid="connection-jit"]' }),
      );
      await jit.open();
      expect((await jit.getOptions()).length).toBe(2); // None, and the one allowed type
      await jit.clickOptions({ text: 'Create a login of type Employees' });
      await click('connection-submit');

      expect(post().request.body).toMatchObject({
        allowedUserTypeIds: ['type-employee'],
        jitUserTypeId: 'type-employee',
        trust: { mode: 'trust-mfa', amrValues: ['mfa', 'hwk'], acrValues: [], maxAuthAgeSeconds: 900 },
      });
    });

    it('puts a refused "never ask" under the trust choice, and a domain routed elsewhere under the domains', async () => {
      await render();
      await fillRequired();
      await pick('connection-trust-never-ask');
      await click('connection-submit');
      post().flush(
        ...refused(400, [
          {
            field: 'trust.mode',
            messages: ['"Never ask" is not allowed: the platform requires at least a PIN for this account'],
          },
        ]),
      );
      await settle();
      expect(text('connection-trust-mode-error')).toContain('"Never ask" is not allowed');
      expect(text('connection-error')).toBe('Please correct the highlighted fields.');

      await pick('connection-trust-always-ask');
      await click('connection-submit');
      post().flush(
        ...refused(409, [
          {
            field: 'emailDomains',
            messages: ['acme.test is routed to the sign-in provider Contractors already'],
          },
        ]),
      );
      await settle();
      expect(text('connection-domains-error')).toBe(
        'acme.test is routed to the sign-in provider Contractors already',
      );
      expect(dialog.ref.close).not.toHaveBeenCalled();
    });

    it("tells the API's message about a domain by its line, and a name taken under the name", async () => {
      await render();
      await fillRequired();
      await type('connection-domains', 'corp.acme.test\n\nacme.test');
      await click('connection-submit');
      post().flush(
        ...refused(400, [{ field: 'emailDomains', messages: ['emailDomains[1] is not allowed'] }]),
      );
      await settle();
      expect(text('connection-domains-error')).toBe('Line 3 is not allowed');

      await type('connection-domains', 'acme.test');
      await click('connection-submit');
      post().flush(
        ...refused(409, [
          { field: 'name', messages: ['A sign-in provider named Acme SSO exists already in this account'] },
        ]),
      );
      await settle();
      expect(text('connection-name-error')).toBe(
        'A sign-in provider named Acme SSO exists already in this account',
      );
    });
  });

  describe('change', () => {
    it('shows the provider as it is, asks no secret, and saves nothing until something differs', async () => {
      await render(SSO);

      expect(byTestId<HTMLInputElement>(dialog.fixture, 'connection-issuer').value).toBe(
        'https://login.acme.test',
      );
      expect(byTestId<HTMLTextAreaElement>(dialog.fixture, 'connection-domains').value).toBe(
        'acme.test\ncorp.acme.test',
      );
      expect(byTestId<HTMLInputElement>(dialog.fixture, 'connection-amr').value).toBe('mfa hwk');
      expect(byTestId<HTMLInputElement>(dialog.fixture, 'connection-max-age').value).toBe('10');
      expect(byTestId<HTMLInputElement>(dialog.fixture, 'connection-client-secret').value).toBe('');
      expect((dialog.fixture.nativeElement as HTMLElement).textContent).toContain(
        'Leave empty to keep the current secret',
      );
      const ticked = allByTestId(dialog.fixture, 'connection-type').map(
        (b) => `${b.textContent?.trim()}:${b.querySelector('input')?.checked}`,
      );
      expect(ticked).toEqual(['Employees:false', 'Managers:true']);
      expect(byTestId<HTMLButtonElement>(dialog.fixture, 'connection-submit').disabled).toBe(true);
    });

    it('sends only what changed; a new secret only when typed', async () => {
      await render(CONTRACTORS);
      await type('connection-client-secret', 'n3w-secret');
      expect(byTestId<HTMLButtonElement>(dialog.fixture, 'connection-submit').disabled).toBe(false);
      await click('connection-submit');
      const request = patch('conn-contractors');
      expect(request.request.body).toEqual({ clientSecret: 'n3w-secret' });
      request.flush(CONTRACTORS);
      expect(dialog.ref.close).toHaveBeenCalledWith({ saved: CONTRACTORS, created: false });
    });

    it('sends the whole trust when it changes', async () => {
      await render(CONTRACTORS);
      await pick('connection-trust-trust-mfa');
      await type('connection-acr', 'urn:acme:mfa');
      await click('connection-submit');
      const request = patch('conn-contractors');
      expect(request.request.body).toEqual({
        trust: { mode: 'trust-mfa', amrValues: [], acrValues: ['urn:acme:mfa'], maxAuthAgeSeconds: null },
      });
      request.flush(CONTRACTORS);
    });
  });
});
