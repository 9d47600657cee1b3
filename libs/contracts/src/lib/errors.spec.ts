import { SESSION_END_MESSAGES, SESSION_END_REASONS } from './errors';

describe('session end reasons', () => {
  it.each(SESSION_END_REASONS)('%s has its own sentence, ending as a sentence does', (reason) => {
    const message = SESSION_END_MESSAGES[reason];
    expect(message).toMatch(/^[A-Z].*\.$/);
    const others = SESSION_END_REASONS.filter((r) => r !== reason).map((r) => SESSION_END_MESSAGES[r]);
    expect(others).not.toContain(message);
  });

  it('words no reason it does not list', () => {
    expect(Object.keys(SESSION_END_MESSAGES).sort()).toEqual([...SESSION_END_REASONS].sort());
  });
});
