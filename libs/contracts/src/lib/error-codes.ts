import { SESSION_END_MESSAGES, type SessionEndReason } from './errors';

/**
 * Every error the API answers carries a stable `code` and its `params` beside the English
 * `message` (DESIGN §13), so that the console words it in the person's language. Each code's
 * English is here, `{name}` standing for a param; the API finds the code of a refusal whose
 * message is one of these texts exactly (`errorCodeOfMessage`). `http.*` codes are the fallback of
 * a refusal that has no code of its own yet: their message is the API's own sentence.
 */
export const ERROR_MESSAGES = {
  // The request itself.
  'request.invalid-input': 'Invalid input: {fields}',
  'request.body-unreadable': 'The request body could not be read: {detail}',
  'request.body-too-large': 'The request body is too large',
  'request.xsrf': 'Missing or invalid {header} header: copy it from the {cookie} cookie',
  'request.headers-too-large': 'The request headers are too large (cookies or URL over 16 KB)',
  'request.not-http': 'The request could not be read as HTTP',
  'request.rate-limited': 'Too many requests: wait a moment and try again',
  // Our side.
  'server.error': 'Something went wrong on our side',
  'server.database-unavailable':
    'The database cannot be reached right now, so nothing was changed: try again in a moment',
  // Sessions.
  'session.not-signed-in': 'Not signed in',
  'session.expired': 'Your sign-in expired. Please sign in again.',
  'session.ended-meanwhile': 'Your sign-in was ended while this step ran. Please sign in again.',
  ...sessionEndedMessages(),
  // Signing in.
  'sign-in.wrong-credentials': 'Incorrect email or password',
  'sign-in.email-waits': 'Too many sign-in attempts for this email: try again in {seconds} seconds.',
  'sign-in.deactivated-meanwhile': 'This login has been deactivated. Ask your account owner.',
  'sign-in.postpone-over': 'The time to postpone enrolment is over: enrol now to finish signing in',
  'sign-in.handover-expired': 'The one-time code from your account owner has expired: ask them for a new one',
  'sign-in.grant-held':
    'Another sign-in is enrolling this login with the one-time code from your account owner. If that is not you, tell your account owner now.',
  'sign-in.grant-expired':
    'The time to enrol with the one-time code from your account owner is over: ask them for a new code',
  'sign-in.enrolment-overtaken':
    'This login was enrolled or reset from another sign-in meanwhile: sign in again',
  // Second factors: a refused code or PIN (`reason` in the body says the same).
  'factor.incorrect': 'Incorrect code',
  'factor.incorrect-pin': 'Incorrect PIN',
  'factor.already-confirmed': 'This authenticator is already confirmed',
  'factor.clock-drift':
    "Incorrect code: your phone's clock looks about {minutes} minutes {way}. Set it to automatic time and try again.",
  'factor.locked': 'Too many failed attempts: try again later.',
  'factor.replayed': 'This code has been used already',
  'factor.gone': 'This login was reset meanwhile, so its old factors no longer count: sign in again',
  'factor.feature-off':
    'Two-factor authentication has not been switched on for this account by the platform administrator',
  // API tokens.
  'token.unknown': 'This API token is not known: check the Authorization header',
  'token.revoked': 'This API token was revoked',
  'token.expired': 'This API token expired at {at}',
  'token.orphan': 'The owner who made this API token no longer has a login: make a new token',
  'token.account-suspended': 'The account of this API token is suspended',
  'token.route-refused': 'API tokens may not call this route: sign in to the console',
  'token.foreign-account':
    "This API token belongs to another account: it reaches only its own account's routes",
  'token.missing-scope': 'This API token lacks the scope {scope}',
  'token.and-cookie': 'Send an API token or a session cookie, not both',
  // Owners' actions on logins.
  'users.not-yourself': 'You cannot deactivate your own login: another owner of the account can',
  'users.token-keeps-owners':
    'An API token may not deactivate or reactivate an owner: an owner does that in the console',
  'users.you-were-deactivated': 'Your login was deactivated meanwhile: it can change nothing',
  'users.last-owner':
    '{name} is the last active owner of this account: an account keeps at least one active owner',
  // The fallback of a refusal without a code of its own: the status, the API's message.
  'http.bad-request': '{message}',
  'http.unauthorized': '{message}',
  'http.forbidden': '{message}',
  'http.not-found': '{message}',
  'http.method-not-allowed': '{message}',
  'http.conflict': '{message}',
  'http.gone': '{message}',
  'http.payload-too-large': '{message}',
  'http.unsupported-media-type': '{message}',
  'http.unprocessable-entity': '{message}',
  'http.locked': '{message}',
  'http.service-unavailable': '{message}',
  'http.error': '{message}',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
/** A code's params: the values its message names. */
export type ErrorParams = Record<string, string | number>;

/** Every code, in the catalogue's order (the OpenAPI document lists them). */
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

function sessionEndedMessages(): Record<`session.ended.${SessionEndReason}`, string> {
  return Object.fromEntries(
    Object.entries(SESSION_END_MESSAGES).map(([reason, text]) => [`session.ended.${reason}`, text]),
  ) as Record<`session.ended.${SessionEndReason}`, string>;
}

const BY_MESSAGE = new Map<string, ErrorCode>(
  ERROR_CODES.filter((code) => !ERROR_MESSAGES[code].includes('{')).map((code) => [
    ERROR_MESSAGES[code],
    code,
  ]),
);

/** The code whose English is exactly `message` (a message without params), or null. */
export function errorCodeOfMessage(message: string): ErrorCode | null {
  return BY_MESSAGE.get(message) ?? null;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

/** The English of `code` with its params filled in (a missing param stays as `{name}`). */
export function errorText(code: ErrorCode, params: ErrorParams = {}): string {
  return ERROR_MESSAGES[code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
