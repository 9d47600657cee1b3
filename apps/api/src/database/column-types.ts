import type { ColumnType } from 'typeorm';

/**
 * Entities are decorated when their module loads, before Nest has built the configuration,
 * so the driver is read from the same variable the configuration reads (DATABASE_URL).
 * SQLite has no zoned timestamp; PostgreSQL gets `timestamptz` so times stay UTC instants.
 */
export const TIMESTAMP: ColumnType = process.env['DATABASE_URL'] ? 'timestamptz' : 'datetime';

/** Ids are UUIDs made by the application, stored as text on both databases. */
export const ID_LENGTH = 36;
