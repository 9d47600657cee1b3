import fc from 'fast-check';
import { TWO_FACTOR_METHODS, type PolicyLayer, type TwoFactorMethod } from '@latchkey/contracts';
import { methodRank } from './methods';
import { resolvePolicy, type LayerSetting, type PolicyInput } from './resolve';

const set = (method: TwoFactorMethod, setBy = 'someone', graceDays?: number): LayerSetting => ({
  method,
  setBy,
  setAt: '2026-11-01T10:00:00.000Z',
  ...(graceDays === undefined ? {} : { graceDays }),
});

const NONE: PolicyInput = {
  isSuperUser: false,
  featureEnabled: true,
  platformFloor: null,
  tenantPlatformFloor: null,
  tenantFloor: null,
  userTypePolicy: null,
  exception: null,
  ownChoice: null,
};

type Row = [string, Partial<PolicyInput>, TwoFactorMethod, PolicyLayer];

describe('resolvePolicy: each layer alone', () => {
  const rows: Row[] = [
    ['nothing set', {}, 'off', 'default'],
    ['super user, nothing else', { isSuperUser: true }, 'authenticator', 'super-user'],
    [
      'super user under an off exception',
      { isSuperUser: true, exception: set('off') },
      'authenticator',
      'super-user',
    ],
    ['feature off', { featureEnabled: false, userTypePolicy: set('authenticator') }, 'off', 'feature-off'],
    ['platform floor pin', { platformFloor: set('pin') }, 'pin', 'platform-floor'],
    [
      'tenant platform floor',
      { tenantPlatformFloor: set('authenticator') },
      'authenticator',
      'tenant-platform-floor',
    ],
    ['tenant floor', { tenantFloor: set('authenticator') }, 'authenticator', 'tenant-floor'],
    ['user type pin', { userTypePolicy: set('pin') }, 'pin', 'user-type'],
    ['user type off', { userTypePolicy: set('off') }, 'off', 'user-type'],
    ['exception authenticator', { exception: set('authenticator') }, 'authenticator', 'exception'],
    ['own choice', { ownChoice: set('authenticator') }, 'authenticator', 'own-choice'],
  ];
  it.each(rows)('%s', (_name, input, method, layer) => {
    const result = resolvePolicy({ ...NONE, ...input });
    expect(result.method).toBe(method);
    expect(result.reason.layer).toBe(layer);
  });
});

