import { lockFor } from './floor-lock';
import { tenantPolicy } from './policy.testing';

const POLICY = tenantPolicy({ tenantId: 't' });

describe('lockFor', () => {
  const platform = { method: 'pin' as const, graceDays: 0, setBy: 'root@latchkey.test', setAt: null };

  it('is null when no floor fixes more than off', () => {
    expect(lockFor({ lockedBy: null }, POLICY, false, 'o@acme.test')).toBeNull();
    expect(
      lockFor(null, { ...POLICY, platformFloor: { ...platform, method: 'off' } }, false, null),
    ).toBeNull();
  });

  it('takes the platform floors of the tenant policy', () => {
    expect(lockFor(null, { ...POLICY, tenantPlatformFloor: platform }, false, null)).toEqual({
      layer: 'tenant-platform-floor',
      method: 'pin',
      setBy: 'root@latchkey.test',
      setAt: null,
    });
  });

  it("follows the form's mandatory toggle rather than the saved tenant floor", () => {
    const saved = { method: 'authenticator' as const, graceDays: 0, setBy: 'olga@acme.test', setAt: 'x' };
    const policy = { ...POLICY, mandatoryForAll: true, tenantFloor: saved };
    const lockedBy = {
      layer: 'tenant-floor' as const,
      method: 'authenticator' as const,
      setBy: 'olga@acme.test',
      setAt: 'x',
    };

    expect(lockFor({ lockedBy }, policy, false, 'me@acme.test')).toBeNull();
    expect(lockFor({ lockedBy }, policy, true, 'me@acme.test')?.setBy).toBe('olga@acme.test');
    expect(lockFor({ lockedBy: null }, POLICY, true, 'me@acme.test')).toEqual({
      layer: 'tenant-floor',
      method: 'authenticator',
      setBy: 'me@acme.test',
      setAt: null,
    });
  });

  it('lets the higher authority win a tie', () => {
    const policy = {
      ...POLICY,
      platformFloor: { ...platform, method: 'authenticator' as const },
    };
    expect(lockFor(null, policy, true, 'me@acme.test')?.layer).toBe('platform-floor');
  });
});
