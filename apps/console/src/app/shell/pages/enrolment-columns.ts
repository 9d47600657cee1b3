import { Params } from '@angular/router';
import { EnrolmentCounts, METHOD_LABELS, TWO_FACTOR_METHODS, TwoFactorMethod } from '@latchkey/contracts';
import { formatDateTime } from '../../shared/date-time';

/** Where the home's numbers lead: the owner's Users page (the shell's route of admin/users). */
export const USERS_PATH = '/admin/users';

/**
 * A number column of the home's enrolment table: its header, the number of a row, and the Users
 * filter that lists the same logins (with `active=true`, as the overview counts only active
 * logins), or null when no filter of the Users page does.
 */
export interface CountColumn {
  key: string;
  label: string;
  /** Read after the number by a screen reader's link: "3 in grace". */
  phrase: string;
  /** Over the column: the three methods are grouped under "Must use". */
  group: 'method' | null;
  count: (counts: EnrolmentCounts) => number;
  filter: (counts: EnrolmentCounts) => Params | null;
}

/**
 * `enrolled` counts only the logins asked for a factor: the list's `enrolled=true` also counts the
 * logins with nothing to hold. It links only when the row's logins asked for a factor all use
 * one method: then `method=<it>&enrolled=true` lists exactly them.
 */
function enrolledFilter(counts: EnrolmentCounts): Params | null {
  const asked = TWO_FACTOR_METHODS.filter((method) => method !== 'off' && counts.byMethod[method] > 0);
  return asked.length === 1 ? { method: asked[0], enrolled: 'true' } : null;
}

function methodColumn(method: TwoFactorMethod): CountColumn {
  return {
    key: `method-${method}`,
    label: METHOD_LABELS[method],
    phrase: `must use ${METHOD_LABELS[method]}`,
    group: 'method',
    count: (counts) => counts.byMethod[method],
    filter: () => ({ method }),
  };
}

/** The columns after the row's name: logins, per method (weakest first), then where they stand. */
export const COUNT_COLUMNS: readonly CountColumn[] = [
  {
    key: 'logins',
    label: 'Logins',
    phrase: 'logins',
    group: null,
    count: (c) => c.logins,
    filter: () => ({}),
  },
  ...TWO_FACTOR_METHODS.map(methodColumn),
  {
    key: 'enrolled',
    label: 'Enrolled',
    phrase: 'enrolled',
    group: null,
    count: (c) => c.enrolled,
    filter: enrolledFilter,
  },
  {
    key: 'notStarted',
    label: 'Not started',
    phrase: 'not started',
    group: null,
    count: (c) => c.notStarted,
    filter: () => ({ enrolment: 'not-started' }),
  },
  {
    key: 'inGrace',
    label: 'In grace',
    phrase: 'in grace',
    group: null,
    count: (c) => c.inGrace,
    filter: () => ({ enrolment: 'in-grace' }),
  },
  {
    key: 'overdue',
    label: 'Overdue',
    phrase: 'overdue',
    group: null,
    count: (c) => c.overdue,
    filter: () => ({ enrolment: 'overdue' }),
  },
  {
    key: 'locked',
    label: 'Locked',
    phrase: 'locked',
    group: null,
    count: (c) => c.locked,
    filter: () => ({ locked: 'true' }),
  },
];

/** A row of the table: a user type (its numbers link to Users) or a tenant (its name links). */
export interface EnrolmentRow {
  id: string;
  name: string;
  counts: EnrolmentCounts;
  /** The Users filter of the row's logins (`{ userTypeId }`, `{}` for the totals); null: no links. */
  filter: Params | null;
  /** Where the row's name leads, or null. */
  nameLink: string | null;
}

/** One number of the table, with the Users query it links to (null: a plain number). */
export interface CountCell {
  value: number;
  queryParams: Params | null;
  /** The link's name for a screen reader: "Employees: 3 in grace, in Users". */
  label: string;
  /** Under the number: "nearest deadline 3 Dec 2026, 09:00 UTC" (in grace only). */
  note: string | null;
}

/** The cell of `column` in `row`: zero, a row without links and a column without a filter do not link. */
export function countCell(row: EnrolmentRow, column: CountColumn): CountCell {
  const value = column.count(row.counts);
  const filter = value > 0 && row.filter ? column.filter(row.counts) : null;
  return {
    value,
    queryParams: filter && row.filter ? { ...row.filter, ...filter, active: 'true' } : null,
    label: `${row.name}: ${value} ${column.phrase}, in Users`,
    note:
      column.key === 'inGrace' && value > 0 && row.counts.nearestDeadline
        ? `nearest deadline ${formatDateTime(row.counts.nearestDeadline)}`
        : null,
  };
}
