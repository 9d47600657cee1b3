// Drops the run's database once the tests are done (the servers may still be connected).
import pg from 'pg';

export default async function dropDatabase() {
  const name = process.env.SCALE_OUT_DB;
  if (!name) return;
  const admin = new pg.Client({
    connectionString: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
