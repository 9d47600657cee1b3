import type { EnrolmentState, TwoFactorMethod, UserFilter } from '@latchkey/contracts';
import { TWO_FACTOR_METHODS } from '@latchkey/contracts';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { badField } from '../common/http-errors';
import { escapeLike } from '../common/text';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import type { TalliedGroup } from '../directory/login-tally';
import type { PolicyContextService, TenantPolicyContext } from '../policy/policy-context';
import { isEnrolled } from '@latchkey/policy';

/** Of a login not holding its factor, where its enrolment deadline stands (the overview's buckets). */
const ENROLMENT_SQL: Record<EnrolmentState, string> = {
  'not-started': 'l.enrol_deadline IS NULL',
  'in-grace': 'l.enrol_deadline > :now',
  overdue: 'l.enrol_deadline <= :now',
};

/**
 * The logins of an account the Users list's filters find (search, type, method, enrolment,
 * lock, active, exception): the list's page, a bulk action's "whole filtered set" and the CSV
 * export all read this one query. The identity is joined only when the search needs emails.
 */
export function filteredLogins(
  dataSource: DataSource,
  policy: PolicyContextService,
  ctx: TenantPolicyContext,
  filter: UserFilter,
  /** Where the filter sits in the request, for the 400's field name (`filter.` in a bulk body). */
  field = '',
): SelectQueryBuilder<Login> {
  if (filter.userTypeId !== undefined && !ctx.userTypes.has(filter.userTypeId))
    throw badField(
      `${field}userTypeId`,
      `${field}userTypeId names no user type of this account: ${filter.userTypeId}`,
    );
  const qb = dataSource
    .getRepository(Login)
    .createQueryBuilder('l')
    .where('l.tenant_id = :tenantId', { tenantId: ctx.tenant.id });
  if (filter.search) {
    qb.innerJoin(Identity, 'i', 'i.id = l.identity_id');
    // Two lookups, each through its trigram index on PostgreSQL (an OR across the join would read
    // every login of the account); emails are stored in lower case.
    qb.andWhere(
      `l.id IN (SELECT ln.id FROM login ln WHERE ln.tenant_id = :tenantId AND LOWER(ln.display_name) LIKE :search ESCAPE '\\'
        UNION SELECT le.id FROM login le INNER JOIN identity ie ON ie.id = le.identity_id
          WHERE le.tenant_id = :tenantId AND ie.email LIKE :search ESCAPE '\\')`,
      { search: `%${escapeLike(filter.search.trim().toLowerCase())}%` },
    );
  }
  if (filter.userTypeId !== undefined)
    qb.andWhere('l.user_type_id = :userTypeId', { userTypeId: filter.userTypeId });
  if (filter.locked !== undefined) {
    const locked = '(l.locked_out OR (l.locked_until IS NOT NULL AND l.locked_until > :now))';
    qb.andWhere(filter.locked ? locked : `NOT ${locked}`, { now: new Date() });
  }
  if (filter.active !== undefined)
    qb.andWhere(filter.active ? 'l.deactivated_at IS NULL' : 'l.deactivated_at IS NOT NULL');
  if (filter.exception !== undefined)
    qb.andWhere(filter.exception ? 'l.exception_method IS NOT NULL' : 'l.exception_method IS NULL');
  if (filter.enrolment !== undefined) {
    if (filter.enrolled === true)
      throw badField(
        `${field}enrolment`,
        'enrolment names logins that are not enrolled: leave out enrolled=true',
      );
    qb.andWhere(ENROLMENT_SQL[filter.enrolment], { now: new Date() });
  }
  applyPolicyFilters(qb, policy, ctx, {
    ...filter,
    enrolled: filter.enrolment !== undefined ? false : filter.enrolled,
  });
  return qb;
}

/** The SQL that says "this login holds what `method` asks for" (a stronger factor counts). */
const ENROLLED_SQL: Record<TwoFactorMethod, string> = {
  off: '1 = 1',
  pin: '(l.pin_set_at IS NOT NULL OR l.totp_enrolled_at IS NOT NULL)',
  authenticator: 'l.totp_enrolled_at IS NOT NULL',
};

/**
 * Filters by effective method and enrolment without copying the resolver into SQL: the
 * resolver runs once per (user type, exception, opt-in) combination, and the combinations
 * that match become the WHERE clause. Tenants have a handful of user types, so it stays short.
 */
export function applyPolicyFilters(
  qb: SelectQueryBuilder<Login>,
  policy: PolicyContextService,
  ctx: TenantPolicyContext,
  filters: { userTypeId?: string; method?: TwoFactorMethod; enrolled?: boolean },
): void {
  if (filters.method === undefined && filters.enrolled === undefined) return;
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  let i = 0;
  for (const userTypeId of ctx.userTypes.keys()) {
    if (filters.userTypeId !== undefined && filters.userTypeId !== userTypeId) continue;
    for (const exceptionMethod of [null, ...TWO_FACTOR_METHODS]) {
      for (const optedIn of [false, true]) {
        const effective = policy.resolve(ctx, {
          userTypeId,
          role: 'user',
          exceptionMethod,
          exceptionSetBy: null,
          exceptionSetAt: null,
          optedInAt: optedIn ? new Date(0) : null,
        });
        if (filters.method !== undefined && effective.method !== filters.method) continue;
        let enrolment = '';
        if (filters.enrolled !== undefined) {
          if (effective.method === 'off') {
            if (!filters.enrolled) continue;
          } else {
            enrolment = ` AND ${filters.enrolled ? '' : 'NOT '}${ENROLLED_SQL[effective.method]}`;
          }
        }
        const n = i++;
        params[`ut${n}`] = userTypeId;
        const exception =
          exceptionMethod === null ? 'l.exception_method IS NULL' : `l.exception_method = :ex${n}`;
        if (exceptionMethod !== null) params[`ex${n}`] = exceptionMethod;
        const opted = optedIn ? 'l.opted_in_at IS NOT NULL' : 'l.opted_in_at IS NULL';
        clauses.push(`(l.user_type_id = :ut${n} AND ${exception} AND ${opted}${enrolment})`);
      }
    }
  }
  qb.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : '1 = 0', params);
}

const DEADLINE_OF: Record<EnrolmentState, TalliedGroup['deadline']> = {
  'not-started': 'none',
  'in-grace': 'ahead',
  overdue: 'passed',
};

/**
 * How many logins `filteredLogins` finds, summed from the tally instead of counted row by row:
 * the same conditions, on groups. Undefined when the filter needs the rows themselves (a search,
 * a lock); the caller counts those with the query.
 */
export function countFromTally(
  groups: TalliedGroup[],
  methodOf: (g: TalliedGroup) => TwoFactorMethod,
  filter: UserFilter,
): number | undefined {
  if (filter.search || filter.locked !== undefined) return undefined;
  let total = 0;
  for (const g of groups) {
    if (filter.userTypeId !== undefined && g.userTypeId !== filter.userTypeId) continue;
    if (filter.active !== undefined && g.active !== filter.active) continue;
    if (filter.exception !== undefined && (g.exceptionMethod !== null) !== filter.exception) continue;
    const method = methodOf(g);
    if (filter.method !== undefined && method !== filter.method) continue;
    // Off counts as enrolled: nothing is owed.
    const enrolled = method === 'off' || isEnrolled(method, g);
    if (filter.enrolment !== undefined) {
      if (enrolled || g.deadline !== DEADLINE_OF[filter.enrolment]) continue;
    } else if (filter.enrolled !== undefined && enrolled !== filter.enrolled) continue;
    total += g.count;
  }
  return total;
}
