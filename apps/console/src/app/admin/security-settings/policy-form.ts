import {
  AbstractControl,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  MAX_GRACE_DAYS,
  MAX_REMEMBER_DAYS,
  PolicyPreviewRequest,
  SetTenantPolicyRequest,
  SetUserTypePolicyRequest,
  FloorLock,
  TenantPolicyView,
  TwoFactorMethod,
  UserTypeView,
} from '@latchkey/contracts';
import { Observable, catchError, throwError } from 'rxjs';
import { lockFor } from './floor-lock';
import { belowMinimum } from '../../shared/policy-text';

/**
 * The security settings form's model: its rows, their validators, what the form changes compared
 * with what the API last answered, and the preview request and PUT bodies built from those changes.
 */

export type RowForm = FormGroup<{
  method: FormControl<TwoFactorMethod>;
  graceDays: FormControl<number | null>;
  rememberDays: FormControl<number | null>;
}>;

/** The form's raw value. */
export interface PolicyFormValue {
  mandatoryForAll: boolean;
  graceDays: number | null;
  handoverEnabled: boolean;
  enrolmentInviteRequired: boolean;
  types: Record<string, { method: TwoFactorMethod; graceDays: number | null; rememberDays: number | null }>;
}

/** A user type whose method, grace or remembered-browser days the form changes. */
export interface RowChange {
  type: UserTypeView;
  method: TwoFactorMethod;
  graceDays: number;
  /** Set only when changed: the PUT leaves it out to keep the stored value. */
  rememberDays?: number;
}

export interface Changes {
  rows: RowChange[];
  /**
   * The tenant's PUT, when the form changes "mandatory for all users", its grace, the handover or
   * the enrolment invite.
   */
  tenant: SetTenantPolicyRequest | null;
  /** "Mandatory for all users" or its grace changed: who must use what changes, so preview it. */
  floorChanged: boolean;
}

/** A failed save call, and what it was saving. */
export interface SaveFailure {
  what: string;
  error: unknown;
}

export function wholeNumber(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(value) ? null : { wholeNumber: true };
}

export const GRACE_VALIDATORS = [
  Validators.required,
  Validators.min(0),
  Validators.max(MAX_GRACE_DAYS),
  wholeNumber,
];

export const REMEMBER_VALIDATORS = [
  Validators.required,
  Validators.min(0),
  Validators.max(MAX_REMEMBER_DAYS),
  wholeNumber,
];

/** The account-wide grace the form shows: only meaningful while "mandatory for all" is on. */
export function tenantGrace(policy: TenantPolicyView): number {
  return policy.mandatoryForAll ? (policy.tenantFloor?.graceDays ?? 0) : 0;
}

/** A row's form, holding what the API answered for the user type. */
export function newRowForm(fb: NonNullableFormBuilder, type: UserTypeView, disabled: boolean): RowForm {
  const row: RowForm = fb.group({
    method: fb.control(type.policy.method),
    graceDays: fb.control<number | null>(type.policy.graceDays, GRACE_VALIDATORS),
    rememberDays: fb.control<number | null>(type.rememberDays, REMEMBER_VALIDATORS),
  });
  if (disabled) {
    row.disable();
  }
  return row;
}

/** What the form changes, compared with what the API last answered. */
export function changesOf(
  policy: TenantPolicyView | null,
  types: readonly UserTypeView[],
  value: PolicyFormValue,
): Changes {
  const rows: RowChange[] = [];
  for (const type of types) {
    const row = value.types[type.id];
    if (!row) {
      continue;
    }
    const rememberChanged = row.rememberDays !== type.rememberDays;
    if (row.method !== type.policy.method || row.graceDays !== type.policy.graceDays || rememberChanged) {
      const change: RowChange = { type, method: row.method, graceDays: row.graceDays ?? 0 };
      if (rememberChanged) {
        change.rememberDays = row.rememberDays ?? 0;
      }
      rows.push(change);
    }
  }
  if (!policy) {
    return { rows, tenant: null, floorChanged: false };
  }
  const floorChanged =
    value.mandatoryForAll !== policy.mandatoryForAll ||
    (value.mandatoryForAll && value.graceDays !== tenantGrace(policy));
  const handoverChanged = value.handoverEnabled !== policy.handoverEnabled;
  const inviteChanged = value.enrolmentInviteRequired !== inviteRequired(policy);
  if (!floorChanged && !handoverChanged && !inviteChanged) {
    return { rows, tenant: null, floorChanged };
  }
  const tenant: SetTenantPolicyRequest = {
    mandatoryForAll: value.mandatoryForAll,
    // The one-time codes alone keep the stored grace, whatever the hidden field holds.
    graceDays: floorChanged ? (value.graceDays ?? 0) : tenantGrace(policy),
  };
  if (handoverChanged) {
    tenant.handoverEnabled = value.handoverEnabled;
  }
  if (inviteChanged) {
    tenant.enrolmentInviteRequired = value.enrolmentInviteRequired;
  }
  return { rows, tenant, floorChanged };
}

