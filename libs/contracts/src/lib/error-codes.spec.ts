import { ERROR_CODES, ERROR_MESSAGES, errorCodeOfMessage, errorText, isErrorCode } from './error-codes';
import { SESSION_END_REASONS } from './errors';

describe('the error codes', () => {
  it('are lower-case words in dotted groups, each with English', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[a-z][a-z-]*(\.[a-z0-9-]+)+$/);
      expect(ERROR_MESSAGES[code].trim().length).toBeGreaterThan(0);
    }
  });

  it('give a session ended for each reason its own code, with the sentence the person reads', () => {
    for (const reason of SESSION_END_REASONS) expect(isErrorCode(`session.ended.${reason}`)).toBe(true);
    expect(ERROR_MESSAGES['session.ended.reset']).toContain('reset your sign-in');
  });

  it('find the code of a message without params, and only such a message', () => {
    expect(errorCodeOfMessage('Incorrect email or password')).toBe('sign-in.wrong-credentials');
    expect(errorCodeOfMessage('This API token was revoked')).toBe('token.revoked');
    expect(errorCodeOfMessage('Incorrect email or password.')).toBeNull();
    expect(errorCodeOfMessage('{message}')).toBeNull();
  });

  it('never give one English sentence (without params) to two codes', () => {
    const plain = ERROR_CODES.filter((code) => !ERROR_MESSAGES[code].includes('{'));
    const sentences = plain.map((code) => ERROR_MESSAGES[code]);
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const code of plain) expect(errorCodeOfMessage(ERROR_MESSAGES[code])).toBe(code);
  });

  it('fill in the params of the English, and leave a missing one visible', () => {
    expect(errorText('token.missing-scope', { scope: 'users:write' })).toBe(
      'This API token lacks the scope users:write',
    );
    expect(errorText('sign-in.email-waits', {})).toContain('{seconds}');
  });

  it('tell a code of the catalogue from anything else', () => {
    expect(isErrorCode('factor.incorrect')).toBe(true);
    expect(isErrorCode('factor.nope')).toBe(false);
    expect(isErrorCode('constructor')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
