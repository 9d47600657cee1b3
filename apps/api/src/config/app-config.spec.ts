import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'latchkey-config-'));
  const SECRET = 's'.repeat(40);
  const KEY = Buffer.alloc(32, 7).toString('base64');
  const signingKey = (alg = 'RS256') => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { ...privateKey.export({ format: 'jwk' }), kid: 'k1', alg };
  };
  const OIDC_KEYS = JSON.stringify({ keys: [signingKey()] });
  const POSTGRES = {
    DATABASE_URL: 'postgres://db/latchkey',
    SESSION_SECRET: SECRET,
    LATCHKEY_SECRET_KEY: KEY,
  };

  it('needs nothing for the embedded default, and keeps its generated secrets', () => {
    const cwd = dir();
    const first = loadConfig({}, cwd);
    expect(first.embedded).toBe(true);
    expect(first.demo).toBe(true);
    expect(first.port).toBe(3000);
    expect(first.sqlitePath).toBe(join(cwd, 'data', 'latchkey.sqlite'));
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.adminEmail).toBe('admin@latchkey.test');
    const second = loadConfig({}, cwd);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.demoPassword).toBe(first.demoPassword);
    expect(JSON.parse(readFileSync(join(cwd, 'data', 'secrets.json'), 'utf8')).sessionSecret).toBe(
      first.sessionSecret,
    );
  });

  it('makes the embedded signing key once and keeps it; the public URL defaults to the port', () => {
    const cwd = dir();
    const first = loadConfig({ PORT: '3100' }, cwd);
    expect(first.publicUrl).toBe('http://localhost:3100');
    expect(first.signingKeys).toHaveLength(1);
    expect(first.signingKeys[0]).toMatchObject({ alg: 'RS256', use: 'sig', kty: 'RSA' });
    expect(typeof first.signingKeys[0]?.d).toBe('string');
    expect(loadConfig({}, cwd).signingKeys[0]?.kid).toBe(first.signingKeys[0]?.kid);
    expect(loadConfig({ LATCHKEY_PUBLIC_URL: 'https://login.example.com/' }, cwd).publicUrl).toBe(
      'https://login.example.com',
    );
  });

  it('turns the demo off by default on PostgreSQL', () => {
    const config = loadConfig({ ...POSTGRES, LATCHKEY_OIDC_KEYS: OIDC_KEYS }, dir());
    expect(config.embedded).toBe(false);
    expect(config.demo).toBe(false);
    expect(config.adminEmail).toBeNull();
  });

  const bad: Array<[string, Record<string, string>, string]> = [
    ['PORT', { PORT: 'eighty' }, 'PORT must be a whole number'],
    ['PORT', { PORT: '70000' }, 'PORT must be between'],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'mysql://x/y', SESSION_SECRET: SECRET },
      'DATABASE_URL must start with postgres://',
    ],
    ['DATABASE_URL', { DATABASE_URL: 'not a url', SESSION_SECRET: SECRET }, 'DATABASE_URL is not a URL'],
    ['SESSION_SECRET', { DATABASE_URL: 'postgres://db/x' }, 'SESSION_SECRET is required'],
    [
      'LATCHKEY_SECRET_KEY',
      { DATABASE_URL: 'postgres://db/x', SESSION_SECRET: SECRET },
      'LATCHKEY_SECRET_KEY is required',
    ],
    ['LATCHKEY_SECRET_KEY', { LATCHKEY_SECRET_KEY: 'c2hvcnQ=' }, 'must be 32 bytes'],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32'],
    ['LATCHKEY_DEMO', { LATCHKEY_DEMO: 'maybe' }, 'LATCHKEY_DEMO must be 1 or 0'],
    ['LATCHKEY_ADMIN_EMAIL', { LATCHKEY_ADMIN_EMAIL: 'root' }, 'LATCHKEY_ADMIN_EMAIL is not an email'],
    [
      'LATCHKEY_ADMIN_PASSWORD',
      { LATCHKEY_ADMIN_EMAIL: 'a@b.test', LATCHKEY_ADMIN_PASSWORD: 'short' },
      'at least 12',
    ],
    [
      'LATCHKEY_ADMIN_PASSWORD',
      {
        DATABASE_URL: 'postgres://db/x',
        SESSION_SECRET: SECRET,
        LATCHKEY_SECRET_KEY: KEY,
        LATCHKEY_OIDC_KEYS: OIDC_KEYS,
        LATCHKEY_ADMIN_EMAIL: 'a@b.test',
      },
      'LATCHKEY_ADMIN_PASSWORD is required',
    ],
    ['LATCHKEY_OIDC_KEYS', POSTGRES, 'LATCHKEY_OIDC_KEYS is required with DATABASE_URL'],
    ['LATCHKEY_OIDC_KEYS', { LATCHKEY_OIDC_KEYS: '{keys' }, 'is not JSON'],
    ['LATCHKEY_OIDC_KEYS', { LATCHKEY_OIDC_KEYS: '{"keys": []}' }, 'holds no key'],
    [
      'LATCHKEY_OIDC_KEYS',
      { LATCHKEY_OIDC_KEYS: JSON.stringify({ keys: [{ ...signingKey(), d: undefined }] }) },
      'key 1 is a public key',
    ],
    [
      'LATCHKEY_OIDC_KEYS',
      { LATCHKEY_OIDC_KEYS: JSON.stringify({ keys: [signingKey('HS256')] }) },
      'must have "alg" RS256 or ES256',
    ],
    ['LATCHKEY_DEMO_PROVIDER_URL', { LATCHKEY_DEMO_PROVIDER_URL: 'the demo' }, 'is not a URL'],
    [
      'LATCHKEY_DEMO_PROVIDER_URL',
      { LATCHKEY_DEMO_PROVIDER_URL: 'https://login.example.com' },
      'must be an http(s) address on this machine',
    ],
    ['LATCHKEY_PUBLIC_URL', { LATCHKEY_PUBLIC_URL: 'login.example.com' }, 'is not a URL'],
    ['LATCHKEY_PUBLIC_URL', { LATCHKEY_PUBLIC_URL: 'ftp://login.example.com' }, 'must be an http(s) URL'],
    [
      'LATCHKEY_PUBLIC_URL',
      { LATCHKEY_PUBLIC_URL: 'https://login.example.com/?a=1' },
      'must not carry a query',
    ],
  ];

  it.each(bad)('stops on a bad %s with one line naming it', (variable, env, message) => {
    let error: unknown;
    try {
      loadConfig(env, dir());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(message);
    expect((error as ConfigError).message).not.toContain('\n');
  });
});
