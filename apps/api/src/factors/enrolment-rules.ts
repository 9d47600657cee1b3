import { ERROR_MESSAGES } from '@latchkey/contracts';
/**
 * How long an enrolment may take: installing an app, scanning, saving backup codes. A pending
 * secret older than this is stale, and so is the sign-in step waiting for it.
 */
export const ENROLMENT_TTL_MS = 15 * 60 * 1000;

export const ENROLMENT_OVERTAKEN = ERROR_MESSAGES['sign-in.enrolment-overtaken'];

/**
 * The SQL condition under which the sign-in flow `:flowId` may still enrol a login's FIRST
 * factor: no one-time code pending, and no grant held by another flow. Enrolment writes carry
 * it, so a decision read at the start of a step cannot be overtaken by a reset or another
 * flow's enrolment.
 */
export const MAY_ENROL_SQL =
  'handover_hash IS NULL AND (enrolment_grant_flow IS NULL OR enrolment_grant_flow = :flowId)';
