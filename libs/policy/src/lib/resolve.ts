import type { EffectivePolicy, PolicyLayer, TwoFactorMethod } from '@latchkey/contracts';
import { methodRank, strongest } from './methods';

/** One stored setting of a layer: the method, and who set it when. */
export interface LayerSetting {
  method: TwoFactorMethod;
  setBy: string | null;
  setAt: string | null;
  /** Grace before enrolment is required, where the layer carries one. */
  graceDays?: number;
}

/** Everything the resolver needs for one login, read from policy rows (never from user rows). */
export interface PolicyInput {
  /** Platform super users are always held to the authenticator. */
  isSuperUser: boolean;
  /** Layer 0: a super user switched 2FA on for the tenant. */
  featureEnabled: boolean;
  /** Layer 1: the floor for every tenant, and the floor for this tenant, both set by a super user. */
  platformFloor: LayerSetting | null;
  tenantPlatformFloor: LayerSetting | null;
  /** Layer 2: the owner's "mandatory for all users". */
  tenantFloor: LayerSetting | null;
  /** Layer 3: the policy of the login's user type. */
  userTypePolicy: LayerSetting | null;
  /** Layer 4: the owner's exception for this login. */
  exception: LayerSetting | null;
  /** Layer 5: the user turned the authenticator on for themself. */
  ownChoice: LayerSetting | null;
  /** Grace a super user has to enrol; 0 unless the installation allows one. */
  superUserGraceDays?: number;
}

interface Candidate {
  layer: PolicyLayer;
  setting: LayerSetting;
}

function answer(candidate: Candidate, floor: TwoFactorMethod): EffectivePolicy {
  return {
    method: candidate.setting.method,
    reason: { layer: candidate.layer, setBy: candidate.setting.setBy, setAt: candidate.setting.setAt },
    floor,
    graceDays: candidate.setting.graceDays ?? 0,
  };
}

const OFF: LayerSetting = { method: 'off', setBy: null, setAt: null };

/**
 * The effective second-factor method of one login, and why (DESIGN.md §2).
 *
 * Floors (platform, then tenant) set a minimum nobody below can lower. Under them, the
 * exception replaces the user-type policy — up or down, never below the floors. Where the
 * result is `off`, the user's own opt-in turns the authenticator on. Until the feature switch
 * is on, the owner's layers do not apply. Pure: no clock, no I/O.
 */
export function resolvePolicy(input: PolicyInput): EffectivePolicy {
  if (input.isSuperUser) {
    return {
      method: 'authenticator',
      reason: { layer: 'super-user', setBy: null, setAt: null },
      floor: 'authenticator',
      graceDays: input.superUserGraceDays ?? 0,
    };
  }

  const floors: Candidate[] = [];
  if (input.platformFloor) floors.push({ layer: 'platform-floor', setting: input.platformFloor });
  if (input.tenantPlatformFloor)
    floors.push({ layer: 'tenant-platform-floor', setting: input.tenantPlatformFloor });
  if (input.featureEnabled && input.tenantFloor)
    floors.push({ layer: 'tenant-floor', setting: input.tenantFloor });
  const floor = strongest(floors, (c) => c.setting.method);
  const floorMethod = floor?.setting.method ?? 'off';

  let decided: Candidate;
  if (!input.featureEnabled) {
    decided = floor && floorMethod !== 'off' ? floor : { layer: 'feature-off', setting: OFF };
  } else {
    const own: Candidate | null = input.exception
      ? { layer: 'exception', setting: input.exception }
      : input.userTypePolicy
        ? { layer: 'user-type', setting: input.userTypePolicy }
        : null;
    const base = own ?? { layer: 'default', setting: OFF };
    // The floor decides only where it is strictly above what the login's own layers ask.
    decided = floor && methodRank(floorMethod) > methodRank(base.setting.method) ? floor : base;
  }

  if (decided.setting.method === 'off' && input.ownChoice?.method === 'authenticator') {
    decided = { layer: 'own-choice', setting: input.ownChoice };
  }
  return answer(decided, floorMethod);
}
