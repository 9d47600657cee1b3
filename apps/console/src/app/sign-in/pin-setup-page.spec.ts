import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, me, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { REFUSED_NEW_PINS } from '../shared/enrolment/refusal-testing';
import { PinSetupPage } from './pin-setup-page';
import { AFTER_EXPIRY, EXPIRED, afterExpiry, configureStep, renderStep } from './step-testing';

describe('PinSetupPage', () => {
  let fixture: ComponentFixture<PinSetupPage>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function render(deadline: string | null = null): Promise<void> {
    fixture = await renderStep(PinSetupPage, { state: 'pin-setup', deadline });
  }

  async function submit(pin: string, confirmation = pin): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'pin'), pin);
    typeInto(byTestId<HTMLInputElement>(fixture, 'pin-confirmation'), confirmation);
    byTestId<HTMLButtonElement>(fixture, 'submit-pin').click();
    await fixture.whenStable();
  }

  function errors(): string[] {
    return Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('mat-error')).map(
      (e) => e.textContent?.trim() ?? '',
    );
  }

  beforeEach(() => {
    let router;
    ({ http, router } = configureStep(PinSetupPage));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('shows the rules and asks for the PIN twice in hidden, numeric fields', async () => {
    await render();

    expect(byTestId(fixture, 'pin-rules').textContent).toContain('6 to 12 digits');
    expect(byTestId(fixture, 'pin-rules').textContent).toContain('111111 or 123456');
    for (const id of ['pin', 'pin-confirmation']) {
      const input = byTestId<HTMLInputElement>(fixture, id);
      expect(input.type).toBe('password');
      expect(input.getAttribute('inputmode')).toBe('numeric');
    }
  });

  it('sends both fields and goes home once signed in', async () => {
    await render();
    await submit('480215');

    const request = http.expectOne({ method: 'POST', url: ApiPaths.pinSetup });
    expect(request.request.body).toEqual({ pin: '480215', pinConfirmation: '480215' });
    request.flush({ state: 'signed-in', me: me('user') });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/');
    expect(TestBed.inject(SessionStore).me()).toEqual(me('user'));
  });

  it('places the API field errors under their fields', async () => {
    await render();
    await submit('480215');
    http.expectOne(ApiPaths.pinSetup).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [
          { field: 'pin', messages: ['pin is not acceptable'] },
          { field: 'pinConfirmation', messages: ['The two PINs differ'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    // The API's reasons read as sentences.
    expect(byTestId(fixture, 'pin-field-error').textContent?.trim()).toBe('The PIN is not acceptable.');
    expect(byTestId(fixture, 'pin-confirmation-error').textContent?.trim()).toBe('The two PINs differ.');
    expect(queryTestId(fixture, 'pin-error')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    expect(byTestId<HTMLButtonElement>(fixture, 'submit-pin').disabled).toBe(false);
  });

  it('shows field errors of other fields above the form', async () => {
    await render();
    await submit('480215');
    http.expectOne(ApiPaths.pinSetup).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'x',
        errors: [{ field: 'other', messages: ['Odd'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'pin-error').textContent).toContain('Odd');
  });

  it.each<[string, string]>([...REFUSED_NEW_PINS, ['12a456', 'The PIN must contain digits only.']])(
    'refuses %s before sending, as the API would',
    async (pin, message) => {
      await render();
      await submit(pin);

      http.expectNone(ApiPaths.pinSetup);
      expect(byTestId(fixture, 'pin-field-error').textContent).toContain(message);
      expect(errors()).toHaveLength(1);
    },
  );

  it('checks the two fields before sending', async () => {
    await render();

    await submit('480215', '480216');
    expect(errors()).toEqual(['The two PINs differ.']);
    await submit('', '');
    expect(errors()).toEqual(['Choose a PIN.', 'Type the PIN again.']);

    http.expectNone(ApiPaths.pinSetup);
  });

  it('starts again when the pending sign-in expired', async () => {
    await render();
    await submit('480215');
    http.expectOne(ApiPaths.pinSetup).flush(...EXPIRED);
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(afterExpiry()).toEqual(AFTER_EXPIRY);
  });

  it('offers to postpone while the deadline allows', async () => {
    await render('2030-01-02T03:04:05.000Z');
    byTestId<HTMLButtonElement>(fixture, 'postpone').click();
    http.expectOne({ method: 'POST', url: ApiPaths.postpone }).flush({ state: 'signed-in', me: me('user') });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('offers only cancelling once the deadline is gone', async () => {
    await render(null);

    expect(queryTestId(fixture, 'postpone')).toBeNull();
    expect(byTestId(fixture, 'enrol-required')).toBeTruthy();
    expect(byTestId(fixture, 'cancel-sign-in')).toBeTruthy();
  });
});
