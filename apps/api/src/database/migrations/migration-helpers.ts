import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** The zoned timestamp of the running driver: timestamptz on PostgreSQL, datetime on SQLite. */
export function timestampType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}

/** A boolean column defaulting to false, spelled as each driver spells it back. */
export function falseColumn(queryRunner: QueryRunner, name: string): TableColumnOptions {
  const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
  return { name, type: 'boolean', default: isPostgres ? 'false' : '0' };
}

/** A boolean column defaulting to true. */
export function trueColumn(queryRunner: QueryRunner, name: string): TableColumnOptions {
  const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
  return { name, type: 'boolean', default: isPostgres ? 'true' : '1' };
}

export function idColumn(name: string, nullable = false): TableColumnOptions {
  return { name, type: 'varchar', length: '36', isNullable: nullable };
}

export function timeColumn(queryRunner: QueryRunner, name: string, nullable = false): TableColumnOptions {
  return { name, type: timestampType(queryRunner), isNullable: nullable };
}
