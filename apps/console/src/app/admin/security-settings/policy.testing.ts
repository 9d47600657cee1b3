import { TenantPolicyView } from '@latchkey/contracts';

/**
 * For the specs of Admin → Security settings (imported by specs only): Acme's policy with 2FA
 * switched on and no floor, handover codes on, no enrolment invite; `overrides` change it.
 */
export function tenantPolicy(overrides: Partial<TenantPolicyView> = {}): TenantPolicyView {
  return {
    tenantId: 'tenant-1',
    tenantName: 'Acme',
    twoFactorEnabled: true,
    platformFloor: null,
    tenantPlatformFloor: null,
    mandatoryForAll: false,
    tenantFloor: null,
    lockedBy: null,
    handoverEnabled: true,
    enrolmentInviteRequired: false,
    ...overrides,
  };
}
