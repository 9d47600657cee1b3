import { Column, PrimaryColumn, type ColumnType } from 'typeorm';

/**
 * Entities are decorated when their module loads, before Nest has built the configuration,
 * so the driver is read from the same variable the configuration reads (DATABASE_URL).
 * SQLite has no zoned timestamp; PostgreSQL gets `timestamptz` so times stay UTC instants.
 */
export const TIMESTAMP: ColumnType = process.env['DATABASE_URL'] ? 'timestamptz' : 'datetime';

/** Ids are UUIDs made by the application, stored as text on both databases. */
export const ID_LENGTH = 36;

/** A column holding an application-made id (`primary` for a key part). */
export function IdColumn(options: { name?: string; primary?: boolean; nullable?: boolean } = {}): PropertyDecorator {
  const { primary, name, nullable } = options;
  return primary
    ? PrimaryColumn({ type: 'varchar', length: ID_LENGTH, name })
    : Column({ type: 'varchar', length: ID_LENGTH, name, nullable });
}

/** A point in time (see `TIMESTAMP`). */
export function TimestampColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: TIMESTAMP, ...options });
}

/**
 * A timestamp read raw (getRawMany, an aggregate): PostgreSQL's driver gives a Date; SQLite gives
 * the text TypeORM wrote, in UTC without a zone ('2026-11-30 17:00:00.000'), which `new Date`
 * would read as local time.
 */
export function rawTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
