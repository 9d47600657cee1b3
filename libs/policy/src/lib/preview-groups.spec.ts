import type { FloorLock, PreviewGroupName, TwoFactorMethod } from '@latchkey/contracts';
import { changeGroupOf, whyEmpty, type EmptyGroupFacts } from './preview-groups';

const NONE = { hasAuthenticator: false, hasPin: false };
const PIN = { hasAuthenticator: false, hasPin: true };
const APP = { hasAuthenticator: true, hasPin: false };

describe('changeGroupOf', () => {
  it.each<[TwoFactorMethod, TwoFactorMethod, typeof NONE, ReturnType<typeof changeGroupOf>]>([
    ['off', 'off', NONE, null],
    ['pin', 'pin', NONE, null],
    ['off', 'pin', NONE, 'must-enrol'],
    ['off', 'pin', PIN, 'already-compliant'],
    ['off', 'pin', APP, 'already-compliant'],
    ['pin', 'authenticator', PIN, 'must-enrol'],
    ['pin', 'authenticator', APP, 'already-compliant'],
    ['authenticator', 'pin', APP, 'relaxed'],
    ['authenticator', 'pin', PIN, 'relaxed'],
    // Asked less, yet still without the factor now asked: must set it up.
    ['authenticator', 'pin', NONE, 'must-enrol'],
    ['authenticator', 'off', NONE, 'relaxed'],
  ])('%s → %s holding %j: %s', (before, after, enrolment, group) => {
    expect(changeGroupOf(before, after, enrolment)).toBe(group);
  });
});

describe('whyEmpty', () => {
  const floor = (layer: FloorLock['layer'], method: TwoFactorMethod): FloorLock => ({
    layer,
    method,
    setBy: null,
    setAt: null,
  });
  const facts = (over: Partial<EmptyGroupFacts>): EmptyGroupFacts => ({
    proposes: true,
    loginsTouched: 10,
    floor: null,
    strongestProposed: 'pin',
    changed: 0,
    raised: 0,
    lowered: 0,
    raisesPolicy: true,
    ...over,
  });

  it.each<[string, PreviewGroupName, Partial<EmptyGroupFacts>, string]>([
    ['nothing proposed', 'must-enrol', { proposes: false }, 'Nothing in the form changes who must use what.'],
    ['no logins', 'must-enrol', { loginsTouched: 0 }, 'No logins of these user types yet.'],
    [
      'under the platform floor',
      'must-enrol',
      { floor: floor('platform-floor', 'pin') },
      'The platform floor already requires a PIN.',
    ],
    [
      'under the account floor',
      'already-compliant',
      { floor: floor('tenant-floor', 'authenticator'), strongestProposed: 'authenticator' },
      'The account floor already requires the authenticator app.',
    ],
    [
      'a floor weaker than the change',
      'must-enrol',
      { floor: floor('tenant-platform-floor', 'pin'), strongestProposed: 'authenticator' },
      'Exceptions or the settings in force already give these logins this method.',
    ],
    [
      'all enrolled',
      'must-enrol',
      { changed: 5, raised: 5 },
      'Everyone whose method changes already has the factor it asks for.',
    ],
    ['only lowered', 'already-compliant', { changed: 5, lowered: 5 }, 'The change asks no one for more.'],
    [
      'raised, nobody ready',
      'already-compliant',
      { changed: 5, raised: 5 },
      'No one asked for more has that factor yet.',
    ],
    ['only raised', 'relaxed', { changed: 5, raised: 5 }, 'The change asks no one for less.'],
    [
      'no raise',
      'browsers-forgotten',
      { raisesPolicy: false },
      'Only raising a method forgets remembered browsers.',
    ],
    [
      'none remembered',
      'browsers-forgotten',
      { raisesPolicy: true },
      'No browser of these logins is remembered.',
    ],
  ])('%s: %s says why', (_case, group, over, words) => {
    expect(whyEmpty(group, 0, facts(over))).toBe(words);
  });

  it('says nothing of a group that has logins', () => {
    expect(whyEmpty('must-enrol', 3, facts({ changed: 3, raised: 3 }))).toBeNull();
  });
});
