import { Injectable } from '@nestjs/common';
import {
  emptyCounts,
  type AccountOverview,
  type EnrolmentCounts,
  type PlatformOverview,
} from '@latchkey/contracts';
import { LoginTally, pairKey, type GroupShape } from '../directory/login-tally';
import { PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import { addNearest, standing, tallyBy, totalOf, type LoginGroup } from './enrolment-tally';

/** What the homes need of a set of accounts: the groups, the locks and the nearest deadlines. */
interface Standing {
  groups: LoginGroup[];
  locked: Array<{ tenantId: string; userTypeId: string; count: number }>;
  nearest: Map<string, Date>;
}

/**
 * The home pages' numbers (issue 13): per user type, account and platform, how many active logins
 * must use each method and where they stand. The counts come from the tally the database keeps
 * (`LoginTally`: a few dozen groups whatever the number of logins); the resolver runs once per
 * group, as the Users filters do.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly tally: LoginTally,
    private readonly policy: PolicyContextService,
  ) {}

  async account(tenantId: string): Promise<AccountOverview> {
    const ctx = await this.policy.load(tenantId);
    const now = new Date();
    const { groups, locked, nearest } = await this.standing(new Map([[tenantId, ctx]]), now);
    const byType = tallyBy(groups, (g) => g.userTypeId);
    const totals = totalOf(groups);
    const userTypes = [...ctx.userTypes.values()].map((t) => {
      const counts = byType.get(t.id) ?? emptyCounts();
      addNearest(counts, nearest.get(pairKey(tenantId, t.id)));
      addNearest(totals, nearest.get(pairKey(tenantId, t.id)));
      return { userTypeId: t.id, userTypeName: t.name, counts };
    });
    for (const l of locked) {
      totals.locked += l.count;
      const counts = userTypes.find((u) => u.userTypeId === l.userTypeId)?.counts;
      if (counts) counts.locked += l.count;
    }
    return { totals, userTypes, at: now.toISOString() };
  }

  async platform(): Promise<PlatformOverview> {
    const contexts = await this.policy.loadAll();
    const now = new Date();
    const { groups, locked, nearest } = await this.standing(contexts, now);
    const byTenant = tallyBy(groups, (g) => g.tenantId);
    const totals = totalOf(groups);
    const countsOf = (tenantId: string): EnrolmentCounts => {
      let counts = byTenant.get(tenantId);
      if (!counts) byTenant.set(tenantId, (counts = emptyCounts()));
      return counts;
    };
    for (const [key, at] of nearest) {
      addNearest(countsOf(key.slice(0, key.indexOf('/'))), at);
      addNearest(totals, at);
    }
    for (const l of locked) {
      if (!contexts.has(l.tenantId)) continue;
      countsOf(l.tenantId).locked += l.count;
      totals.locked += l.count;
    }
    return {
      totals,
      tenants: [...contexts.values()]
        .sort((a, b) => a.tenant.name.localeCompare(b.tenant.name))
        .map((ctx) => ({
          tenantId: ctx.tenant.id,
          tenantName: ctx.tenant.name,
          counts: countsOf(ctx.tenant.id),
        })),
      at: now.toISOString(),
    };
  }

  /** The active logins of these accounts (the platform's own logins left out), each group resolved. */
  private async standing(contexts: Map<string, TenantPolicyContext>, now: Date): Promise<Standing> {
    if (contexts.size === 0) return { groups: [], locked: [], nearest: new Map() };
    // One account by its key; every account in one pass.
    const tenantId = contexts.size === 1 ? [...contexts.keys()][0] : undefined;
    const [tallied, locked] = await Promise.all([
      this.tally.groups(tenantId, now),
      this.tally.locked(tenantId, now),
    ]);
    const groups: LoginGroup[] = [];
    const owing = new Map<string, { tenantId: string; userTypeId: string; shapes: GroupShape[] }>();
    for (const g of tallied) {
      const ctx = contexts.get(g.tenantId);
      if (!ctx || !g.active) continue;
      const resolved: LoginGroup = { ...g, method: this.policy.methodOfGroup(ctx, g) };
      groups.push(resolved);
      if (standing(resolved) !== 'inGrace') continue;
      const key = pairKey(g.tenantId, g.userTypeId);
      let pair = owing.get(key);
      if (!pair) owing.set(key, (pair = { tenantId: g.tenantId, userTypeId: g.userTypeId, shapes: [] }));
      pair.shapes.push(g);
    }
    const nearest = await this.tally.nearestDeadlines([...owing.values()], now);
    return { groups, locked: locked.filter((l) => contexts.has(l.tenantId)), nearest };
  }
}
