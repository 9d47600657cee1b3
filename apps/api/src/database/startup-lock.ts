import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';

/** Any fixed 64-bit number: the key of the PostgreSQL advisory lock every process takes at start. */
const STARTUP_LOCK_KEY = 7_461_207_103_511;

/**
 * Runs `start` (migrations, super user, demo data) while holding a PostgreSQL advisory lock, so
 * that processes starting together on one database take turns: the first migrates and seeds,
 * the others then find the work done. The lock is held on a connection of its own and ends with
 * it, even if the process dies. SQLite is one process's file: nothing to take turns with.
 */
export async function underStartupLock<T>(config: AppConfig, start: () => Promise<T>): Promise<T> {
  if (!config.databaseUrl) return start();
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await start();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
