import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Runs one statement written with `:name` parameters and answers the rows it returns
 * (`RETURNING`, on PostgreSQL and SQLite alike). Security state is decided by such single
 * conditional statements: a check and its write that no other request can come between.
 */
export async function returningRows<T>(
  manager: EntityManager,
  sql: string,
  params: ObjectLiteral,
): Promise<T[]> {
  const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(query, parameters, true);
    return (result.records ?? []) as T[];
  } finally {
    if (!manager.queryRunner && manager.connection.driver.options.type === 'postgres') await runner.release();
  }
}

/**
 * Takes the login row's write lock for the rest of the transaction on PostgreSQL, so that a
 * decision read after it (the devices left, the grant held) cannot be interleaved with another
 * request's. SQLite runs each statement alone on its one connection: there the decision is
 * made by the single conditional statement that follows.
 */
export async function lockLoginRow(manager: EntityManager, tenantId: string, loginId: string): Promise<void> {
  if (manager.connection.driver.options.type !== 'postgres') return;
  await manager.query('SELECT 1 FROM login WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, loginId]);
}
