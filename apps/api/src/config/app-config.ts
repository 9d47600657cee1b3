import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { readOidcConfig, type SigningKey } from './oidc-config';

export { ConfigError };

/** Typed configuration, read once at boot. Every value comes from one environment variable. */
export class AppConfig {
  readonly port!: number;
  readonly host!: string;
  /** PostgreSQL when set; the embedded SQLite file under `dataDir` otherwise. */
  readonly databaseUrl!: string | null;
  readonly dataDir!: string;
  readonly sessionSecret!: string;
  /** 32-byte key that encrypts TOTP secrets at rest (AES-256-GCM). */
  readonly secretKey!: Buffer;
  readonly adminEmail!: string | null;
  readonly adminPassword!: string | null;
  readonly demo!: boolean;
  /** Password of the demo logins; generated and kept under `dataDir` unless set. */
  readonly demoPassword!: string;
  /** The demo's stand-in identity provider to connect for Acme (`LATCHKEY_DEMO_PROVIDER_URL`, demo only). */
  readonly demoProviderUrl!: string | null;
  /** express `trust proxy`: number of proxies in front of us, 0 for none. */
  readonly trustProxy!: number;
  /** Connections each process keeps to PostgreSQL. */
  readonly databasePoolSize!: number;
  /** Sign-in calls (password and factor steps) per minute from one address; 0 turns the limit off. */
  readonly signInRateLimit!: number;
  /** Sign-in calls per minute from one address for one email (0: off). */
  readonly signInEmailRateLimit!: number;
  /** Days a super user may postpone enrolling an authenticator (0 = must enrol at once). */
  readonly superUserGraceDays!: number;
  /** Built console to serve on the same port; null when there is none. */
  readonly consoleDir!: string | null;
  /** Where browsers and applications reach Latchkey (`LATCHKEY_PUBLIC_URL`); the issuer adds `/oidc`. */
  readonly publicUrl!: string;
  /** The OpenID provider's private signing keys, the first one signing (`LATCHKEY_OIDC_KEYS`). */
  readonly signingKeys!: SigningKey[];

  get sqlitePath(): string {
    return join(this.dataDir, 'latchkey.sqlite');
  }

  get embedded(): boolean {
    return this.databaseUrl === null;
  }

  constructor(values: Omit<AppConfig, 'sqlitePath' | 'embedded'>) {
    Object.assign(this, values);
  }
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/** An optional http(s) address on this machine (a demo's helper), without a trailing slash. */
function localHttpUrl(env: Env, name: string): string | null {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: "${raw}" (expected http://localhost:3002)`);
  }
  if (
    !['http:', 'https:'].includes(url.protocol) ||
    !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  )
    throw new ConfigError(name, `must be an http(s) address on this machine, like http://localhost:3002`);
  return raw.replace(/\/+$/, '');
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Secrets the embedded default makes once and keeps beside its database. */
interface KeptSecrets {
  sessionSecret: string;
  demoPassword: string;
  secretKey: string;
}

function keptSecrets(dataDir: string): KeptSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeptSecrets>;
    if (kept.sessionSecret && kept.demoPassword && kept.secretKey) return kept as KeptSecrets;
    if (kept.sessionSecret && kept.demoPassword) {
      // Kept secrets from before the key existed: add the key, keep the rest.
      const upgraded = { ...kept, secretKey: randomBytes(32).toString('base64') } as KeptSecrets;
      writeFileSync(file, JSON.stringify(upgraded, null, 2) + '\n', { mode: 0o600 });
      return upgraded;
    }
  }
  const made: KeptSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    // Readable, long enough, and easy to type from the start-up banner.
    demoPassword: `demo-${randomBytes(6).toString('hex')}`,
    secretKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(made, null, 2) + '\n', { mode: 0o600 });
  return made;
}

