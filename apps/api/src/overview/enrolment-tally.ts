import { emptyCounts, type EnrolmentCounts, type TwoFactorMethod } from '@latchkey/contracts';
import { isEnrolled } from '@latchkey/policy';

/** One group of active logins alike in everything the counts depend on, its method resolved. */
export interface LoginGroup {
  tenantId: string;
  userTypeId: string;
  /** The effective method of the group's logins, resolved by the caller. */
  method: TwoFactorMethod;
  hasPin: boolean;
  hasAuthenticator: boolean;
  /** Of the enrolment deadline: none yet, still ahead, or passed. */
  deadline: 'none' | 'ahead' | 'passed';
  count: number;
}

/** Where a group's logins stand: the bucket of the counts they add to. */
export function standing(g: LoginGroup): 'off' | 'enrolled' | 'notStarted' | 'inGrace' | 'overdue' {
  if (g.method === 'off') return 'off';
  if (isEnrolled(g.method, g)) return 'enrolled';
  if (g.deadline === 'none') return 'notStarted';
  return g.deadline === 'passed' ? 'overdue' : 'inGrace';
}

/** Adds a group to the counts (pure; the counts are changed in place). */
export function tally(counts: EnrolmentCounts, g: LoginGroup): void {
  counts.logins += g.count;
  counts.byMethod[g.method] += g.count;
  const where = standing(g);
  if (where !== 'off') counts[where] += g.count;
}

/** Adds a nearest deadline read later to counts already tallied. */
export function addNearest(counts: EnrolmentCounts, deadline: Date | undefined): void {
  const nearest = deadline?.toISOString();
  if (nearest && (!counts.nearestDeadline || nearest < counts.nearestDeadline))
    counts.nearestDeadline = nearest;
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
