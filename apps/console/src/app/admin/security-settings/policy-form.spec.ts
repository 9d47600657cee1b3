import { FormBuilder } from '@angular/forms';
import { TenantPolicyView, TwoFactorMethod, UserTypeView } from '@latchkey/contracts';
import { of } from 'rxjs';
import {
  PolicyFormValue,
  belowFloorOf,
  changeKeyOf,
  changesOf,
  inSaveOrder,
  inviteRequired,
  newRowForm,
  previewRequestOf,
  tenantBodyOf,
  tenantChangeName,
  tenantGrace,
  userTypeBodyOf,
} from './policy-form';
import { tenantPolicy } from './policy.testing';

const POLICY = tenantPolicy({ tenantId: 't' });

function userType(id: string, method: TwoFactorMethod): UserTypeView {
  return {
    id,
    name: id,
    policy: { method, graceDays: 0, setBy: null, setAt: null },
    rememberDays: 0,
    loginCount: 1,
    lockedBy: null,
  };
}

const A = userType('a', 'off');
const B = userType('b', 'authenticator');

function value(overrides: Partial<PolicyFormValue> = {}): PolicyFormValue {
  return {
    mandatoryForAll: false,
    graceDays: 0,
    handoverEnabled: true,
    enrolmentInviteRequired: false,
    types: {
      a: { method: 'off', graceDays: 0, rememberDays: 0 },
      b: { method: 'authenticator', graceDays: 0, rememberDays: 0 },
    },
    ...overrides,
  };
}

