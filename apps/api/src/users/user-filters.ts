import type { TwoFactorMethod } from '@latchkey/contracts';
import { TWO_FACTOR_METHODS } from '@latchkey/contracts';
import type { SelectQueryBuilder } from 'typeorm';
import type { Login } from '../directory/login.entity';
import type { PolicyContextService, TenantPolicyContext } from '../policy/policy-context';

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
