import type { SignedInAnswer } from './auth';

/** POST /auth/totp/enrol: a new, not yet active authenticator. The secret is shown only now. */
export interface TotpEnrolment {
  /** Base32 secret, for typing into the app. */
  secret: string;
  /** The same secret in groups of four, easier to read aloud and type. */
  secretGroups: string;
  otpauthUri: string;
  /** QR code of the otpauth URI, as a PNG data URL. */
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
}

/** POST /auth/pin/setup */
export interface PinSetupRequest {
  pin: string;
  pinConfirmation: string;
}

/** POST /auth/pin */
export interface PinRequest {
  pin: string;
}

/** Why a second-factor attempt failed, beside the message of the error body. */
export const FACTOR_FAILURES = ['incorrect', 'clock-drift', 'replayed', 'locked'] as const;
export type FactorFailure = (typeof FACTOR_FAILURES)[number];

/** The body of a failed second-factor attempt (401, or 423 when the login is locked). */
export interface FactorFailureBody {
  statusCode: number;
  error: string;
  message: string;
  reason: FactorFailure;
  /** With clock-drift: how far the phone's clock seems off, in seconds (+ ahead, - behind). */
  driftSeconds?: number;
  /** With locked: until when (ISO 8601); null when only an owner can unlock. */
  lockedUntil?: string | null;
}

/** A backup code looks like `3-k7qp-2m9x-hc`: slot, then 40+ random bits in base32 groups. */
export const BACKUP_CODE_PATTERN = /^\d{1,2}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2}$/;
export const TOTP_CODE_PATTERN = /^\d{6}$/;
export const BACKUP_CODE_COUNT = 10;
