/** Second-factor methods, weakest first. */
export const TWO_FACTOR_METHODS = ['off', 'pin', 'authenticator'] as const;
export type TwoFactorMethod = (typeof TWO_FACTOR_METHODS)[number];

/** Where a sign-in stands. `signed-out` answers GET /auth/state when no sign-in is under way. */
export const SIGN_IN_STATES = [
  'signed-out',
  'pick-login',
  'pin-setup',
  'pin',
  'totp-enrol',
  'totp',
  'handover',
  'signed-in',
] as const;
export type SignInState = (typeof SIGN_IN_STATES)[number];

/** The steps a pending (not yet signed-in) session may be at. */
export type PendingSignInState = Exclude<SignInState, 'signed-out' | 'signed-in'>;

/** Who a signed-in session acts as. */
export const ROLES = ['super', 'owner', 'user'] as const;
export type Role = (typeof ROLES)[number];

/** The role a login holds inside its tenant. */
export const TENANT_ROLES = ['owner', 'user'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** The words for the methods, everywhere a person reads them (the console, audit labels). */
export const METHOD_LABELS: Record<TwoFactorMethod, string> = {
  authenticator: 'Authenticator app',
  pin: 'PIN code',
  off: 'Off',
};

/**
 * The console's languages (DESIGN §13): English, French, Dutch, German. A person's choice is kept
 * on their identity (null: none made, the browser's language applies).
 */
export const LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
