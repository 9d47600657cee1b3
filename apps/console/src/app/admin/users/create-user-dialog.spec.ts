import { Clipboard } from '@angular/cdk/clipboard';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, CreateLoginAnswer, UserTypeView } from '@latchkey/contracts';
import { byTestId, queryTestId, typeInto } from '../../../testing/fixtures';
import { dialogProviders } from '../../shared/testing/component-testing';
import { CreateUserDialog, CreateUserDialogData } from './create-user-dialog';
import { userRow } from './user-row.testing';
import { Subject } from 'rxjs';

const TENANT = 'tenant-1';

const EMPLOYEES: UserTypeView = {
  id: 'type-employee',
  name: 'Employees',
  policy: { method: 'authenticator', graceDays: 0, setBy: null, setAt: null },
  rememberDays: 0,
  loginCount: 0,
  lockedBy: null,
};

function answer(overrides: Partial<CreateLoginAnswer>): CreateLoginAnswer {
  return {
    user: userRow({
      loginId: 'login-cara',
      email: 'cara@acme.test',
      displayName: 'Cara New',
      effective: {
        method: 'authenticator',
        reason: { layer: 'user-type', setBy: null, setAt: null },
        floor: 'off',
        graceDays: 0,
      },
      enrolled: false,
      hasAuthenticator: false,
      lastSecondFactorAt: null,
      createdAt: '2026-11-24T00:00:00Z',
    }),
    initialPassword: null,
    existingIdentity: false,
    inviteCode: null,
    inviteExpiresAt: null,
    ...overrides,
  };
}

