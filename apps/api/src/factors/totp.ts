import { generateSecret, generateURI, verify } from 'otplib';
import { toString as qrSvg } from 'qrcode';

export const TOTP_PERIOD = 30;
/** One step either side is accepted; a match within this many seconds is reported as clock drift. */
const ACCEPT_SECONDS = TOTP_PERIOD;
const DRIFT_SECONDS = 10 * 60;

export type TotpCheck =
  | { status: 'valid'; step: number }
  | { status: 'drift'; driftSeconds: number }
  | { status: 'invalid' };

/** A new 160-bit secret, base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The secret in groups of four, for reading and typing. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function totpUri(issuer: string, label: string, secret: string): string {
  return generateURI({ issuer, label, secret, algorithm: 'sha1', digits: 6, period: TOTP_PERIOD });
}

/**
 * The QR code as an SVG data URL: sharp at any size, and about a fifth of the CPU of a PNG
 * (2.5 ms against 13 ms here), which would otherwise block the event loop on every enrolment.
 */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await qrSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * RFC 6238 (SHA-1, 6 digits, 30 s). Valid within one step either side; otherwise, a match a few
 * minutes away is reported as the phone's clock drift (still a failure).
 */
export async function checkTotp(secret: string, code: string, nowMs = Date.now()): Promise<TotpCheck> {
  const epoch = Math.floor(nowMs / 1000);
  const near = await verify({ secret, token: code, epoch, epochTolerance: ACCEPT_SECONDS });
  if (near.valid) return { status: 'valid', step: Math.floor(epoch / TOTP_PERIOD) + near.delta };
  const far = await verify({ secret, token: code, epoch, epochTolerance: DRIFT_SECONDS });
  if (far.valid) return { status: 'drift', driftSeconds: far.delta * TOTP_PERIOD };
  return { status: 'invalid' };
}
