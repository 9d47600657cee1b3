import { createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';

/** A private signing key of the OpenID provider, as a JWK (RS256 or ES256), with its `kid`. */
export type SigningKey = JsonWebKey & { kid: string; alg: 'RS256' | 'ES256'; use: 'sig' };

export interface OidcConfig {
  /** Where browsers and applications reach Latchkey; the issuer is `${publicUrl}/oidc`. */
  publicUrl: string;
  /**
   * The provider's signing keys, the first one signing; the others stay in the JWKS (a
   * rotation keeps the previous key until the tokens it signed have expired).
   */
  signingKeys: SigningKey[];
}

type Env = Record<string, string | undefined>;

function newSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** Checks one key: private, a supported type, loadable; names the variable when it is not. */
function checkedKey(value: unknown, index: number, variable: string): SigningKey {
  const key = value as Partial<SigningKey> | null;
  const where = `key ${index + 1}`;
  if (!key || typeof key !== 'object') throw new ConfigError(variable, `${where} is not a JWK object`);
  if (typeof key.kid !== 'string' || key.kid.length === 0)
    throw new ConfigError(variable, `${where} has no "kid"`);
  if (key.alg !== 'RS256' && key.alg !== 'ES256')
    throw new ConfigError(variable, `${where} must have "alg" RS256 or ES256, got ${String(key.alg)}`);
  if (typeof key.d !== 'string')
    throw new ConfigError(variable, `${where} is a public key: the provider signs with it`);
  try {
    createPublicKey({ key: key as JsonWebKey, format: 'jwk' });
  } catch (e) {
    throw new ConfigError(variable, `${where} cannot be loaded: ${(e as Error).message}`);
  }
  return { ...key, use: 'sig' } as SigningKey;
}

/**
 * `LATCHKEY_PUBLIC_URL` (default `http://localhost:PORT`) and the signing keys: from
 * `LATCHKEY_OIDC_KEYS` (a JWKS with private keys) when set; else, with the embedded default, made
 * once into `data/oidc-keys.json`; with DATABASE_URL and no keys, the start refuses to run.
 */
export function readOidcConfig(env: Env, port: number, dataDir: string, embedded: boolean): OidcConfig {
  const rawUrl = env['LATCHKEY_PUBLIC_URL']?.trim() || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ConfigError(
      'LATCHKEY_PUBLIC_URL',
      `is not a URL: "${rawUrl}" (expected https://login.example.com)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('LATCHKEY_PUBLIC_URL', `must be an http(s) URL, got "${url.protocol}//"`);
  if (url.search || url.hash || url.username)
    throw new ConfigError('LATCHKEY_PUBLIC_URL', 'must not carry a query, a fragment or credentials');
  const publicUrl = rawUrl.replace(/\/+$/, '');

  const variable = 'LATCHKEY_OIDC_KEYS';
  const raw = env[variable]?.trim();
  let keys: unknown[];
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigError(variable, 'is not JSON (expected {"keys": [ …private JWKs… ]})');
    }
    keys = (parsed as { keys?: unknown[] } | null)?.keys ?? [];
  } else if (embedded) {
    const file = join(dataDir, 'oidc-keys.json');
    if (!existsSync(file))
      writeFileSync(file, JSON.stringify({ keys: [newSigningKey()] }, null, 2) + '\n', { mode: 0o600 });
    keys = (JSON.parse(readFileSync(file, 'utf8')) as { keys: unknown[] }).keys;
  } else {
    throw new ConfigError(
      variable,
      'is required with DATABASE_URL: a JWKS of private signing keys (see README)',
    );
  }
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError(variable, 'holds no key');
  return { publicUrl, signingKeys: keys.map((k, i) => checkedKey(k, i, variable)) };
}
