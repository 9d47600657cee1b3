import { FloorLock, PolicySetting, TenantPolicyView, UserTypeView } from '@latchkey/contracts';
import { strongest } from '@latchkey/policy';
import { floorName } from './effective-policy';

/**
 * The minimum a user type may be set to while the form holds `mandatoryForAll`, and who fixed it.
 *
 * The platform floors come from the tenant's policy and the API's own `lockedBy`; the tenant floor
 * ("mandatory for all users") follows the form, so that switching it off unlocks the rows before
 * saving and switching it on locks them. A floor of `off` fixes nothing. On a tie the higher
 * authority wins.
 */
export function lockFor(
  type: Pick<UserTypeView, 'lockedBy'> | null,
  policy: TenantPolicyView,
  mandatoryForAll: boolean,
  owner: string | null,
): FloorLock | null {
  const candidates: FloorLock[] = [];
  if (policy.platformFloor) {
    candidates.push(fromSetting('platform-floor', policy.platformFloor));
  }
  if (policy.tenantPlatformFloor) {
    candidates.push(fromSetting('tenant-platform-floor', policy.tenantPlatformFloor));
  }
  if (type?.lockedBy && type.lockedBy.layer !== 'tenant-floor') {
    candidates.push(type.lockedBy);
  }
  if (mandatoryForAll && policy.twoFactorEnabled) {
    const saved = policy.mandatoryForAll ? policy.tenantFloor : null;
    candidates.push({
      layer: 'tenant-floor',
      method: 'authenticator',
      setBy: saved ? saved.setBy : owner,
      setAt: saved ? saved.setAt : null,
    });
  }
  // A floor of `off` fixes nothing.
  return strongest(
    candidates.filter((candidate) => candidate.method !== 'off'),
    (candidate) => candidate.method,
  );
}

function fromSetting(layer: FloorLock['layer'], setting: PolicySetting): FloorLock {
  return { layer, method: setting.method, setBy: setting.setBy, setAt: setting.setAt };
}

/**
 * Who fixed a minimum, with the floor's one name: "Set by root@latchkey.test (platform floor)",
 * "(platform floor for this account)" or "(account floor)".
 */
export function floorText(lock: FloorLock): string {
  const who =
    lock.setBy ?? (lock.layer === 'tenant-floor' ? 'an account owner' : 'the platform administrator');
  return `Set by ${who} (${floorName(lock.layer).replace(/^the /, '')})`;
}
