import type { SignedInAnswer } from './auth';
import type { EffectivePolicy } from './policy';

/** POST /auth/totp/enrol: a new, not yet active authenticator. The secret is shown only now. */
export interface TotpEnrolment {
  /** Base32 secret, for typing into the app. */
  secret: string;
  /** The same secret in groups of four, easier to read aloud and type. */
  secretGroups: string;
  otpauthUri: string;
  /** QR code of the otpauth URI, as an SVG data URL. */
  qrCode: string;
  issuer: string;
  label: string;
}

/** POST /auth/totp/enrol/confirm */
export interface ConfirmEnrolmentRequest {
  code: string;
  deviceName?: string;
}

/** The answer to a confirmed enrolment: signed in, with the backup codes shown this once. */
export interface EnrolmentConfirmedAnswer extends SignedInAnswer {
  backupCodes: string[];
}

/** POST /auth/totp: a 6-digit code from the app, or a backup code. */
export interface TotpCodeRequest {
  code: string;
  /** Skip the code in this browser for the days the user type allows (FactorStepAnswer.rememberDays). */
  rememberBrowser?: boolean;
}

/** POST /auth/pin/setup */
export interface PinSetupRequest {
  pin: string;
  pinConfirmation: string;
}

/** POST /auth/pin */
export interface PinRequest {
  pin: string;
  rememberBrowser?: boolean;
}

/** Why a second-factor attempt failed, beside the message of the error body. */
export const FACTOR_FAILURES = ['incorrect', 'clock-drift', 'replayed', 'locked'] as const;
export type FactorFailure = (typeof FACTOR_FAILURES)[number];

/** The body of a failed second-factor attempt (401, or 423 when the login is locked). */
export interface FactorFailureBody {
  statusCode: number;
  error: string;
  message: string;
  /** `factor.<reason>` (or `sign-in.email-waits` for an email's wait), with its params. */
  code?: string;
  params?: Record<string, string | number>;
  reason: FactorFailure;
  /** With clock-drift: how far the phone's clock seems off, in seconds (+ ahead, - behind). */
  driftSeconds?: number;
  /** With locked: until when (ISO 8601); null when only an owner can unlock. */
  lockedUntil?: string | null;
  /**
   * With a wrong guess that leaves `FEW_ATTEMPTS_LEFT` or fewer: the wrong guesses still allowed
   * before the login is locked until an owner unlocks it (0: it is locked now).
   */
  attemptsLeft?: number;
}

/** From this many attempts left before the lock on, a wrong guess's answer says how many remain. */
export const FEW_ATTEMPTS_LEFT = 3;

/**
 * The characters of a new backup code: no look-alikes (no 0 or o, no 1, l or i). Codes made
 * before, from base32 (`a`–`z`, `2`–`7`), still work.
 */
export const BACKUP_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/**
 * A backup code looks like `3-k7qp-2m4x-hc`: slot, then 10 random characters in groups (of the
 * new alphabet, or of base32 for codes made before it).
 */
export const BACKUP_CODE_PATTERN = /^\d{1,2}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/;
export const TOTP_CODE_PATTERN = /^\d{6}$/;
export const BACKUP_CODE_COUNT = 10;
/** At this many unused backup codes or fewer, the person is told to make new ones. */
export const FEW_BACKUP_CODES = 3;

/**
 * A backup code as typed — any case, with or without its dashes, with spaces — in the form it
 * was made and hashed in (`3-k7qp-2m4x-hc`); the compact text, lower case, when it cannot be one.
 */
export function normaliseBackupCode(typed: string): string {
  const compact = typed.replace(/[\s-]+/g, '').toLowerCase();
  // The random part is always 10 characters: what comes before it is the slot.
  const parts = /^(\d{1,2})([a-z2-9]{10})$/.exec(compact);
  if (!parts) return compact;
  const [, slot, r] = parts;
  return `${slot}-${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8)}`;
}

/** POST /auth/handover: the one-time code an owner handed over after a reset. */
export interface HandoverRequest {
  code: string;
}

/** A handover code looks like `ABCD-EFGH`: 40 random bits in base32. */
export const HANDOVER_CODE_PATTERN = /^[A-Z2-7]{4}-[A-Z2-7]{4}$/;

/**
 * A handover code as typed — any case, with or without the dash, with spaces — in the form it was
 * made and hashed in (`ABCD-EFGH`); the compact text, upper case, when it cannot be one.
 */
export function normaliseHandoverCode(typed: string): string {
  const compact = typed.replace(/[\s-]+/g, '').toUpperCase();
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}

/** POST /tenants/:tenantId/users/:loginId/reset */
export interface ResetAnswer {
  /** Shown once to the owner, to give to the user after checking who is asking; null when the tenant turned handover off. */
  handoverCode: string | null;
  handoverExpiresAt: string | null;
}

/** One authenticator of the signed-in login. */
export interface DeviceView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** GET /me/security */
export interface MySecurityView {
  effective: EffectivePolicy;
  devices: DeviceView[];
  hasPin: boolean;
  backupCodesRemaining: number;
  /** The user turned the authenticator on for themself. */
  optedIn: boolean;
  /** Policy leaves the choice to the user (without their own choice the method is off). */
  canOptIn: boolean;
  /** When a postponed enrolment is due (ISO 8601), once a sign-in has given a grace period. */
  enrolDeadline?: string | null;
}

/** POST /me/devices/confirm */
export interface ConfirmDeviceAnswer {
  device: DeviceView;
  /** A first set of backup codes when the login had none; shown once. */
  backupCodes: string[] | null;
}

/** PATCH /me/devices/:id */
export interface RenameDeviceRequest {
  name: string;
}

/** PUT /me/pin: `currentPin` is required once a PIN exists. */
export interface ChangePinRequest {
  currentPin?: string;
  pin: string;
  pinConfirmation: string;
}

/** POST /me/backup-codes: a valid code from the app proves it is you. */
export interface RegenerateBackupCodesRequest {
  code: string;
}

export interface BackupCodesAnswer {
  backupCodes: string[];
}

/** PUT /me/two-factor: opt in or out where policy leaves it to the user; needs a valid code. */
export interface OwnTwoFactorRequest {
  enabled: boolean;
  code: string;
}