describe('resolvePolicy: layer pairs', () => {
  const rows: Row[] = [
    // feature switch × the rest
    [
      'feature off, platform floor applies',
      { featureEnabled: false, platformFloor: set('pin') },
      'pin',
      'platform-floor',
    ],
    [
      'feature off, tenant platform floor applies',
      { featureEnabled: false, tenantPlatformFloor: set('authenticator') },
      'authenticator',
      'tenant-platform-floor',
    ],
    [
      'feature off ignores the owner floor',
      { featureEnabled: false, tenantFloor: set('authenticator') },
      'off',
      'feature-off',
    ],
    [
      'feature off ignores exceptions',
      { featureEnabled: false, exception: set('pin') },
      'off',
      'feature-off',
    ],
    [
      'feature off, own choice still on',
      { featureEnabled: false, ownChoice: set('authenticator') },
      'authenticator',
      'own-choice',
    ],
    // platform floor × the rest
    [
      'platform floor over tenant platform floor, tie',
      { platformFloor: set('pin'), tenantPlatformFloor: set('pin') },
      'pin',
      'platform-floor',
    ],
    [
      'tenant platform floor above platform floor',
      { platformFloor: set('pin'), tenantPlatformFloor: set('authenticator') },
      'authenticator',
      'tenant-platform-floor',
    ],
    [
      'platform floor above tenant floor',
      { platformFloor: set('authenticator'), tenantFloor: set('pin') },
      'authenticator',
      'platform-floor',
    ],
    [
      'platform floor above user type',
      { platformFloor: set('pin'), userTypePolicy: set('off') },
      'pin',
      'platform-floor',
    ],
    [
      'user type above platform floor',
      { platformFloor: set('pin'), userTypePolicy: set('authenticator') },
      'authenticator',
      'user-type',
    ],
    [
      'exception cannot go below platform floor',
      { platformFloor: set('authenticator'), exception: set('off') },
      'authenticator',
      'platform-floor',
    ],
    [
      'platform floor pin, own choice not needed',
      { platformFloor: set('pin'), ownChoice: set('authenticator') },
      'pin',
      'platform-floor',
    ],
    // tenant floor × the rest
    [
      'tenant floor above user type',
      { tenantFloor: set('authenticator'), userTypePolicy: set('pin') },
      'authenticator',
      'tenant-floor',
    ],
    [
      'user type equal to tenant floor decides',
      { tenantFloor: set('pin'), userTypePolicy: set('pin') },
      'pin',
      'user-type',
    ],
    [
      'exception cannot go below tenant floor',
      { tenantFloor: set('authenticator'), exception: set('pin') },
      'authenticator',
      'tenant-floor',
    ],
    [
      'exception above tenant floor',
      { tenantFloor: set('pin'), exception: set('authenticator') },
      'authenticator',
      'exception',
    ],
    // user type × exception × own choice
    [
      'exception lowers the type',
      { userTypePolicy: set('authenticator'), exception: set('off') },
      'off',
      'exception',
    ],
    ['exception raises the type', { userTypePolicy: set('off'), exception: set('pin') }, 'pin', 'exception'],
    [
      'own choice where the type is off',
      { userTypePolicy: set('off'), ownChoice: set('authenticator') },
      'authenticator',
      'own-choice',
    ],
    [
      'own choice does not replace a pin type',
      { userTypePolicy: set('pin'), ownChoice: set('authenticator') },
      'pin',
      'user-type',
    ],
    [
      'own choice where the exception is off',
      { exception: set('off'), ownChoice: set('authenticator') },
      'authenticator',
      'own-choice',
    ],
  ];
  it.each(rows)('%s', (_name, input, method, layer) => {
    const result = resolvePolicy({ ...NONE, ...input });
    expect([result.method, result.reason.layer]).toEqual([method, layer]);
  });

  it('reports who set the deciding layer, when, and its grace', () => {
    const result = resolvePolicy({
      ...NONE,
      userTypePolicy: {
        method: 'pin',
        setBy: 'olivia@acme.test',
        setAt: '2026-11-20T08:00:00.000Z',
        graceDays: 7,
      },
    });
    expect(result).toEqual({
      method: 'pin',
      reason: { layer: 'user-type', setBy: 'olivia@acme.test', setAt: '2026-11-20T08:00:00.000Z' },
      floor: 'off',
      graceDays: 7,
    });
  });

  it('reports the floor that bounds exceptions', () => {
    expect(
      resolvePolicy({ ...NONE, platformFloor: set('pin'), tenantFloor: set('authenticator') }).floor,
    ).toBe('authenticator');
    expect(resolvePolicy({ ...NONE, featureEnabled: false, tenantFloor: set('authenticator') }).floor).toBe(
      'off',
    );
  });
});

describe('resolvePolicy: properties', () => {
  const method = fc.constantFrom(...TWO_FACTOR_METHODS);
  const setting = fc.option(
    fc.record({ method, setBy: fc.constant('x'), setAt: fc.constant(null), graceDays: fc.nat(90) }),
    { nil: null },
  );
  const input = fc.record({
    isSuperUser: fc.boolean(),
    featureEnabled: fc.boolean(),
    platformFloor: setting,
    tenantPlatformFloor: setting,
    tenantFloor: setting,
    userTypePolicy: setting,
    exception: setting,
    ownChoice: fc.option(
      fc.record({
        method: fc.constant<TwoFactorMethod>('authenticator'),
        setBy: fc.constant('me'),
        setAt: fc.constant(null),
      }),
      { nil: null },
    ),
  });
  const rank = (s: LayerSetting | null) => (s ? methodRank(s.method) : 0);

  it('never answers below a platform floor, nor below the tenant floor once the feature is on', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = methodRank(resolvePolicy(i).method);
        expect(r).toBeGreaterThanOrEqual(rank(i.platformFloor));
        expect(r).toBeGreaterThanOrEqual(rank(i.tenantPlatformFloor));
        if (i.featureEnabled) expect(r).toBeGreaterThanOrEqual(rank(i.tenantFloor));
      }),
      { numRuns: 2000 },
    );
  });

  it('holds super users to the authenticator whatever else is set', () => {
    fc.assert(
      fc.property(input, (i) =>
        expect(resolvePolicy({ ...i, isSuperUser: true }).method).toBe('authenticator'),
      ),
    );
  });

  it('lets no owner layer raise or lower anything while the feature is off', () => {
    fc.assert(
      fc.property(input, (i) => {
        const off = { ...i, isSuperUser: false, featureEnabled: false };
        const without = { ...off, tenantFloor: null, userTypePolicy: null, exception: null };
        expect(resolvePolicy(off)).toEqual(resolvePolicy(without));
      }),
    );
  });
});
