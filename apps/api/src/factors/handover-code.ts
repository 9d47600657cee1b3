import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A handover code is good for one hour: long enough to be read out on a call, short for a thief. */
export const HANDOVER_TTL_MS = 60 * 60 * 1000;

/** `ABCD-EFGH`: 40 random bits, easy to read out. */
export function newHandoverCode(): string {
  const chars = [...randomBytes(8)].map((b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** An enrolment invite waits longer: the new user may start days after the login was made. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