/** Whether the tenant asks new logins for an enrolment invite (off when the API does not say). */
export function inviteRequired(policy: TenantPolicyView): boolean {
  return policy.enrolmentInviteRequired === true;
}

/** What the tenant's PUT saves, to name it when it fails. */
export function tenantChangeName({ tenant, floorChanged }: Changes): string {
  if (floorChanged || !tenant) {
    return 'The account floor (mandatory for all users)';
  }
  const handover = tenant.handoverEnabled !== undefined;
  const invite = tenant.enrolmentInviteRequired !== undefined;
  if (handover && invite) {
    return 'Requiring one-time codes';
  }
  return invite ? 'The enrolment invite setting' : 'The handover code setting';
}

/** A key that is equal for two sets of changes exactly when they would preview the same. */
export function changeKeyOf({ rows, tenant, floorChanged }: Changes): string {
  const floor = floorChanged && tenant ? [tenant.mandatoryForAll, tenant.graceDays] : null;
  return JSON.stringify([rows.map((r) => [r.type.id, r.method, r.graceDays, r.rememberDays ?? null]), floor]);
}

/**
 * Changed rows whose method is below a floor the API enforces when their PUT arrives: the
 * platform floors, and "mandatory for all" when it is saved and stays on (when it is being
 * switched off, that PUT goes first). The API refuses such a row even for a grace-only change.
 */
export function belowFloorOf(
  policy: TenantPolicyView | null,
  rows: readonly RowChange[],
  mandatoryForAll: boolean,
): Map<string, FloorLock> {
  const result = new Map<string, FloorLock>();
  if (!policy) {
    return result;
  }
  const keepsMandatory = policy.mandatoryForAll && mandatoryForAll;
  for (const row of rows) {
    const lock = lockFor(row.type, policy, keepsMandatory, null);
    if (lock && belowMinimum(row.method, lock.method)) {
      result.set(row.type.id, lock);
    }
  }
  return result;
}

/** The preview request for the changed rows and the form's "mandatory for all users". */
export function previewRequestOf(rows: readonly RowChange[], mandatoryForAll: boolean): PolicyPreviewRequest {
  const request: PolicyPreviewRequest = { mandatoryForAll };
  if (rows.length > 0) {
    request.userTypes = rows.map((r) => ({ userTypeId: r.type.id, method: r.method }));
  }
  return request;
}

/** The PUT body of a changed row. */
export function userTypeBodyOf(row: RowChange, signOutAffected: boolean): SetUserTypePolicyRequest {
  return {
    method: row.method,
    graceDays: row.graceDays,
    ...(row.rememberDays === undefined ? {} : { rememberDays: row.rememberDays }),
    signOutAffected,
  };
}

/** The tenant's PUT body: only a change of the floor can sign users out. */
export function tenantBodyOf(
  tenant: SetTenantPolicyRequest,
  floorChanged: boolean,
  signOutAffected: boolean,
): SetTenantPolicyRequest {
  return floorChanged ? { ...tenant, signOutAffected } : tenant;
}

/**
 * The save calls in the order they must run: lower the account floor before the rows that it
 * would otherwise hold up; raise it last.
 */
export function inSaveOrder(
  { tenant, floorChanged }: Changes,
  typeCalls: readonly Observable<unknown>[],
  tenantCalls: readonly Observable<unknown>[],
): Observable<unknown>[] {
  const lowersFloor = floorChanged && tenant !== null && !tenant.mandatoryForAll;
  return lowersFloor ? [...tenantCalls, ...typeCalls] : [...typeCalls, ...tenantCalls];
}

/** Tag a save call's error with what it was saving. */
export function failureOf<T>(what: string) {
  return catchError<T, Observable<never>>((error: unknown) =>
    throwError((): SaveFailure => ({ what, error })),
  );
}
