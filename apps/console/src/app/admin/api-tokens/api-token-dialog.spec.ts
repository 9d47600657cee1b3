import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { dialogProviders } from '../../shared/testing/component-testing';
import { ApiTokenDialog, ApiTokenDialogData } from './api-token-dialog';
import { endOfDay, localDay } from './api-token-text';
import { TENANT, apiToken } from './api-tokens-page.testing';

describe('ApiTokenDialog', () => {
  let fixture: ComponentFixture<ApiTokenDialog>;
  let http: HttpTestingController;
  let ref: { close: jest.Mock };

  const settle = async (): Promise<void> => {
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
  };

  async function type(id: string, value: string): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, id), value);
    await settle();
  }

  async function click(id: string): Promise<void> {
    byTestId(fixture, id).click();
    await settle();
  }

  async function tick(scope: string): Promise<void> {
    byTestId(fixture, `token-scope-${scope}`).querySelector<HTMLInputElement>('input')?.click();
    await settle();
  }

  const text = (id: string): string => byTestId(fixture, id).textContent?.trim() ?? '';
  const post = (): TestRequest => http.expectOne({ method: 'POST', url: ApiPaths.apiTokens(TENANT) });

  beforeEach(async () => {
    ref = { close: jest.fn() };
    TestBed.configureTestingModule({
      imports: [ApiTokenDialog],
      providers: dialogProviders(ref, () => ({ tenantId: TENANT }) satisfies ApiTokenDialogData),
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApiTokenDialog);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('offers each scope with what it allows, none ticked', () => {
    for (const scope of ['users:read', 'users:write', 'policy:read', 'policy:write']) {
      expect(text(`token-scope-${scope}`)).toContain(scope);
      expect(byTestId(fixture, `token-scope-${scope}`).querySelector('input')?.checked).toBe(false);
    }
    expect(text('token-scope-users:write')).toContain('Change users');
    expect(text('token-scope-users:write')).toContain('Create logins');
  });

  it('asks for a name and a scope before sending', async () => {
    await click('token-submit');

    http.expectNone({ method: 'POST' });
    expect(text('token-name-error')).toBe('Enter a name.');
    expect(text('token-scopes-error')).toBe('Tick at least one scope.');
    expect(ref.close).not.toHaveBeenCalled();
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
    expect(ref.close).toHaveBeenCalledWith(answer);
  });

  it('sends an expiry day as the end of that day, and refuses a day gone by', async () => {
    await type('token-name', 'Trial');
    await tick('policy:read');
    await type('token-expiry', '2000-01-01');
    await click('token-submit');

    http.expectNone({ method: 'POST' });
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
    expect(queryTestId(fixture, 'token-expiry-error')).toBeNull();
    expect(ref.close).not.toHaveBeenCalled();
  });
});