describe('CreateUserDialog', () => {
  let fixture: ComponentFixture<CreateUserDialog>;
  let http: HttpTestingController;
  let ref: { close: jest.Mock; disableClose: boolean; keydownEvents: () => Subject<KeyboardEvent> };
  let keys: Subject<KeyboardEvent>;

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(CreateUserDialog);
    await fixture.whenStable();
  }

  async function fill(password = ''): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'create-email'), ' cara@acme.test ');
    typeInto(byTestId<HTMLInputElement>(fixture, 'create-display-name'), 'Cara New');
    typeInto(byTestId<HTMLInputElement>(fixture, 'create-password'), password);
    byTestId<HTMLButtonElement>(fixture, 'create-submit').click();
    await fixture.whenStable();
  }

  beforeEach(() => {
    keys = new Subject<KeyboardEvent>();
    ref = { close: jest.fn(), disableClose: false, keydownEvents: () => keys };
    TestBed.configureTestingModule({
      imports: [CreateUserDialog],
      providers: dialogProviders(
        ref,
        () => ({ tenantId: TENANT, types: [EMPLOYEES] }) satisfies CreateUserDialogData,
      ),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends a chosen password and says the user signs in with it', async () => {
    await render();
    await fill('a long chosen password');

    const post = http.expectOne({ method: 'POST', url: ApiPaths.users(TENANT) });
    expect(post.request.body).toEqual({
      email: 'cara@acme.test',
      displayName: 'Cara New',
      userTypeId: 'type-employee',
      password: 'a long chosen password',
    });
    post.flush(answer({}));
    await fixture.whenStable();

    expect(byTestId(fixture, 'chosen-password').textContent).toContain('the password you chose');
    expect(queryTestId(fixture, 'initial-password')).toBeNull();
  });

  it('says that an email that already had a password keeps it', async () => {
    await render();
    await fill();
    http.expectOne(ApiPaths.users(TENANT)).flush(answer({ existingIdentity: true }));
    await fixture.whenStable();

    expect(byTestId(fixture, 'existing-identity').textContent).toContain(
      'cara@acme.test already has a Latchkey password from another login. It keeps that password',
    );
    expect(queryTestId(fixture, 'initial-password')).toBeNull();
  });

  it('keeps the dialog open on the password until Done', async () => {
    await render();
    await fill();
    const created = answer({ initialPassword: 'kettle-Orbit-42-lamp' });
    http.expectOne(ApiPaths.users(TENANT)).flush(created);
    await fixture.whenStable();

    expect(byTestId(fixture, 'initial-password').textContent?.trim()).toBe('kettle-Orbit-42-lamp');
    expect(ref.disableClose).toBe(true);
    expect(ref.close).not.toHaveBeenCalled();
    byTestId<HTMLButtonElement>(fixture, 'create-done').click();
    expect(ref.close).toHaveBeenCalledWith(created);
  });

  it('closes on Escape once the password is shown, like Done, and on no other key', async () => {
    await render();
    await fill();
    const created = answer({ initialPassword: 'kettle-Orbit-42-lamp' });
    http.expectOne(ApiPaths.users(TENANT)).flush(created);
    await fixture.whenStable();

    keys.next(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(ref.close).not.toHaveBeenCalled();
    keys.next(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(ref.close).toHaveBeenCalledWith(created);
  });

  it('shows the enrolment invite once, with its expiry, beside the initial password', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render();
    await fill();
    const created = answer({
      initialPassword: 'kettle-Orbit-42-lamp',
      inviteCode: 'ABCD-EFGH',
      inviteExpiresAt: '2026-11-27T10:15:00Z',
    });
    http.expectOne(ApiPaths.users(TENANT)).flush(created);
    await fixture.whenStable();

    expect(byTestId(fixture, 'initial-password').textContent?.trim()).toBe('kettle-Orbit-42-lamp');
    expect(byTestId(fixture, 'invite-code').textContent?.trim()).toBe('ABCD-EFGH');
    expect(byTestId(fixture, 'invite-warning').textContent).toContain('shown only this once');
    expect(byTestId(fixture, 'invite-warning').textContent).toContain('give it to Cara New yourself');
    expect(byTestId(fixture, 'invite-expiry').textContent?.trim()).toMatch(
      /^It works once, until 2[67] Nov 2026, \d\d:\d\d\. After their password they type it/,
    );
    expect(byTestId(fixture, 'copy-password').getAttribute('aria-label')).toBe('Copy the password');

    const copyInvite = byTestId<HTMLButtonElement>(fixture, 'copy-invite');
    expect(copyInvite.getAttribute('aria-label')).toBe('Copy the enrolment code');
    copyInvite.click();
    await fixture.whenStable();
    expect(copy).toHaveBeenCalledWith('ABCD-EFGH');
    expect(copyInvite.textContent?.trim()).toBe('Copied');
    expect(byTestId(fixture, 'copy-password').textContent?.trim()).toBe('Copy');

    expect(ref.disableClose).toBe(true);
    byTestId<HTMLButtonElement>(fixture, 'create-done').click();
    expect(ref.close).toHaveBeenCalledWith(created);
  });

  it('shows no invite when the account does not ask for one', async () => {
    await render();
    await fill();
    http.expectOne(ApiPaths.users(TENANT)).flush(answer({ initialPassword: 'kettle-Orbit-42-lamp' }));
    await fixture.whenStable();

    expect(queryTestId(fixture, 'invite-code')).toBeNull();
    expect(queryTestId(fixture, 'invite-warning')).toBeNull();
  });

  it('places the field errors of a 400 under their fields', async () => {
    await render();
    await fill('short');
    http.expectOne(ApiPaths.users(TENANT)).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [
          { field: 'password', messages: ['password must be at least 12 characters'] },
          { field: 'role', messages: ['role must be owner or user'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'create-password-error').textContent).toContain('at least 12 characters');
    expect(byTestId(fixture, 'create-error').textContent?.trim()).toBe('role must be owner or user');
    expect(byTestId<HTMLInputElement>(fixture, 'create-email').value).toBe('cara@acme.test');
  });

  it('does not post an incomplete form', async () => {
    await render();
    byTestId<HTMLButtonElement>(fixture, 'create-submit').click();
    await fixture.whenStable();

    http.expectNone(ApiPaths.users(TENANT));
    const errors = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('mat-error')).map((e) =>
      e.textContent?.trim(),
    );
    expect(errors).toEqual(['Enter an email address.', 'Enter a name.']);
  });
});
