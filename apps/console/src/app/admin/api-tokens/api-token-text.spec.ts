import { endOfDay, expiryText, lastUsedText, localDay, scopesText, stateText } from './api-token-text';
import { apiToken } from './api-tokens-page.testing';

describe('API token words', () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('names the scopes in words', () => {
    expect(scopesText(['users:read', 'policy:write'])).toBe('Read users, Change policy');
    expect(scopesText([])).toBe('');
  });

  it('says whether a token works: revoked wins over expired', () => {
    expect(stateText(apiToken(), now)).toBe('Active');
    expect(stateText(apiToken({ expiresAt: '2026-07-01T00:00:00Z' }), now)).toBe('Active');
    expect(stateText(apiToken({ expiresAt: '2026-05-01T10:00:00Z' }), now)).toMatch(/^Expired 1 May 2026, /);
    expect(
      stateText(apiToken({ expiresAt: '2026-05-01T10:00:00Z', revokedAt: '2026-04-01T10:00:00Z' }), now),
    ).toMatch(/^Revoked 1 Apr 2026, /);
  });

  it('reads a missing expiry and last use', () => {
    expect(expiryText({ expiresAt: null })).toBe('Never');
    expect(lastUsedText({ lastUsedAt: null })).toBe('Never used');
    expect(lastUsedText({ lastUsedAt: '2026-03-03T10:15:00Z' })).toMatch(/^3 Mar 2026, /);
  });

  it('turns a day into its last moment in local time, and a moment into its day', () => {
    const end = endOfDay('2027-01-31');
    expect(end).not.toBeNull();
    const back = new Date(end ?? '');
    expect(localDay(back)).toBe('2027-01-31');
    expect(back.getHours()).toBe(23);
    expect(back.getMinutes()).toBe(59);
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('31/01/2027')).toBeNull();
    expect(endOfDay('2027-13-45')).toBeNull();
  });
});
