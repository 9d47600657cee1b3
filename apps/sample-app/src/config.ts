/**
 * What the sample application needs to know, as any application that signs in through Latchkey:
 * the issuer, its client id (public client: no secret, PKCE) and where it is reached itself.
 */
export interface SampleAppOptions {
  /** Latchkey's issuer, e.g. `http://localhost:3000/oidc`; discovery is below it. */
  issuer: string;
  /** The client_id Latchkey gave the application when it was registered. */
  clientId: string;
  /** Where browsers reach this app, without a trailing slash: `${baseUrl}/callback` is registered. */
  baseUrl: string;
}

/**
 * The application the embedded demo registers for Acme (`apps/api/src/seed/demo-data.ts`,
 * `DEMO_SAMPLE_APP`): its client id and port. The sample app's test checks they still agree.
 */
export const DEMO_CLIENT_ID = 'f8bbc05c-7746-4206-9191-f3d5b36f6d2d';
export const DEFAULT_PORT = 3001;

/** Authentication context classes Latchkey names in `acr` and accepts in `acr_values`. */
export const ACR = {
  none: 'urn:latchkey:method:none',
  pin: 'urn:latchkey:method:pin',
  authenticator: 'urn:latchkey:method:authenticator',
} as const;

/** The scopes the app asks for: the ID token's claims, and a refresh token. */
export const SCOPE = 'openid email profile offline_access';

type Env = Record<string, string | undefined>;

const set = (env: Env, name: string) => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

/**
 * From the environment: `SAMPLE_APP_PORT` (3001), `LATCHKEY_ISSUER` (else the API's own
 * `LATCHKEY_PUBLIC_URL` or `http://localhost:PORT`, with `/oidc`), `SAMPLE_APP_CLIENT_ID` (the
 * demo's). `npm start` hands both processes the same environment, so the defaults meet.
 */
export function readConfig(env: Env = process.env): SampleAppOptions & { port: number; host: string } {
  const rawPort = set(env, 'SAMPLE_APP_PORT') ?? String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
    throw new Error(`SAMPLE_APP_PORT must be a port number, got "${rawPort}"`);
  const publicUrl = set(env, 'LATCHKEY_PUBLIC_URL')?.replace(/\/+$/, '');
  const issuer =
    set(env, 'LATCHKEY_ISSUER') ?? `${publicUrl ?? `http://localhost:${set(env, 'PORT') ?? '3000'}`}/oidc`;
  try {
    new URL(issuer);
  } catch {
    throw new Error(`LATCHKEY_ISSUER is not a URL: "${issuer}"`);
  }
  return {
    port,
    host: set(env, 'HOST') ?? '127.0.0.1',
    issuer,
    clientId: set(env, 'SAMPLE_APP_CLIENT_ID') ?? DEMO_CLIENT_ID,
    baseUrl: `http://localhost:${port}`,
  };
}
