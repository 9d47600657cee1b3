import type { AppSignInView } from './applications';
import type { Language, Role, SignInState } from './enums';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface PickLoginRequest {
  loginId: string;
}

/** One login an email can sign in as: a tenant login, or the platform console for a super user. */
export interface LoginOption {
  loginId: string;
  kind: 'tenant' | 'platform';
  tenantId: string | null;
  tenantName: string;
  userTypeName: string | null;
  displayName: string;
  /** Its sign-in would first ask to set up the factor its policy asks for (the picker says so). */
  needsSetUp?: boolean;
}

/** The signed-in person as the console sees them. */
export interface Me {
  identityId: string;
  loginId: string;
  email: string;
  displayName: string;
  role: Role;
  tenantId: string | null;
  tenantName: string | null;
  userTypeName: string | null;
  /** The language the person chose for the console and their mails; null: none chosen yet. */
  language: Language | null;
}

/** PUT /me/language: the person's language, kept on their identity (every login of theirs). */
export interface SetLanguageRequest {
  language: Language;
}

interface SignInAnswerBase<S extends SignInState> {
  state: S;
  /** While an application's sign-in is under way: the application it will return to. */
  app?: AppSignInView;
}

export type SignedOutAnswer = SignInAnswerBase<'signed-out'>;
export interface PickLoginAnswer extends SignInAnswerBase<'pick-login'> {
  logins: LoginOption[];
}
export interface SignedInAnswer extends SignInAnswerBase<'signed-in'> {
  me: Me;
  /** An application's sign-in finished: the browser goes back to it at this address. */
  redirectTo?: string;
  /** Signed in with a backup code: how many of the login's backup codes are still unused. */
  backupCodesLeft?: number;
}
/** A second-factor step; `deadline` is set while enrolment may still be postponed (ISO 8601). */
export interface FactorStepAnswer
  extends SignInAnswerBase<'pin-setup' | 'pin' | 'totp-enrol' | 'totp' | 'handover'> {
  deadline: string | null;
  /** The login this step signs in (the enrolment steps name it). */
  login?: LoginOption;
  /** On 'totp' and 'pin': days this browser may be remembered for (0 or absent: it may not). */
  rememberDays?: number;
  /** On 'handover': the code comes from an owner's reset, or is the invite of a new login. */
  handover?: HandoverKind;
}

/** Why a one-time code from the owner is asked for: after a reset, or before a first enrolment. */
export type HandoverKind = 'reset' | 'invite';

/** Every answer of the sign-in endpoints. */
export type SignInAnswer = SignedOutAnswer | PickLoginAnswer | SignedInAnswer | FactorStepAnswer;

/** The console page of each state a sign-in can stand at (the API sends browsers there too). */
export const SIGN_IN_PAGES: Record<SignInState, string> = {
  'signed-out': '/sign-in',
  'pick-login': '/sign-in/pick',
  'pin-setup': '/sign-in/pin-setup',
  pin: '/sign-in/pin',
  'totp-enrol': '/sign-in/totp-enrol',
  totp: '/sign-in/totp',
  handover: '/sign-in/handover',
  'signed-in': '/',
};
