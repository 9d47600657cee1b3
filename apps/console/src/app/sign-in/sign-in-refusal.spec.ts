import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { LOCKED_UNTIL_UNLOCKED, REFUSED_FOR_NOW, signInRefusal, waitText } from './sign-in-refusal';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, headers: new HttpHeaders(headers) });
}

describe('signInRefusal', () => {
  const now = new Date('2026-11-24T09:00:00.000Z');

  it('counts the wait of a 423 from lockedUntil, whatever the API words', () => {
    const locked = response(423, {
      statusCode: 423,
      reason: 'locked',
      message: 'Too many failed attempts: try again in 44 seconds.',
      lockedUntil: '2026-11-24T09:00:44.200Z',
    });
    expect(signInRefusal(locked, now)).toBe(
      'Too many sign-in attempts for this email. Try again in 45 seconds.',
    );
  });

  it('tells a long wait in minutes, and at least one second', () => {
    expect(signInRefusal(response(423, { lockedUntil: '2026-11-24T09:15:00.000Z' }), now)).toBe(
      'Too many sign-in attempts for this email. Try again in 15 minutes.',
    );
    expect(signInRefusal(response(423, { lockedUntil: '2026-11-24T08:59:00.000Z' }), now)).toBe(
      'Too many sign-in attempts for this email. Try again in 1 second.',
    );
  });

  it('falls back on Retry-After, then on the API message, for a 423 without a time', () => {
    expect(signInRefusal(response(423, { message: 'Wait' }, { 'Retry-After': '30' }), now)).toBe(
      'Too many sign-in attempts for this email. Try again in 30 seconds.',
    );
    expect(signInRefusal(response(423, { message: 'Wait a bit' }), now)).toBe('Wait a bit');
    expect(signInRefusal(response(423, null), now)).toContain('Please try again in a few minutes.');
  });

  it('says when only an owner can unlock', () => {
    expect(signInRefusal(response(423, { lockedUntil: null }), now)).toBe(LOCKED_UNTIL_UNLOCKED);
  });

  it("shows a 403's message, and a plain refusal when there is none", () => {
    const enrolling =
      'Another sign-in is enrolling this login with the one-time code from your account owner. Try again later.';
    expect(signInRefusal(response(403, { statusCode: 403, message: enrolling }), now)).toBe(enrolling);
    expect(signInRefusal(response(403, null), now)).toBe(REFUSED_FOR_NOW);
  });

  it('leaves every other failure to the page', () => {
    expect(signInRefusal(response(401, { message: 'Incorrect email or password' }), now)).toBeNull();
    expect(signInRefusal(response(429, null), now)).toBeNull();
    expect(signInRefusal(new Error('boom'), now)).toBeNull();
  });

  it('words waits', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(119)).toBe('119 seconds');
    expect(waitText(121)).toBe('3 minutes');
  });
});
