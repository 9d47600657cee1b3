import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'latchkey-config-'));
  const SECRET = 's'.repeat(40);
  const KEY = Buffer.alloc(32, 7).toString('base64');

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

  it('turns the demo off by default on PostgreSQL', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://db/latchkey', SESSION_SECRET: SECRET, LATCHKEY_SECRET_KEY: KEY },
      dir(),
    );
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
        LATCHKEY_ADMIN_EMAIL: 'a@b.test',
      },
      'LATCHKEY_ADMIN_PASSWORD is required',
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
