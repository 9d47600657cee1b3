// Creates the run's database; the second process to ask finds it made (or being made) and goes on.
import pg from 'pg';

const name = new URL(process.env.DATABASE_URL).pathname.slice(1);
const admin = new pg.Client({ connectionString: process.env.PG_URL });
await admin.connect();
try {
  await admin.query(`CREATE DATABASE ${name}`);
} catch (e) {
  // 42P04: it exists; 23505: the other process created it at the same moment.
  if (e.code !== '42P04' && e.code !== '23505') throw e;
} finally {
  await admin.end();
}
