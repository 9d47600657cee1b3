import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, ApiTokenCreatedAnswer } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { inDialog } from '../../shared/testing/component-testing';
import { noDialog } from '../../shared/testing/dialog-test';
import { ApiTokensPage } from './api-tokens-page';
import { ApiTokensPageTest, HR_SYNC, TENANT, apiToken } from './api-tokens-page.testing';
import { TOKEN_SHOWN_ONCE } from './token-secret-dialog';

const SECRET = 'lk_Qm9yaW5nLWJ1dC1yYW5kb20tMzItYnl0ZXMtb2YtZW50cm9weQ';

describe('ApiTokensPage', () => {
  const page = new ApiTokensPageTest();
  const { render, settle, row, inRow, click, expectCall } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  it('lists each token with its scopes, expiry, last use and state, never a secret', async () => {
    await render();

    expect(allByTestId(page.fixture, 'token-row')).toHaveLength(3);
    expect(byTestId(page.fixture, 'tokens-count').textContent?.trim()).toBe('3 tokens');
    expect(inRow('HR sync', 'token-row-scopes').textContent?.trim()).toBe('Read users, Change users');
    expect(inRow('HR sync', 'token-made').textContent).toContain('Made by olivia@acme.test, 2 Mar 2026');
    expect(inRow('HR sync', 'token-row-expires').textContent?.trim()).toBe('Never');
    expect(inRow('HR sync', 'token-row-used').textContent).toContain('3 Mar 2026');
    expect(inRow('HR sync', 'token-row-state').textContent?.trim()).toBe('Active');
    expect(inRow('Old job', 'token-row-used').textContent?.trim()).toBe('Never used');
    expect(inRow('Old job', 'token-row-state').textContent).toContain('Revoked 1 Feb 2026');
    expect(inRow('Trial', 'token-row-state').textContent).toContain('Expired');
    expect(inRow('HR sync', 'token-revoke').getAttribute('aria-label')).toBe('Revoke HR sync');
    // A revoked token has nothing left to revoke; an expired one may still be revoked.
    expect(row('Old job').querySelector('[data-testid="token-revoke"]')).toBeNull();
    expect(row('Trial').querySelector('[data-testid="token-revoke"]')).not.toBeNull();
  });

  it('explains what a token is for while there are none', async () => {
    await render([]);

    const empty = byTestId(page.fixture, 'tokens-empty').textContent ?? '';
    expect(empty).toContain('No API tokens yet.');
    expect(empty).toContain('Authorization: Bearer');
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    page.fixture = TestBed.createComponent(ApiTokensPage);
    page.http
      .expectOne(ApiPaths.apiTokens(TENANT))
      .flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await settle();

    expect(byTestId(page.fixture, 'tokens-load-error').textContent).toContain(
      'The API tokens could not be loaded.',
    );
    expect(byTestId<HTMLButtonElement>(page.fixture, 'make-token').disabled).toBe(true);
    await click(byTestId(page.fixture, 'tokens-retry'));
    expectCall('GET', ApiPaths.apiTokens(TENANT)).flush([HR_SYNC]);
    await settle();
    expect(allByTestId(page.fixture, 'token-row')).toHaveLength(1);
    expect(queryTestId(page.fixture, 'tokens-load-error')).toBeNull();
  });

  it('makes a token, then shows its secret once with a copy button and lists it first', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render([HR_SYNC]);
    await click(byTestId(page.fixture, 'make-token'));

    typeInto(inDialog<HTMLInputElement>('token-name'), 'Payroll');
    inDialog('token-scope-users:read').querySelector('input')?.click();
    await settle();
    await click(inDialog('token-submit'));

    const post = expectCall('POST', ApiPaths.apiTokens(TENANT));
    expect(post.request.body).toEqual({ name: 'Payroll', scopes: ['users:read'] });
    const payroll = apiToken({
      id: 'token-payroll',
      name: 'Payroll',
      scopes: ['users:read'],
      lastUsedAt: null,
    });
    post.flush({ token: payroll, secret: SECRET } satisfies ApiTokenCreatedAnswer, {
      status: 201,
      statusText: 'Created',
    });
    await page.dialogGone();
    await settle();

    expect(inDialog('token-secret').textContent?.trim()).toBe(SECRET);
    expect(inDialog('token-warning').textContent).toContain(TOKEN_SHOWN_ONCE);
    await click(inDialog('copy-token'));
    expect(copy).toHaveBeenCalledWith(SECRET);
    expect(row('Payroll').textContent).not.toContain(SECRET);

    await click(inDialog('token-done'));
    await page.dialogGone();
    expect(noDialog()).toBe(true);
    expect(document.body.textContent).not.toContain(SECRET);
    expect(allByTestId(page.fixture, 'token-row-name').map((n) => n.textContent?.trim())).toEqual([
      'Payroll',
      'HR sync',
    ]);
  });

  describe('revoke', () => {
    it('asks, naming the token, then marks its row revoked', async () => {
      await render();
      await click(inRow('HR sync', 'token-revoke'));

      page.http.expectNone({ method: 'DELETE' });
      expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain('Revoke HR sync?');
      expect(inDialog('confirm-message').textContent).toContain('HR sync stops working at once');
      await click(inDialog('confirm-ok'));

      const call = expectCall('DELETE', ApiPaths.apiToken(TENANT, 'token-hr'));
      expect(inRow<HTMLButtonElement>('HR sync', 'token-revoke').disabled).toBe(true);
      call.flush(null, { status: 204, statusText: 'No Content' });
      await page.dialogGone();
      await settle();

      expect(inRow('HR sync', 'token-row-state').textContent).toContain('Revoked');
      expect(row('HR sync').querySelector('[data-testid="token-revoke"]')).toBeNull();
      expect(allByTestId(page.fixture, 'token-row')).toHaveLength(3);
    });

    it('does nothing when cancelled, and says why the API refused', async () => {
      await render();
      await click(inRow('HR sync', 'token-revoke'));
      await click(inDialog('confirm-cancel'));
      await page.dialogGone();
      page.http.expectNone({ method: 'DELETE' });

      await click(inRow('HR sync', 'token-revoke'));
      await click(inDialog('confirm-ok'));
      expectCall('DELETE', ApiPaths.apiToken(TENANT, 'token-hr')).flush(
        { statusCode: 409, error: 'Conflict', message: 'The API token HR sync was revoked already' },
        { status: 409, statusText: 'Conflict' },
      );
      await page.dialogGone();
      await settle();

      const error = byTestId(page.fixture, 'tokens-error').textContent ?? '';
      expect(error).toContain('HR sync was not revoked.');
      expect(error).toContain('revoked already');
      expect(inRow<HTMLButtonElement>('HR sync', 'token-revoke').disabled).toBe(false);
    });
  });
});
