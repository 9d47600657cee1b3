import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, ConnectionTestAnswer } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { noDialog } from '../../shared/testing/dialog-test';
import { ConnectionsPage } from './connections-page';
import {
  CONTRACTORS,
  ConnectionsPageTest,
  REDIRECT_URI,
  SSO,
  TENANT,
  connection,
} from './connections-page.testing';

describe('ConnectionsPage', () => {
  const page = new ConnectionsPageTest();
  const { render, settle, row, inRow, click, expectCall } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  it('lists each provider with its issuer, domains, user types, trust and state', async () => {
    await render();

    expect(allByTestId(page.fixture, 'connection-row')).toHaveLength(2);
    expect(byTestId(page.fixture, 'connections-count').textContent?.trim()).toBe('2 providers');
    expect(inRow('Acme SSO', 'connection-issuer').textContent?.trim()).toBe('https://login.acme.test');
    expect(inRow('Acme SSO', 'connection-client-id').textContent).toContain('latchkey');
    const domains = inRow('Acme SSO', 'connection-domains').textContent ?? '';
    expect(domains).toContain('acme.test');
    expect(domains).toContain('corp.acme.test');
    expect(inRow('Acme SSO', 'connection-types').textContent?.trim()).toBe('Managers');
    expect(inRow('Contractors', 'connection-types').textContent?.trim()).toBe('All user types');
    expect(inRow('Acme SSO', 'connection-trust').textContent).toContain("Trust the provider's MFA");
    expect(inRow('Contractors', 'connection-trust').textContent?.trim()).toBe(
      "Always ask Latchkey's second factor",
    );
    expect(inRow('Acme SSO', 'connection-state').textContent?.trim()).toBe('On, passwords too');
    expect(inRow('Contractors', 'connection-state').textContent?.trim()).toBe('Off');
    expect(inRow('Acme SSO', 'connection-delete').getAttribute('aria-label')).toBe('Remove Acme SSO');
  });

  it('shows the redirect URI to register at the providers, with its Copy button', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();

    expect(byTestId(page.fixture, 'connections-redirect-uri').textContent?.trim()).toBe(REDIRECT_URI);
    await click(byTestId(page.fixture, 'connections-copy-redirect-uri'));
    expect(copy).toHaveBeenCalledWith(REDIRECT_URI);
  });

  it('shows the account’s sign-in link at Latchkey’s public address, with its Copy button', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();

    const link = `https://login.latchkey.test/sign-in?tenant=${TENANT}`;
    expect(byTestId(page.fixture, 'connections-sign-in-link').textContent?.trim()).toBe(link);
    await click(byTestId(page.fixture, 'connections-copy-sign-in-link'));
    expect(copy).toHaveBeenCalledWith(link);
  });

  it('explains what a provider is while there are none, the redirect URI from this address', async () => {
    await render([]);

    const empty = byTestId(page.fixture, 'connections-empty').textContent ?? '';
    expect(empty).toContain('No sign-in providers yet.');
    expect(empty).toContain('OpenID Connect identity provider');
    expect(byTestId(page.fixture, 'connections-redirect-uri').textContent?.trim()).toBe(
      `${document.location.origin}${ApiPaths.upstreamCallback}`,
    );
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    page.fixture = TestBed.createComponent(ConnectionsPage);
    page.http
      .expectOne(ApiPaths.connections(TENANT))
      .flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    expect(page.http.expectOne(ApiPaths.userTypes(TENANT)).cancelled).toBe(true);
    await settle();

    expect(byTestId(page.fixture, 'connections-load-error').textContent).toContain(
      'The sign-in providers could not be loaded.',
    );
    expect(byTestId<HTMLButtonElement>(page.fixture, 'connect-provider').disabled).toBe(true);
    await click(byTestId(page.fixture, 'connections-retry'));
    expectCall('GET', ApiPaths.connections(TENANT)).flush([SSO]);
    expectCall('GET', ApiPaths.userTypes(TENANT)).flush([]);
    await settle();
    expect(allByTestId(page.fixture, 'connection-row')).toHaveLength(1);
  });

  it('connects a provider with the defaults, and lists it by name', async () => {
    await render([CONTRACTORS]);
    await click(byTestId(page.fixture, 'connect-provider'));

    expect(inDialog('connection-redirect-uri').textContent?.trim()).toBe(REDIRECT_URI);
    typeInto(inDialog<HTMLInputElement>('connection-name'), 'Acme SSO');
    typeInto(inDialog<HTMLInputElement>('connection-issuer'), 'https://login.acme.test');
    typeInto(inDialog<HTMLInputElement>('connection-client-id'), 'latchkey');
    typeInto(inDialog<HTMLInputElement>('connection-client-secret'), 's3cret');
    typeInto(inDialog<HTMLTextAreaElement>('connection-domains'), 'Acme.test\n');
    await click(inDialog('connection-submit'));

    const post = expectCall('POST', ApiPaths.connections(TENANT));
    expect(post.request.body).toEqual({
      name: 'Acme SSO',
      issuer: 'https://login.acme.test',
      clientId: 'latchkey',
      clientSecret: 's3cret',
      scopes: ['openid', 'email', 'profile'],
      emailDomains: ['acme.test'],
      allowedUserTypeIds: null,
      trust: { mode: 'always-ask', amrValues: [], acrValues: [], maxAuthAgeSeconds: null },
      jitUserTypeId: null,
      passwordAllowed: true,
      enabled: true,
    });
    const made = connection({ id: 'conn-new', allowedUserTypeIds: null, emailDomains: ['acme.test'] });
    post.flush(made, { status: 201, statusText: 'Created' });
    await page.dialogGone();
    await settle();

    expect(noDialog()).toBe(true);
    expect(allByTestId(page.fixture, 'connection-name').map((n) => n.textContent?.trim())).toEqual([
      'Acme SSO',
      'Contractors',
    ]);
    expect(document.body.textContent).not.toContain('s3cret');
  });

  it('changes a provider, sending only what changed, and shows the answer in its row', async () => {
    await render();
    await click(inRow('Contractors', 'connection-edit'));

    await click(inDialog<HTMLInputElement>('connection-enabled').querySelector('input') as HTMLElement);
    await click(inDialog('connection-submit'));

    const patch = expectCall('PATCH', ApiPaths.connection(TENANT, 'conn-contractors'));
    expect(patch.request.body).toEqual({ enabled: true });
    patch.flush({ ...CONTRACTORS, enabled: true });
    await page.dialogGone();
    await settle();

    expect(inRow('Contractors', 'connection-state').textContent?.trim()).toBe('On, provider only');
  });

  describe('Test connection', () => {
    it("shows the provider's answer in its row, found or what is wrong", async () => {
      await render();
      await click(inRow('Acme SSO', 'connection-test'));

      const test = expectCall('POST', ApiPaths.connectionTest(TENANT, 'conn-sso'));
      expect(inRow<HTMLButtonElement>('Acme SSO', 'connection-test').disabled).toBe(true);
      test.flush({
        ok: true,
        message: 'Found https://login.acme.test: code flow with PKCE.',
      } satisfies ConnectionTestAnswer);
      await settle();

      const found = inRow('Acme SSO', 'connection-test-result');
      expect(found.textContent?.trim()).toBe('Found https://login.acme.test: code flow with PKCE.');
      expect(found.classList).toContain('test-ok');
      expect(found.getAttribute('role')).toBe('status');

      await click(inRow('Contractors', 'connection-test'));
      expectCall('POST', ApiPaths.connectionTest(TENANT, 'conn-contractors')).flush({
        ok: false,
        message: 'Unreachable: id.contractors.test was not found: no such host name (DNS).',
      });
      await settle();
      const wrong = inRow('Contractors', 'connection-test-result');
      expect(wrong.textContent).toContain('Unreachable');
      expect(wrong.classList).toContain('test-problem');
    });

    it('names the provider when the test itself failed', async () => {
      await render();
      await click(inRow('Acme SSO', 'connection-test'));
      expectCall('POST', ApiPaths.connectionTest(TENANT, 'conn-sso')).flush(
        { statusCode: 404, error: 'Not Found', message: 'No such sign-in provider' },
        { status: 404, statusText: 'Not Found' },
      );
      await settle();

      expect(byTestId(page.fixture, 'connections-error').textContent).toContain(
        'Acme SSO could not be tested.',
      );
      expect(queryTestId(page.fixture, 'connection-test-result')).toBeNull();
    });
  });

  describe('remove', () => {
    it('asks, naming the provider, then removes its row', async () => {
      await render();
      await click(inRow('Contractors', 'connection-delete'));

      page.http.expectNone({ method: 'DELETE' });
      expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain('Remove Contractors?');
      expect(inDialog('confirm-message').textContent).toContain('no longer offers Contractors');
      await click(inDialog('confirm-ok'));

      expectCall('DELETE', ApiPaths.connection(TENANT, 'conn-contractors')).flush(null, {
        status: 204,
        statusText: 'No Content',
      });
      await page.dialogGone();
      await settle();

      expect(allByTestId(page.fixture, 'connection-name').map((n) => n.textContent?.trim())).toEqual([
        'Acme SSO',
      ]);
      expect(byTestId(page.fixture, 'connections-count').textContent?.trim()).toBe('1 provider');
    });

    it('keeps the row when cancelled', async () => {
      await render();
      await click(inRow('Contractors', 'connection-delete'));
      await click(inDialog('confirm-cancel'));
      await page.dialogGone();

      page.http.expectNone({ method: 'DELETE' });
      expect(row('Contractors')).toBeTruthy();
    });
  });
});
