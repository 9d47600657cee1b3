import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, TwoFactorMethod, UserRow } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { dialogProviders } from '../../shared/testing/component-testing';
import { ExceptionDialog, ExceptionDialogData } from './exception-dialog';
import { userRow } from './user-row.testing';

const TENANT = 'tenant-1';

function row(floor: TwoFactorMethod, exception: TwoFactorMethod | null = null): UserRow {
  return userRow({
    effective: {
      method: exception ?? 'authenticator',
      reason: { layer: exception ? 'exception' : 'user-type', setBy: 'olivia@acme.test', setAt: null },
      floor,
      graceDays: 0,
    },
    exception,
    lastSecondFactorAt: null,
  });
}

/** The native input inside a Material radio button or checkbox. */
function inputOf(host: HTMLElement): HTMLInputElement {
  const input = host.querySelector('input');
  if (!input) {
    throw new Error('No input inside');
  }
  return input;
}

describe('ExceptionDialog', () => {
  let fixture: ComponentFixture<ExceptionDialog>;
  let http: HttpTestingController;
  let close: jest.Mock;
  let data: ExceptionDialogData;

  async function render(user: UserRow): Promise<void> {
    data = { tenantId: TENANT, user };
    fixture = TestBed.createComponent(ExceptionDialog);
    await fixture.whenStable();
  }

  function options(): Array<{ label: string; disabled: boolean; checked: boolean }> {
    return allByTestId(fixture, 'exception-option').map((o) => {
      const input = inputOf(o);
      return { label: o.textContent?.trim() ?? '', disabled: input.disabled, checked: input.checked };
    });
  }

  async function pick(label: string): Promise<void> {
    const option = allByTestId(fixture, 'exception-option').find((o) => o.textContent?.trim() === label);
    if (!option) {
      throw new Error(`No option "${label}"`);
    }
    inputOf(option).click();
    await fixture.whenStable();
  }

  function save(): HTMLButtonElement {
    return byTestId<HTMLButtonElement>(fixture, 'exception-save');
  }

  beforeEach(() => {
    close = jest.fn();
    TestBed.configureTestingModule({
      imports: [ExceptionDialog],
      providers: dialogProviders({ close }, () => data),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('cannot go below the floor, and says so', async () => {
    await render(row('pin'));

    expect(options()).toEqual([
      { label: 'Authenticator app', disabled: false, checked: false },
      { label: 'PIN code', disabled: false, checked: false },
      { label: 'Off', disabled: true, checked: false },
      { label: 'No exception (follow the user type)', disabled: false, checked: true },
    ]);
    expect(byTestId(fixture, 'exception-floor').textContent).toContain('It cannot go below PIN code');
  });

  it('offers every method when no floor is set', async () => {
    await render(row('off'));

    expect(options().every((o) => !o.disabled)).toBe(true);
    expect(byTestId(fixture, 'exception-floor').textContent).not.toContain('cannot go below');
    expect(byTestId(fixture, 'exception-current').textContent).toContain(
      'Now: Authenticator app · Set by olivia@acme.test (user type policy)',
    );
  });

  it('saves nothing until something changes', async () => {
    await render(row('off'));
    expect(save().disabled).toBe(true);

    await pick('Off');
    expect(save().disabled).toBe(false);
  });

  it('removes an exception with method null', async () => {
    await render(row('off', 'off'));
    expect(options().find((o) => o.checked)?.label).toBe('Off');

    await pick('No exception (follow the user type)');
    save().click();
    const put = http.expectOne({ method: 'PUT', url: ApiPaths.exception(TENANT, 'login-ann') });
    expect(put.request.body).toEqual({ method: null, signOut: false });
    const updated = row('off');
    put.flush(updated);

    expect(close).toHaveBeenCalledWith(updated);
  });

  it('may only sign the user out, keeping the exception', async () => {
    await render(row('off', 'authenticator'));
    inputOf(byTestId(fixture, 'exception-sign-out')).click();
    await fixture.whenStable();
    save().click();

    expect(http.expectOne(ApiPaths.exception(TENANT, 'login-ann')).request.body).toEqual({
      method: 'authenticator',
      signOut: true,
    });
  });

  it("shows the API's refusal and stays open", async () => {
    await render(row('off'));
    await pick('Off');
    save().click();
    http
      .expectOne(ApiPaths.exception(TENANT, 'login-ann'))
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'The platform floor requires at least a PIN.' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(byTestId(fixture, 'exception-error').textContent?.trim()).toBe(
      'The platform floor requires at least a PIN.',
    );
    expect(close).not.toHaveBeenCalled();
    expect(save().disabled).toBe(false);
    expect(queryTestId(fixture, 'exception-option')).not.toBeNull();
  });
});
