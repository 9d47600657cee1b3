import { HttpTestingController } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FactorStepAnswer } from '@latchkey/contracts';
import { LOGINS, byTestId, queryTestId } from '../../testing/fixtures';
import { PickedLogin } from './picked-login';
import { PinSetupPage } from './pin-setup-page';
import { configureStep, renderStep } from './step-testing';
import { TotpEnrolPage } from './totp-enrol-page';

/** The enrolment steps name the login they set up: from the step's answer, or the picker's choice. */
describe.each<[string, Type<unknown>, FactorStepAnswer['state']]>([
  ['TotpEnrolPage', TotpEnrolPage, 'totp-enrol'],
  ['PinSetupPage', PinSetupPage, 'pin-setup'],
])('%s names the login being set up', (_name, page, state) => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<unknown>;

  beforeEach(() => {
    ({ http } = configureStep(page));
  });

  afterEach(() => http.verify());

  it('with its tenant, user type and name, after the picker', async () => {
    const answer: FactorStepAnswer = { state, deadline: null };
    TestBed.inject(PickedLogin).remember(LOGINS[1], answer);
    fixture = await renderStep(page, answer);

    const line = byTestId(fixture, 'enrol-login').textContent?.replace(/\s+/g, ' ').trim();
    expect(line).toBe('For your login at Acme · Manager · Ann Example (manager)');
    expect(byTestId(fixture, 'enrol-login').previousElementSibling?.tagName).toBe('H1');
  });

  it('as the step’s answer names it (a reload, a single login)', async () => {
    fixture = await renderStep(page, { state, deadline: null, login: LOGINS[1] });

    const line = byTestId(fixture, 'enrol-login').textContent?.replace(/\s+/g, ' ').trim();
    expect(line).toBe('For your login at Acme · Manager · Ann Example (manager)');
  });

  it('not at all when neither the answer nor the picker names it', async () => {
    TestBed.inject(PickedLogin).remember(LOGINS[1], { state, deadline: null });
    fixture = await renderStep(page, { state, deadline: null });

    expect(queryTestId(fixture, 'enrol-login')).toBeNull();
  });
});
