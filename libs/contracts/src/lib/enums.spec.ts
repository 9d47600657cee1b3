import { SIGN_IN_STATES, TWO_FACTOR_METHODS } from './enums';
import { ApiPaths } from './routes';

describe('contracts', () => {
  it('orders methods weakest first', () => {
    expect(TWO_FACTOR_METHODS).toEqual(['off', 'pin', 'authenticator']);
  });

  it('names every sign-in state of DESIGN.md §8', () => {
    for (const s of ['pick-login', 'pin-setup', 'pin', 'totp-enrol', 'totp', 'handover', 'signed-in']) {
      expect(SIGN_IN_STATES).toContain(s);
    }
  });

  it('builds absolute API paths under /api/v1', () => {
    expect(ApiPaths.login).toBe('/api/v1/auth/login');
    expect(ApiPaths.pick).toBe('/api/v1/auth/login/pick');
    expect(ApiPaths.health).toBe('/api/health');
  });
});
