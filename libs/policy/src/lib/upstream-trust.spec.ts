import type { Role, TwoFactorMethod, UpstreamTrust } from '@latchkey/contracts';
import {
  neverAskProblem,
  upstreamFactorDecision,
  type UpstreamFactorDecision,
  type UpstreamProof,
} from './upstream-trust';

const NOW = 1_800_000_000;
const always: UpstreamTrust = { mode: 'always-ask', amrValues: [], acrValues: [], maxAuthAgeSeconds: null };
const never: UpstreamTrust = { ...always, mode: 'never-ask' };
const trustMfa: UpstreamTrust = {
  mode: 'trust-mfa',
  amrValues: ['mfa', 'hwk'],
  acrValues: ['urn:okta:loa:2fa'],
  maxAuthAgeSeconds: null,
};
const trustRecentMfa: UpstreamTrust = { ...trustMfa, maxAuthAgeSeconds: 300 };

describe('upstreamFactorDecision', () => {
  const rows: Array<[string, UpstreamTrust, UpstreamProof, Role, TwoFactorMethod, UpstreamFactorDecision]> = [
    // what, trust, upstream proof, role, floor above the owner, decision
    [
      'always ask, even with MFA',
      always,
      { amr: ['mfa'] },
      'user',
      'off',
      { ask: true, reason: 'always-ask' },
    ],
    ['never ask, no floor', never, {}, 'user', 'off', { ask: false, reason: 'never-ask' }],
    ['never ask, owners too', never, {}, 'owner', 'off', { ask: false, reason: 'never-ask' }],
    ['never ask under a PIN floor', never, {}, 'user', 'pin', { ask: true, reason: 'floor-requires-factor' }],
    [
      'never ask under an authenticator floor',
      never,
      { amr: ['mfa'] },
      'user',
      'authenticator',
      { ask: true, reason: 'floor-requires-factor' },
    ],
    ['never ask, a super user', never, {}, 'super', 'off', { ask: true, reason: 'super-user' }],
    [
      'trusted MFA, a super user',
      trustMfa,
      { amr: ['mfa'] },
      'super',
      'off',
      { ask: true, reason: 'super-user' },
    ],
    [
      'trust MFA, amr has a listed value',
      trustMfa,
      { amr: ['pwd', 'hwk'] },
      'user',
      'off',
      { ask: false, reason: 'upstream-mfa-trusted', matched: 'hwk' },
    ],
    [
      'trust MFA, acr is a listed value',
      trustMfa,
      { amr: ['pwd'], acr: 'urn:okta:loa:2fa' },
      'user',
      'off',
      { ask: false, reason: 'upstream-mfa-trusted', matched: 'urn:okta:loa:2fa' },
    ],
    [
      'trust MFA, password only',
      trustMfa,
      { amr: ['pwd'], acr: 'urn:okta:loa:1fa' },
      'user',
      'off',
      { ask: true, reason: 'no-trusted-mfa' },
    ],
    ['trust MFA, nothing said', trustMfa, {}, 'user', 'off', { ask: true, reason: 'no-trusted-mfa' }],
    [
      'trust MFA under a floor (the floor asks nothing of trust)',
      trustMfa,
      { amr: ['mfa'] },
      'user',
      'authenticator',
      { ask: false, reason: 'upstream-mfa-trusted', matched: 'mfa' },
    ],
    [
      'recent MFA required, 60 s old',
      trustRecentMfa,
      { amr: ['mfa'], authTime: NOW - 60 },
      'user',
      'off',
      { ask: false, reason: 'upstream-mfa-trusted', matched: 'mfa' },
    ],
    [
      'recent MFA required, exactly at the limit',
      trustRecentMfa,
      { amr: ['mfa'], authTime: NOW - 300 },
      'user',
      'off',
      { ask: false, reason: 'upstream-mfa-trusted', matched: 'mfa' },
    ],
    [
      'recent MFA required, a second too old',
      trustRecentMfa,
      { amr: ['mfa'], authTime: NOW - 301 },
      'user',
      'off',
      { ask: true, reason: 'mfa-too-old' },
    ],
    [
      'recent MFA required, no auth_time',
      trustRecentMfa,
      { amr: ['mfa'] },
      'user',
      'off',
      { ask: true, reason: 'mfa-too-old' },
    ],
  ];
  it.each(rows)('%s', (_what, trust, proof, role, floorAboveOwner, decision) => {
    expect(upstreamFactorDecision(trust, proof, { nowSeconds: NOW, role, floorAboveOwner })).toEqual(
      decision,
    );
  });
});

describe('neverAskProblem', () => {
  it.each<[UpstreamTrust['mode'], TwoFactorMethod, RegExp | null]>([
    ['never-ask', 'off', null],
    ['never-ask', 'pin', /at least a PIN/],
    ['never-ask', 'authenticator', /at least the authenticator/],
    ['trust-mfa', 'authenticator', null],
    ['always-ask', 'authenticator', null],
  ])('%s under a %s floor', (mode, floor, problem) => {
    const answer = neverAskProblem({ mode }, floor);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toMatch(problem);
  });
});
