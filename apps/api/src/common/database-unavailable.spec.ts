import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused TCP connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    [
      'PostgreSQL shutting down (57P01)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['PostgreSQL starting up (57P03)', withCode('57P03')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    [
      'a database closed to connections',
      withCode('55000', 'database "x" is not currently accepting connections'),
    ],
    ['pg losing its socket', new Error('Connection terminated unexpectedly')],
    ['a locked SQLite file', withCode('SQLITE_BUSY', 'database is locked')],
    ['a failing disk', withCode('SQLITE_IOERR_WRITE')],
    ['a TypeORM wrapper around a lost connection', new QueryFailedError('SELECT 1', [], withCode('57P01'))],
    [
      'an AggregateError from a dual-stack connect',
      Object.assign(new AggregateError([withCode('ECONNREFUSED')]), {}),
    ],
  ])('says yes to %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['a syntax error', withCode('42601')],
    ['a SQLite constraint', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['another 55000', withCode('55000', 'cannot refresh materialized view concurrently')],
    ['nothing', undefined],
  ])('says no to %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