describe('policy form model', () => {
  it('finds no changes in an untouched form', () => {
    expect(changesOf(POLICY, [A, B], value())).toEqual({ rows: [], tenant: null, floorChanged: false });
  });

  it('lists a changed row, with remember days only when they changed', () => {
    const form = value();
    form.types['a'] = { method: 'pin', graceDays: 7, rememberDays: 0 };
    form.types['b'] = { method: 'authenticator', graceDays: 0, rememberDays: 30 };
    const { rows } = changesOf(POLICY, [A, B], form);
    expect(rows).toEqual([
      { type: A, method: 'pin', graceDays: 7 },
      { type: B, method: 'authenticator', graceDays: 0, rememberDays: 30 },
    ]);
  });

  it('builds the tenant PUT for the floor and for the handover alone', () => {
    expect(changesOf(POLICY, [A], value({ mandatoryForAll: true, graceDays: 14 }))).toEqual({
      rows: [],
      tenant: { mandatoryForAll: true, graceDays: 14 },
      floorChanged: true,
    });
    const saved = {
      ...POLICY,
      mandatoryForAll: true,
      tenantFloor: { method: 'authenticator' as const, graceDays: 5, setBy: null, setAt: null },
    };
    expect(tenantGrace(saved)).toBe(5);
    expect(
      changesOf(saved, [A], value({ mandatoryForAll: true, graceDays: 5, handoverEnabled: false })),
    ).toEqual({
      rows: [],
      tenant: { mandatoryForAll: true, graceDays: 5, handoverEnabled: false },
      floorChanged: false,
    });
  });

  it('builds the tenant PUT for the enrolment invite, alone or with the handover, and names it', () => {
    const invite = changesOf(POLICY, [A], value({ enrolmentInviteRequired: true }));
    expect(invite).toEqual({
      rows: [],
      tenant: { mandatoryForAll: false, graceDays: 0, enrolmentInviteRequired: true },
      floorChanged: false,
    });
    expect(tenantChangeName(invite)).toBe('The enrolment invite setting');
    expect(changeKeyOf(invite)).toBe(changeKeyOf(changesOf(POLICY, [A], value())));

    const both = changesOf(
      { ...POLICY, enrolmentInviteRequired: true },
      [A],
      value({ handoverEnabled: false, enrolmentInviteRequired: false }),
    );
    expect(both.tenant).toEqual({
      mandatoryForAll: false,
      graceDays: 0,
      handoverEnabled: false,
      enrolmentInviteRequired: false,
    });
    expect(tenantChangeName(both)).toBe('Requiring one-time codes');
    expect(tenantChangeName(changesOf(POLICY, [A], value({ handoverEnabled: false })))).toBe(
      'The handover code setting',
    );
    expect(tenantChangeName(changesOf(POLICY, [A], value({ mandatoryForAll: true })))).toBe(
      'The account floor (mandatory for all users)',
    );
  });

  it('reads a policy without the invite setting as "not required"', () => {
    const older = { ...POLICY } as Partial<TenantPolicyView>;
    delete older.enrolmentInviteRequired;
    expect(inviteRequired(older as TenantPolicyView)).toBe(false);
    expect(changesOf(older as TenantPolicyView, [A], value()).tenant).toBeNull();
  });

  it('keys changes by what a preview depends on', () => {
    const handover = changesOf(POLICY, [A], value({ handoverEnabled: false }));
    expect(changeKeyOf(handover)).toBe(changeKeyOf(changesOf(POLICY, [A], value())));
    expect(changeKeyOf(changesOf(POLICY, [A], value({ mandatoryForAll: true })))).not.toBe(
      changeKeyOf(handover),
    );
  });

  it('builds the preview request and the PUT bodies', () => {
    const row = { type: A, method: 'pin' as const, graceDays: 3 };
    expect(previewRequestOf([], true)).toEqual({ mandatoryForAll: true });
    expect(previewRequestOf([row], false)).toEqual({
      mandatoryForAll: false,
      userTypes: [{ userTypeId: 'a', method: 'pin' }],
    });
    expect(userTypeBodyOf(row, true)).toEqual({ method: 'pin', graceDays: 3, signOutAffected: true });
    expect(userTypeBodyOf({ ...row, rememberDays: 0 }, false)).toEqual({
      method: 'pin',
      graceDays: 3,
      rememberDays: 0,
      signOutAffected: false,
    });
    const tenant = { mandatoryForAll: true, graceDays: 0 };
    expect(tenantBodyOf(tenant, true, true)).toEqual({ ...tenant, signOutAffected: true });
    expect(tenantBodyOf(tenant, false, true)).toBe(tenant);
  });

  it('flags changed rows below a platform floor', () => {
    const floored: TenantPolicyView = {
      ...POLICY,
      platformFloor: { method: 'authenticator', graceDays: 0, setBy: 'ops', setAt: null },
    };
    const row = { type: A, method: 'pin' as const, graceDays: 0 };
    expect(belowFloorOf(floored, [row], false).get('a')?.layer).toBe('platform-floor');
    expect(belowFloorOf(POLICY, [row], false).size).toBe(0);
    expect(belowFloorOf(null, [row], false).size).toBe(0);
  });

  it('lowers the floor before the rows and raises it after them', () => {
    const row$ = of('row');
    const tenant$ = of('tenant');
    const off = { rows: [], tenant: { mandatoryForAll: false, graceDays: 0 }, floorChanged: true };
    const on = { rows: [], tenant: { mandatoryForAll: true, graceDays: 0 }, floorChanged: true };
    expect(inSaveOrder(off, [row$], [tenant$])).toEqual([tenant$, row$]);
    expect(inSaveOrder(on, [row$], [tenant$])).toEqual([row$, tenant$]);
  });

  it('builds a validated row form, disabled when read-only', () => {
    const fb = new FormBuilder().nonNullable;
    const row = newRowForm(fb, A, false);
    expect(row.getRawValue()).toEqual({ method: 'off', graceDays: 0, rememberDays: 0 });
    row.controls.graceDays.setValue(1.5);
    expect(row.controls.graceDays.hasError('wholeNumber')).toBe(true);
    row.controls.rememberDays.setValue(91);
    expect(row.controls.rememberDays.hasError('max')).toBe(true);
    expect(newRowForm(fb, A, true).disabled).toBe(true);
  });
});
