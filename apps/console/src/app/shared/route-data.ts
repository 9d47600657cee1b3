/**
 * What the shell's route table tells the pages it lazy-loads (their `data`, bound to inputs), typed
 * here so that the shell need not import the feature that reads it.
 */

/**
 * Which audit log a route shows (its `data.source`): the signed-in owner's own tenant, the
 * platform's events without a tenant, or one tenant's log read by a super user (`:tenantId`).
 */
export type AuditSource = 'own' | 'platform' | 'tenant';
