/** `cookie-signature` (how express-session signs its cookie) ships no types: what we use of it. */
declare module 'cookie-signature' {
  /** `value` with its signature: `value.signature`. */
  export function sign(value: string, secret: string): string;
  /** The value signed with `secret`, or false when the signature does not match. */
  export function unsign(input: string, secret: string): string | false;
}
