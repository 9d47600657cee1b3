import { emptyCounts, type EnrolmentCounts, type TwoFactorMethod } from '@latchkey/contracts';
import { isEnrolled } from '@latchkey/policy';

/** One group of the overview's query: logins alike in everything the counts depend on. */
export interface LoginGroup {
  tenantId: string;
  userTypeId: string;
  /** The effective method of the group's logins, resolved by the caller. */
  method: TwoFactorMethod;
  hasPin: boolean;
  hasAuthenticator: boolean;
  /** Of the enrolment deadline: none yet, still ahead, or passed. */
  deadline: 'none' | 'ahead' | 'passed';
  locked: boolean;
  count: number;
  /** The nearest deadline still ahead in the group. */
  nearestDeadline: Date | null;
}

/** Adds a group to the counts (pure; the counts are changed in place). */
export function tally(counts: EnrolmentCounts, g: LoginGroup): void {
  counts.logins += g.count;
  counts.byMethod[g.method] += g.count;
  if (g.locked) counts.locked += g.count;
  if (g.method === 'off') return;
  if (isEnrolled(g.method, g)) {
    counts.enrolled += g.count;
  } else if (g.deadline === 'none') {
    counts.notStarted += g.count;
  } else if (g.deadline === 'passed') {
    counts.overdue += g.count;
  } else {
    counts.inGrace += g.count;
    const nearest = g.nearestDeadline?.toISOString() ?? null;
    if (nearest && (!counts.nearestDeadline || nearest < counts.nearestDeadline))
      counts.nearestDeadline = nearest;
  }
}

/** The counts of the groups, one bucket per key. */
export function tallyBy(
  groups: LoginGroup[],
  keyOf: (g: LoginGroup) => string,
): Map<string, EnrolmentCounts> {
  const buckets = new Map<string, EnrolmentCounts>();
  for (const g of groups) {
    const key = keyOf(g);
    let counts = buckets.get(key);
    if (!counts) buckets.set(key, (counts = emptyCounts()));
    tally(counts, g);
  }
  return buckets;
}

export function totalOf(groups: LoginGroup[]): EnrolmentCounts {
  const counts = emptyCounts();
  for (const g of groups) tally(counts, g);
  return counts;
}
