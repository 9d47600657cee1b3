import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, queryTestId, typeInto } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { HandoverPage } from './handover-page';
import { configureStep, refusal, renderStep } from './step-testing';

describe('HandoverPage', () => {
  let fixture: ComponentFixture<HandoverPage>;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function submit(code: string): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'handover-code-input'), code);
    byTestId<HTMLButtonElement>(fixture, 'submit-handover').click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    let router;
    ({ http, router } = configureStep(HandoverPage));
    navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = await renderStep(HandoverPage, { state: 'handover', deadline: null });
  });

  afterEach(() => http.verify());

  it('sends the code in capitals and goes on to enrolment', async () => {
    await submit('abcd-efgh');
    const request = http.expectOne({ method: 'POST', url: ApiPaths.handover });
    expect(request.request.body).toEqual({ code: 'ABCD-EFGH' });
    request.flush({ state: 'totp-enrol', deadline: null });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/sign-in/totp-enrol');
  });

  it.each(['abcdefgh', ' ab cd ef gh ', 'Abcd - Efgh'])(
    'takes %j without its dash or with spaces, and sends ABCD-EFGH',
    async (typed) => {
      await submit(typed);
      const request = http.expectOne({ method: 'POST', url: ApiPaths.handover });
      expect(request.request.body).toEqual({ code: 'ABCD-EFGH' });
      request.flush({ state: 'totp-enrol', deadline: null });
      await fixture.whenStable();
    },
  );

  it('sends nothing for a code of the wrong shape', async () => {
    await submit('12345');
    http.expectNone(ApiPaths.handover);
    expect(fixture.nativeElement.textContent).toContain('eight letters and digits');
  });

  it('shows the refusal and keeps the page', async () => {
    await submit('ABCD-EFGH');
    http
      .expectOne({ method: 'POST', url: ApiPaths.handover })
      .flush(...refusal(401, { message: 'Incorrect code', reason: 'incorrect' }));
    await fixture.whenStable();
    expect(byTestId(fixture, 'handover-error').textContent).toContain('Incorrect code');
    expect(navigate).not.toHaveBeenCalled();
    expect(queryTestId(fixture, 'submit-handover')).not.toBeNull();
  });

  it('words itself for a reset when the answer says so, or says nothing', async () => {
    expect(fixture.nativeElement.querySelector('h1').textContent.trim()).toBe(
      'Enter the code from your account owner',
    );
    expect(byTestId(fixture, 'handover-intro').textContent).toContain('Your second factor was reset.');

    TestBed.inject(SessionStore).record({ state: 'handover', deadline: null, handover: 'reset' });
    await fixture.whenStable();
    expect(byTestId(fixture, 'handover-intro').textContent).toContain('Your second factor was reset.');
  });

  it('words itself for an enrolment invite, and sends the code the same way', async () => {
    TestBed.inject(SessionStore).record({ state: 'handover', deadline: null, handover: 'invite' });
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('h1').textContent.trim()).toBe('Enter your enrolment code');
    const intro = byTestId(fixture, 'handover-intro').textContent ?? '';
    expect(intro).toContain(
      'Enter the one-time enrolment code your account owner gave you when they created your login.',
    );
    expect(intro).not.toContain('reset');

    await submit('wxyz-2345');
    const request = http.expectOne({ method: 'POST', url: ApiPaths.handover });
    expect(request.request.body).toEqual({ code: 'WXYZ-2345' });
    request.flush({ state: 'totp-enrol', deadline: null });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/sign-in/totp-enrol');
  });
});
