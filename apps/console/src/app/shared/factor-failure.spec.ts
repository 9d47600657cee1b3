import { HttpErrorResponse } from '@angular/common/http';
import { driftMessage, lockedMessage, readFactorFailure } from './factor-failure';

function response(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body });
}

describe('readFactorFailure', () => {
  it('reads a 401 without a reason as an expired sign-in', () => {
    expect(
      readFactorFailure(response(401, { statusCode: 401, message: 'Your sign-in expired' }), 'en-US'),
    ).toEqual({
      kind: 'expired',
    });
    expect(readFactorFailure(response(401, null), 'en-US')).toEqual({ kind: 'expired' });
  });

  it('keeps the API message of a refused code, with its reason', () => {
    const outcome = readFactorFailure(
      response(401, { statusCode: 401, message: 'Incorrect code', reason: 'incorrect' }),
      'en-US',
    );

    expect(outcome).toEqual({
      kind: 'failed',
      message: 'Incorrect code',
      reason: 'incorrect',
      driftSeconds: null,
      ownerMustUnlock: false,
    });
  });

  it('says how many attempts are left once they are few, and that the last wrong one locked the login', () => {
    const two = readFactorFailure(
      response(401, { message: 'Incorrect PIN', reason: 'incorrect', attemptsLeft: 2 }),
      'en-US',
    );
    const one = readFactorFailure(response(401, { reason: 'incorrect', attemptsLeft: 1 }), 'en-US');
    const none = readFactorFailure(
      response(401, { message: 'Incorrect code', reason: 'incorrect', attemptsLeft: 0 }),
      'en-US',
    );

    expect(two).toMatchObject({
      message: 'Incorrect PIN. 2 attempts left before this login is locked.',
      ownerMustUnlock: false,
    });
    expect(one).toMatchObject({ message: 'Incorrect code. 1 attempt left before this login is locked.' });
    expect(none).toMatchObject({
      message: 'Incorrect code. This login is now locked. Ask your account owner to unlock it.',
      ownerMustUnlock: true,
    });
  });

  it('words a failure the API did not word', () => {
    const incorrect = readFactorFailure(response(401, { reason: 'incorrect' }), 'en-US', {
      incorrect: 'Incorrect PIN.',
    });
    const drift = readFactorFailure(response(401, { reason: 'clock-drift', driftSeconds: 125 }), 'en-US');
    const replayed = readFactorFailure(response(401, { reason: 'replayed' }), 'en-US');

    expect(incorrect).toMatchObject({ message: 'Incorrect PIN.' });
    expect(drift).toMatchObject({
      reason: 'clock-drift',
      driftSeconds: 125,
      message: expect.stringContaining('about 2 minutes ahead'),
    });
    expect(replayed).toMatchObject({ message: expect.stringContaining('already used') });
  });

  it('says until when a lock lasts, or that an owner must lift it', () => {
    const timed = readFactorFailure(
      response(423, { reason: 'locked', lockedUntil: '2030-01-02T03:04:05.000Z', message: 'Locked' }),
      'en-US',
    );
    const forGood = readFactorFailure(
      response(423, { reason: 'locked', lockedUntil: null, message: 'Locked' }),
      'en-US',
    );
    const unsaid = readFactorFailure(response(423, { message: 'Locked for a while' }), 'en-US');

    expect(timed).toMatchObject({
      reason: 'locked',
      ownerMustUnlock: false,
      message: expect.stringContaining('until Jan'),
    });
    expect(forGood).toMatchObject({
      ownerMustUnlock: true,
      message: expect.stringContaining('Ask your account owner'),
    });
    expect(unsaid).toMatchObject({ ownerMustUnlock: false, message: 'Locked for a while' });
  });

  it('hands field errors back for the form', () => {
    const errors = [{ field: 'pin', messages: ['Too short'] }];

    expect(readFactorFailure(response(400, { message: 'Invalid', errors }), 'en-US')).toEqual({
      kind: 'fields',
      errors,
    });
  });

  it('ignores a reason it does not know, and words other failures as usual', () => {
    expect(readFactorFailure(response(401, { reason: 'mystery', message: 'x' }), 'en-US')).toEqual({
      kind: 'expired',
    });
    expect(readFactorFailure(response(503, null), 'en-US')).toMatchObject({
      reason: null,
      message: 'Something went wrong on our side. Please try again.',
    });
    expect(readFactorFailure(new Error('offline'), 'en-US')).toMatchObject({
      message: expect.stringContaining('cannot be reached'),
    });
  });
});

describe('driftMessage', () => {
  it.each([
    [180, 'about 3 minutes ahead'],
    [-60, 'about 1 minute behind'],
    [-20, 'less than a minute behind'],
    [null, 'looks off'],
  ])('words %p seconds as "%s"', (seconds, words) => {
    expect(driftMessage(seconds)).toContain(words);
  });
});

describe('lockedMessage', () => {
  it('says nothing when the API did not say how long', () => {
    expect(lockedMessage(undefined, 'en-US')).toBeUndefined();
    expect(lockedMessage('not a date', 'en-US')).toBeUndefined();
  });
});
