import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Role, TwoFactorMethod } from '@latchkey/contracts';
import { rawTimestamp } from '../database/column-types';

/** Logins alike in all that their effective method and enrolment depend on, at one instant. */
export interface TalliedGroup {
  tenantId: string;
  userTypeId: string;
  role: Role;
  exceptionMethod: TwoFactorMethod | null;
  optedIn: boolean;
  hasPin: boolean;
  hasAuthenticator: boolean;
  active: boolean;
  /** Of the enrolment deadline: none yet, still ahead, or passed. */
  deadline: 'none' | 'ahead' | 'passed';
  count: number;
}

/** Of a group, what says whether its logins are in grace and still owe a factor. */
export type GroupShape = Pick<TalliedGroup, 'exceptionMethod' | 'optedIn' | 'hasPin' | 'hasAuthenticator'>;

export interface LockedCount {
  tenantId: string;
  userTypeId: string;
  count: number;
}

interface RawGroup {
  tenant_id: string;
  user_type_id: string;
  role: Role;
  exception_method: string | null;
  opted: number | string;
  has_pin: number | string;
  has_totp: number | string;
  active: number | string;
  deadline: string | number;
  n: number | string;
}

const on = (v: number | string) => Number(v) === 1;
const NEAREST_PER_STATEMENT = 500;

/**
 * Reads the counts the database keeps in `login_tally` (migration 1764900000000: triggers on
 * `login` write them in the same transaction as every change of a login). Only what depends on
 * the clock is read from the logins themselves, through partial indexes: the logins whose
 * enrolment deadline passed earlier today (UTC), the locked ones, and the nearest deadline.
 * So the cost follows the number of groups and of those few rows, not the number of logins.
 */
@Injectable()
export class LoginTally {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The logins (active and not) of one account, or of all when `tenantId` is undefined. */
  async groups(tenantId: string | undefined, now: Date): Promise<TalliedGroup[]> {
    const today = now.toISOString().slice(0, 10);
    const kept = this.dataSource
      .createQueryBuilder()
      .from('login_tally', 't')
      .select('t.tenant_id', 'tenant_id')
      .addSelect('t.user_type_id', 'user_type_id')
      .addSelect('t.role', 'role')
      .addSelect('t.exception_method', 'exception_method')
      .addSelect('t.opted', 'opted')
      .addSelect('t.has_pin', 'has_pin')
      .addSelect('t.has_totp', 'has_totp')
      .addSelect('t.active', 'active')
      .addSelect('t.deadline_day', 'deadline')
      .addSelect('t.n', 'n')
      .where('t.n > 0');
    if (tenantId !== undefined) kept.andWhere('t.tenant_id = :tenantId', { tenantId });

    // Of today's deadlines, those already passed, from the rows themselves (idx_login_deadline):
    // the rest of today's count is still ahead.
    const passedToday = this.loginGroupQuery()
      .addSelect('COUNT(*)', 'n')
      .where('l.enrol_deadline >= :dayStart AND l.enrol_deadline <= :now', {
        dayStart: new Date(`${today}T00:00:00.000Z`),
        now,
      });
    if (tenantId !== undefined) passedToday.andWhere('l.tenant_id = :tenantId', { tenantId });

    const [keptRows, passedRows] = await Promise.all([
      kept.getRawMany<RawGroup>(),
      passedToday.getRawMany<RawGroup>(),
    ]);
    const passed = new Map(passedRows.map((r) => [groupKey(r), Number(r.n)]));
    return keptRows.flatMap((r): TalliedGroup[] => {
      const day = String(r.deadline);
      if (day !== today)
        return [group(r, day === '' ? 'none' : day < today ? 'passed' : 'ahead', Number(r.n))];
      // A write between the two reads may leave them a row apart for a moment: never below 0.
      const gone = Math.min(Number(r.n), passed.get(groupKey(r)) ?? 0);
      return [group(r, 'passed', gone), group(r, 'ahead', Number(r.n) - gone)].filter((g) => g.count > 0);
    });
  }

  /** Active logins locked at `now` (by an owner's lock-out or a timed lock), per user type. */
  async locked(tenantId: string | undefined, now: Date): Promise<LockedCount[]> {
    const query = (condition: string) => {
      const qb = this.dataSource
        .createQueryBuilder()
        .from('login', 'l')
        .select('l.tenant_id', 'tenant_id')
        .addSelect('l.user_type_id', 'user_type_id')
        .addSelect('COUNT(*)', 'n')
        .where(condition, { now })
        .andWhere('l.deactivated_at IS NULL')
        .groupBy('l.tenant_id')
        .addGroupBy('l.user_type_id');
      if (tenantId !== undefined) qb.andWhere('l.tenant_id = :tenantId', { tenantId });
      return qb.getRawMany<{ tenant_id: string; user_type_id: string; n: number | string }>();
    };
    // Two reads, each through its partial index; a login both locked out and timed counts once.
    const rows = (
      await Promise.all([query('l.locked_out'), query('l.locked_until > :now AND NOT l.locked_out')])
    ).flat();
    return rows.map((r) => ({ tenantId: r.tenant_id, userTypeId: r.user_type_id, count: Number(r.n) }));
  }

