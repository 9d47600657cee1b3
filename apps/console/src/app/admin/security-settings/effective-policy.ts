import {
  EffectivePolicy,
  FloorLock,
  METHOD_LABELS,
  PolicyLayer,
  PolicyPreviewAnswer,
  TenantPolicyView,
  TwoFactorMethod,
  UserTypeView,
} from '@latchkey/contracts';
import { FLOOR_NAMES, resolvePolicy } from '@latchkey/policy';
import type { Changes } from './policy-form';

/**
 * What a user type's logins effectively get (no exception, no own choice) under what the form
 * holds, and why, in the words of the page: the resolver of `@latchkey/policy` decides, with the
 * layers the API answered and the form's own values in place of the saved ones.
 */

/** A user type's method and grace as the form holds them. */
export interface TypeSetting {
  method: TwoFactorMethod;
  graceDays: number | null;
}

/** The form's "mandatory for all users" (the account floor) and its grace. */
export interface AccountFloorSetting {
  mandatoryForAll: boolean;
  graceDays: number | null;
}

/** The effective policy of a login of a type with `setting`, under the floors and the form. */
export function effectiveOf(
  policy: TenantPolicyView,
  setting: TypeSetting,
  account: AccountFloorSetting,
): EffectivePolicy {
  const saved = policy.mandatoryForAll ? policy.tenantFloor : null;
  return resolvePolicy({
    isSuperUser: false,
    featureEnabled: policy.twoFactorEnabled,
    platformFloor: policy.platformFloor,
    tenantPlatformFloor: policy.tenantPlatformFloor,
    tenantFloor: account.mandatoryForAll
      ? {
          method: 'authenticator',
          graceDays: account.graceDays ?? 0,
          setBy: saved?.setBy ?? null,
          setAt: saved?.setAt ?? null,
        }
      : null,
    userTypePolicy: { method: setting.method, graceDays: setting.graceDays ?? 0, setBy: null, setAt: null },
    exception: null,
    ownChoice: null,
  });
}

/** A floor's one name, in running text: "the platform floor", "the account floor". */
export function floorName(layer: FloorLock['layer']): string {
  const name = FLOOR_NAMES[layer];
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function isFloor(layer: PolicyLayer): layer is FloorLock['layer'] {
  return layer === 'platform-floor' || layer === 'tenant-platform-floor' || layer === 'tenant-floor';
}

/** Why a type's logins get their method: "raised by the platform floor", "this type's setting". */
export function whyText(effective: EffectivePolicy, featureEnabled: boolean): string {
  const layer = effective.reason.layer;
  if (isFloor(layer)) {
    return `${featureEnabled ? 'raised' : 'required'} by ${floorName(layer)}`;
  }
  switch (layer) {
    case 'user-type':
      return "this type's setting";
    case 'feature-off':
      return '2FA is not switched on for this account';
    default:
      return 'no policy';
  }
}

/** "PIN code — raised by the platform floor". */
export function effectiveText(effective: EffectivePolicy, featureEnabled: boolean): string {
  return `${METHOD_LABELS[effective.method]} — ${whyText(effective, featureEnabled)}`;
}

/** Who the applying grace belongs to: "the account floor's grace", "the user type's grace". */
export function graceOwner(layer: PolicyLayer): string {
  switch (layer) {
    case 'platform-floor':
      return "the platform floor's grace";
    case 'tenant-platform-floor':
      return 'the grace of the platform floor for this account';
    case 'tenant-floor':
      return "the account floor's grace";
    default:
      return "the user type's grace";
  }
}

function daysText(days: number): string {
  return days === 0 ? 'no grace: they enrol at their next sign-in' : `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** A user type whose logins must enrol, with what it will effectively have. */
export interface EnrollingType {
  name: string;
  effective: EffectivePolicy;
}

/**
 * The grace that will apply to those who must enrol, in a sentence for the confirmation: "Users
 * who must enrol get 7 days (the account floor's grace)." The grace is the deciding layer's.
 */
export function graceSentence(types: readonly EnrollingType[]): string {
  const enrolling = types.filter((t) => t.effective.method !== 'off');
  if (enrolling.length === 0) {
    return 'No one has to enrol because of this change.';
  }
  const terms = new Map<string, { days: number; layer: PolicyLayer; names: string[] }>();
  for (const { name, effective } of enrolling) {
    const key = `${effective.graceDays}|${effective.reason.layer}`;
    const term = terms.get(key) ?? { days: effective.graceDays, layer: effective.reason.layer, names: [] };
    term.names.push(name);
    terms.set(key, term);
  }
  const all = [...terms.values()];
  if (all.length === 1) {
    const [{ days, layer }] = all;
    return `Users who must enrol get ${daysText(days)} (${graceOwner(layer)}).`;
  }
  const parts = all.map(
    ({ days, layer, names }) => `${names.join(', ')}: ${daysText(days)} (${graceOwner(layer)})`,
  );
  return `Users who must enrol get — ${parts.join('; ')}.`;
}

/** What the form holds that the page's effective methods depend on. */
export interface FormSettings extends AccountFloorSetting {
  types: Record<string, TypeSetting>;
}

/** Each type's effective method and why, in words, under what the form holds. */
export function effectiveTexts(
  policy: TenantPolicyView | null,
  types: readonly UserTypeView[],
  form: FormSettings,
): Map<string, string> {
  const texts = new Map<string, string>();
  for (const type of types) {
    const row = form.types[type.id];
    if (policy && row) {
      texts.set(type.id, effectiveText(effectiveOf(policy, row, form), policy.twoFactorEnabled));
    }
  }
  return texts;
}

/**
 * The grace those who must enrol will get, for the confirmation: the types the preview counts
 * enrolling logins in (or, when it does not say, the types the change touches), each under the
 * layer that decides its method.
 */
export function graceToApply(
  policy: TenantPolicyView | null,
  types: readonly UserTypeView[],
  form: FormSettings,
  answer: PolicyPreviewAnswer,
  changes: Pick<Changes, 'rows' | 'floorChanged'>,
): string {
  if (!policy || answer.mustEnrol === 0) {
    return graceSentence([]);
  }
  const enrolling = answer.byUserType.filter((group) => group.mustEnrol > 0).map((group) => group.userTypeId);
  const touched = changes.floorChanged ? types.map((t) => t.id) : changes.rows.map((row) => row.type.id);
  const ids = new Set(enrolling.length > 0 ? enrolling : touched);
  return graceSentence(
    types.flatMap((type) => {
      const row = form.types[type.id];
      return ids.has(type.id) && row ? [{ name: type.name, effective: effectiveOf(policy, row, form) }] : [];
    }),
  );
}
