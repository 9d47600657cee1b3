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

interface Pair {
  tenantId: string;
  userTypeId: string;
}

/** What the homes need of a set of accounts: the groups, the locks and the nearest deadlines. */
interface Standing {
  groups: LoginGroup[];
  locked: Array<Pair & { count: number }>;
  nearest: Array<Pair & { at: Date }>;
}

/** Adds what the clock decides (locks, nearest deadlines) to the totals and to each pair's counts. */
function addClockParts(
  { locked, nearest }: Standing,
  totals: EnrolmentCounts,
  countsOf: (p: Pair) => EnrolmentCounts | undefined,
): void {
  for (const l of locked) {
    totals.locked += l.count;
    const counts = countsOf(l);
    if (counts) counts.locked += l.count;
  }
  for (const n of nearest) {
    addNearest(totals, n.at);
    const counts = countsOf(n);
    if (counts) addNearest(counts, n.at);
  }
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
    const found = await this.standing(new Map([[tenantId, ctx]]), now);
    const byType = tallyBy(found.groups, (g) => g.userTypeId);
    const totals = totalOf(found.groups);
    const userTypes = [...ctx.userTypes.values()].map((t) => ({
      userTypeId: t.id,
      userTypeName: t.name,
      counts: byType.get(t.id) ?? emptyCounts(),
    }));
    addClockParts(found, totals, (p) => userTypes.find((u) => u.userTypeId === p.userTypeId)?.counts);
    return { totals, userTypes, at: now.toISOString() };
  }

  async platform(): Promise<PlatformOverview> {
    const contexts = await this.policy.loadAll();
    const now = new Date();
    const found = await this.standing(contexts, now);
    const byTenant = tallyBy(found.groups, (g) => g.tenantId);
    const totals = totalOf(found.groups);
    const countsOf = (tenantId: string): EnrolmentCounts => {
      let counts = byTenant.get(tenantId);
      if (!counts) byTenant.set(tenantId, (counts = emptyCounts()));
      return counts;
    };
    addClockParts(found, totals, (p) => countsOf(p.tenantId));
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
    if (contexts.size === 0) return { groups: [], locked: [], nearest: [] };
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
    const pairs = [...owing.values()];
    const nearest = await this.tally.nearestDeadlines(pairs, now);
    return {
      groups,
      locked: locked.filter((l) => contexts.has(l.tenantId)),
      nearest: pairs.flatMap((p) => {
        const at = nearest.get(pairKey(p.tenantId, p.userTypeId));
        return at ? [{ tenantId: p.tenantId, userTypeId: p.userTypeId, at }] : [];
      }),
    };
  }
}
