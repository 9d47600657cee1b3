/** Authenticator apps known to work with Latchkey's codes (RFC 6238, SHA-1, 6 digits, 30 s). */
export interface AuthenticatorApp {
  name: string;
  appStore: string;
  googlePlay: string;
}

export const AUTHENTICATOR_APPS: readonly AuthenticatorApp[] = [
  {
    name: 'Google Authenticator',
    appStore: 'https://apps.apple.com/app/google-authenticator/id388497605',
    googlePlay: 'https://play.google.com/store/apps/details?id=com.google.android.apps.authenticator2',
  },
  {
    name: 'Microsoft Authenticator',
    appStore: 'https://apps.apple.com/app/microsoft-authenticator/id983156458',
    googlePlay: 'https://play.google.com/store/apps/details?id=com.azure.authenticator',
  },
  {
    name: 'Authy',
    appStore: 'https://apps.apple.com/app/twilio-authy/id494168017',
    googlePlay: 'https://play.google.com/store/apps/details?id=com.authy.authy',
  },
  {
    name: 'FreeOTP',
    appStore: 'https://apps.apple.com/app/freeotp-authenticator/id872559395',
    googlePlay: 'https://play.google.com/store/apps/details?id=org.fedorahosted.freeotp',
  },
];