/**
 * Reads and checks the environment. Throws a ConfigError naming the first bad variable.
 * With no DATABASE_URL, it creates the data folder and its kept secrets, so that a fresh
 * machine needs no set-up at all.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';

  const databaseUrl = nonEmpty(env, 'DATABASE_URL') ?? null;
  if (databaseUrl !== null) {
    let parsed: URL;
    try {
      parsed = new URL(databaseUrl);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user@host:5432/db)');
    }
    if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) {
      throw new ConfigError('DATABASE_URL', `must start with postgres://, got "${parsed.protocol}//"`);
    }
    if (parsed.pathname.length < 2) {
      throw new ConfigError('DATABASE_URL', 'must name a database (postgres://host/latchkey)');
    }
  }

  const rawDataDir = nonEmpty(env, 'LATCHKEY_DATA_DIR') ?? 'data';
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(cwd, rawDataDir);
  if (databaseUrl === null) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (e) {
      throw new ConfigError('LATCHKEY_DATA_DIR', `cannot be created: ${(e as Error).message}`);
    }
  }
  const kept = databaseUrl === null ? keptSecrets(dataDir) : null;

  const sessionSecret = nonEmpty(env, 'SESSION_SECRET') ?? kept?.sessionSecret;
  if (sessionSecret === undefined) {
    throw new ConfigError('SESSION_SECRET', 'is required with DATABASE_URL (32 characters or more)');
  }
  if (sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', `must be at least 32 characters, got ${sessionSecret.length}`);
  }

  const rawKey = nonEmpty(env, 'LATCHKEY_SECRET_KEY') ?? kept?.secretKey;
  if (rawKey === undefined) {
    throw new ConfigError(
      'LATCHKEY_SECRET_KEY',
      'is required with DATABASE_URL (32 random bytes, base64: openssl rand -base64 32)',
    );
  }
  const secretKey = Buffer.from(rawKey, 'base64');
  if (secretKey.length !== 32 || secretKey.toString('base64') !== rawKey) {
    throw new ConfigError(
      'LATCHKEY_SECRET_KEY',
      `must be 32 bytes in base64 (openssl rand -base64 32), got ${secretKey.length} bytes`,
    );
  }

  const adminEmailRaw = nonEmpty(env, 'LATCHKEY_ADMIN_EMAIL');
  const adminPassword = nonEmpty(env, 'LATCHKEY_ADMIN_PASSWORD') ?? null;
  if (adminEmailRaw !== undefined && !EMAIL.test(adminEmailRaw)) {
    throw new ConfigError('LATCHKEY_ADMIN_EMAIL', `is not an email address: "${adminEmailRaw}"`);
  }
  if (adminPassword !== null && adminPassword.length < 12) {
    throw new ConfigError('LATCHKEY_ADMIN_PASSWORD', 'must be at least 12 characters');
  }

  const demo = flag(env, 'LATCHKEY_DEMO', databaseUrl === null);
  let adminEmail = adminEmailRaw?.toLowerCase() ?? null;
  let resolvedAdminPassword = adminPassword;
  if (adminEmail === null && adminPassword !== null) {
    throw new ConfigError('LATCHKEY_ADMIN_EMAIL', 'is required when LATCHKEY_ADMIN_PASSWORD is set');
  }
  if (adminEmail !== null && adminPassword === null && !demo) {
    throw new ConfigError('LATCHKEY_ADMIN_PASSWORD', 'is required when LATCHKEY_ADMIN_EMAIL is set');
  }

  const demoPassword = nonEmpty(env, 'LATCHKEY_DEMO_PASSWORD') ?? kept?.demoPassword ?? '';
  if (demo && demoPassword.length < 8) {
    throw new ConfigError('LATCHKEY_DEMO_PASSWORD', 'must be at least 8 characters when LATCHKEY_DEMO=1');
  }
  if (demo) {
    // The demo always has a super user to show the platform pages with.
    adminEmail ??= 'admin@latchkey.test';
    resolvedAdminPassword ??= demoPassword;
  }

  const demoProviderUrl = demo ? localHttpUrl(env, 'LATCHKEY_DEMO_PROVIDER_URL') : null;

  const trustProxy = integer(env, 'LATCHKEY_TRUST_PROXY', 0, 0, 10);
  const databasePoolSize = integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200);
  // Generous per address (a whole office may sit behind one at nine in the morning), tight per
  // address and email: DESIGN.md §12.
  const signInRateLimit = integer(env, 'LATCHKEY_SIGN_IN_RATE_LIMIT', 600, 0, 100_000);
  const signInEmailRateLimit = integer(env, 'LATCHKEY_SIGN_IN_EMAIL_RATE_LIMIT', 10, 0, 100_000);
  const superUserGraceDays = integer(env, 'LATCHKEY_SUPER_USER_GRACE_DAYS', demo ? 7 : 0, 0, 30);

  const rawConsoleDir = nonEmpty(env, 'LATCHKEY_CONSOLE_DIR') ?? 'dist/apps/console/browser';
  const consoleDirPath = isAbsolute(rawConsoleDir) ? rawConsoleDir : resolve(cwd, rawConsoleDir);
  const consoleDir = existsSync(join(consoleDirPath, 'index.html')) ? consoleDirPath : null;

  const oidc = readOidcConfig(env, port, dataDir, databaseUrl === null);

  return new AppConfig({
    ...oidc,
    port,
    host,
    databaseUrl,
    dataDir,
    sessionSecret,
    secretKey,
    adminEmail,
    adminPassword: resolvedAdminPassword,
    demo,
    demoPassword,
    demoProviderUrl,
    trustProxy,
    databasePoolSize,
    superUserGraceDays,
    signInRateLimit,
    signInEmailRateLimit,
    consoleDir,
  });
}