  /**
   * The nearest deadline still ahead of the active logins of each (account, user type) whose
   * group has this shape: one statement per 500 pairs, one index walk per pair
   * (idx_login_type_deadline) that stops at the first login that owes its factor.
   */
  async nearestDeadlines(
    wanted: Array<{ tenantId: string; userTypeId: string; shapes: GroupShape[] }>,
    now: Date,
  ): Promise<Map<string, Date>> {
    const nearest = new Map<string, Date>();
    const asked = wanted.filter((w) => w.shapes.length > 0);
    // A statement's select list is bounded (PostgreSQL: 1,664 columns): a few hundred pairs each.
    for (let start = 0; start < asked.length; start += NEAREST_PER_STATEMENT) {
      const part = asked.slice(start, start + NEAREST_PER_STATEMENT);
      for (const [key, at] of await this.nearestOf(part, now)) nearest.set(key, at);
    }
    return nearest;
  }

  private async nearestOf(
    asked: Array<{ tenantId: string; userTypeId: string; shapes: GroupShape[] }>,
    now: Date,
  ): Promise<Map<string, Date>> {
    const nearest = new Map<string, Date>();
    const params: Record<string, unknown> = { now };
    const columns = asked.map((w, i) => {
      params[`t${i}`] = w.tenantId;
      params[`u${i}`] = w.userTypeId;
      const shapes = w.shapes.map((s, j) => {
        const exception =
          s.exceptionMethod === null ? 'l.exception_method IS NULL' : `l.exception_method = :e${i}_${j}`;
        if (s.exceptionMethod !== null) params[`e${i}_${j}`] = s.exceptionMethod;
        const has = (column: string, held: boolean) => `l.${column} IS ${held ? 'NOT ' : ''}NULL`;
        return `(${exception} AND ${has('opted_in_at', s.optedIn)} AND ${has('pin_set_at', s.hasPin)} AND ${has('totp_enrolled_at', s.hasAuthenticator)})`;
      });
      return `(SELECT l.enrol_deadline FROM login l
        WHERE l.tenant_id = :t${i} AND l.user_type_id = :u${i} AND l.enrol_deadline > :now
          AND l.deactivated_at IS NULL AND (${shapes.join(' OR ')})
        ORDER BY l.enrol_deadline LIMIT 1) AS d${i}`;
    });
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT ${columns.join(', ')}`,
      params,
    );
    const [row] = (await this.dataSource.query(sql, values)) as Array<Record<string, unknown>>;
    asked.forEach((w, i) => {
      const at = rawTimestamp(row?.[`d${i}`]);
      if (at) nearest.set(pairKey(w.tenantId, w.userTypeId), at);
    });
    return nearest;
  }

  /** The key columns of `login`, as the tally spells them, grouped (the caller adds the rest). */
  private loginGroupQuery(): SelectQueryBuilder<Record<string, unknown>> {
    const columns: Array<[string, string]> = [
      ['l.tenant_id', 'tenant_id'],
      ['l.user_type_id', 'user_type_id'],
      ['l.role', 'role'],
      ['l.exception_method', 'exception_method'],
      ['CASE WHEN l.opted_in_at IS NULL THEN 0 ELSE 1 END', 'opted'],
      ['CASE WHEN l.pin_set_at IS NULL THEN 0 ELSE 1 END', 'has_pin'],
      ['CASE WHEN l.totp_enrolled_at IS NULL THEN 0 ELSE 1 END', 'has_totp'],
      ['CASE WHEN l.deactivated_at IS NULL THEN 1 ELSE 0 END', 'active'],
    ];
    const qb = this.dataSource.createQueryBuilder().from('login', 'l');
    for (const [expression, alias] of columns) qb.addSelect(expression, alias).addGroupBy(expression);
    return qb;
  }
}

export const pairKey = (tenantId: string, userTypeId: string) => `${tenantId}/${userTypeId}`;

/** A group's key without its deadline (the tally's key but for the day). */
function groupKey(r: RawGroup): string {
  const flag = (v: number | string) => (on(v) ? 1 : 0);
  return [
    r.tenant_id,
    r.user_type_id,
    r.role,
    r.exception_method ?? '',
    flag(r.opted),
    flag(r.has_pin),
    flag(r.has_totp),
    flag(r.active),
  ].join('|');
}

function group(r: RawGroup, deadline: TalliedGroup['deadline'], count: number): TalliedGroup {
  return {
    tenantId: r.tenant_id,
    userTypeId: r.user_type_id,
    role: r.role,
    exceptionMethod: r.exception_method ? (r.exception_method as TwoFactorMethod) : null,
    optedIn: on(r.opted),
    hasPin: on(r.has_pin),
    hasAuthenticator: on(r.has_totp),
    active: on(r.active),
    deadline,
    count,
  };
}
