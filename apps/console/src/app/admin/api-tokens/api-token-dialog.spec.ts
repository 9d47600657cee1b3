import { TestRequest } from '@angular/common/http/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, queryTestId } from '../../../testing/fixtures';
import { DialogTest } from '../../shared/testing/dialog-test';
import { ApiTokenDialog, ApiTokenDialogData } from './api-token-dialog';
import { endOfDay, localDay } from './api-token-text';
import { TENANT, apiToken } from './api-tokens-page.testing';

describe('ApiTokenDialog', () => {
  const dialog = new DialogTest(
    ApiTokenDialog,
    () => ({ tenantId: TENANT }) satisfies ApiTokenDialogData,
    () => jest.fn(),
  );
  const { settle, text, type, click } = dialog;
  const tick = (scope: string): Promise<void> => dialog.check(`token-scope-${scope}`);
  const post = (): TestRequest => dialog.http.expectOne({ method: 'POST', url: ApiPaths.apiTokens(TENANT) });

  beforeEach(async () => {
    dialog.setUp();
    await dialog.render();
  });

  afterEach(dialog.verify);

  it('offers each scope with what it allows, none ticked', () => {
    for (const scope of ['users:read', 'users:write', 'policy:read', 'policy:write']) {
      expect(text(`token-scope-${scope}`)).toContain(scope);
      expect(byTestId(dialog.fixture, `token-scope-${scope}`).querySelector('input')?.checked).toBe(false);
    }
    expect(text('token-scope-users:write')).toContain('Change users');
    expect(text('token-scope-users:write')).toContain('Create logins');
  });

  it('asks for a name and a scope before sending', async () => {
    await click('token-submit');

    dialog.http.expectNone({ method: 'POST' });
    expect(text('token-name-error')).toBe('Enter a name.');
    expect(text('token-scopes-error')).toBe('Tick at least one scope.');
    expect(dialog.ref.close).not.toHaveBeenCalled();
  });

  it('sends the name, the ticked scopes in order and no expiry, and closes with the answer', async () => {
    await type('token-name', '  HR sync ');
    await tick('users:write');
    await tick('users:read');
    await click('token-submit');

    const request = post();
    expect(request.request.body).toEqual({ name: 'HR sync', scopes: ['users:read', 'users:write'] });
    const answer = { token: apiToken(), secret: 'lk_x' };
    request.flush(answer, { status: 201, statusText: 'Created' });
    expect(dialog.ref.close).toHaveBeenCalledWith(answer);
  });

  it('sends an expiry day as the end of that day, and refuses a day gone by', async () => {
    await type('token-name', 'Trial');
    await tick('policy:read');
    await type('token-expiry', '2000-01-01');
    await click('token-submit');

    dialog.http.expectNone({ method: 'POST' });
    expect(text('token-expiry-error')).toBe('Choose today or a later day.');

    const nextYear = localDay(new Date(Date.now() + 365 * 24 * 3600_000));
    await type('token-expiry', nextYear);
    await click('token-submit');
    expect(post().request.body).toEqual({
      name: 'Trial',
      scopes: ['policy:read'],
      expiresAt: endOfDay(nextYear),
    });
  });

  it("puts the API's 400 under its fields, and a name in use under the name", async () => {
    await type('token-name', 'HR sync');
    await tick('users:read');
    await click('token-submit');
    post().flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input: expiresAt',
        errors: [{ field: 'expiresAt', messages: ['expiresAt must be in the future'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('token-expiry-error')).toBe('expiresAt must be in the future');
    expect(text('token-error')).toBe('Please correct the highlighted fields.');

    await type('token-expiry', '');
    await click('token-submit');
    post().flush(
      { statusCode: 409, error: 'Conflict', message: 'An API token named HR sync is in use in this account' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text('token-name-error')).toBe('An API token named HR sync is in use in this account');
    expect(queryTestId(dialog.fixture, 'token-expiry-error')).toBeNull();
    expect(dialog.ref.close).not.toHaveBeenCalled();
  });
});
