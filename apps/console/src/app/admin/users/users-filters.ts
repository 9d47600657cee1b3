import { DestroyRef, WritableSignal, inject } from '@angular/core';
import { ActivatedRoute, ParamMap, Params, Router } from '@angular/router';
import {
  ENROLMENT_STATES,
  EnrolmentState,
  TWO_FACTOR_METHODS,
  TwoFactorMethod,
  UserListQuery,
} from '@latchkey/contracts';

/**
 * The Users page's search and filters, and their place in the URL
 * (`/admin/users?userTypeId=…&enrolment=in-grace&active=true&exception=true`): read when the page
 * opens or its URL changes (the home's numbers link here), written back as they change, so that a
 * filtered list can be shared. Values the URL spells wrong are left out.
 */
export interface UserFilters {
  search: string;
  userTypeId: string | null;
  method: TwoFactorMethod | null;
  enrolled: boolean | null;
  enrolment: EnrolmentState | null;
  locked: boolean | null;
  active: boolean | null;
  /** Has an owner's exception (yes), or none (no). */
  exception: boolean | null;
}

export type YesNoKey = 'enrolled' | 'locked' | 'active' | 'exception';

export const NO_FILTERS: UserFilters = {
  search: '',
  userTypeId: null,
  method: null,
  enrolled: null,
  enrolment: null,
  locked: null,
  active: null,
  exception: null,
};

/** The yes-or-no filters, each any, yes or no, in the order of the filter bar. */
export const YES_NO_FILTERS: ReadonlyArray<{
  key: YesNoKey;
  label: string;
  yes: string;
  no: string;
  testId: string;
}> = [
  { key: 'enrolled', label: 'Enrolled', yes: 'Enrolled', no: 'Not enrolled', testId: 'filter-enrolled' },
  { key: 'locked', label: 'Locked', yes: 'Locked', no: 'Not locked', testId: 'filter-locked' },
  { key: 'active', label: 'Active', yes: 'Active', no: 'Deactivated', testId: 'filter-active' },
  {
    key: 'exception',
    label: 'Has exception',
    yes: 'Has exception',
    no: 'No exception',
    testId: 'filter-exception',
  },
];

/** Where a login asked for a factor it does not hold stands, in words (the Enrolment filter). */
export const ENROLMENT_LABELS: Record<EnrolmentState, string> = {
  'not-started': 'Not started',
  'in-grace': 'In grace',
  overdue: 'Overdue',
};

const KEYS = Object.keys(NO_FILTERS) as Array<keyof UserFilters>;

/**
 * `filters` with `key` set to `value`. An enrolment state names logins that are not enrolled (the
 * API refuses it with `enrolled=true`), so choosing one clears the other.
 */
export function withFilter<K extends keyof UserFilters>(
  filters: UserFilters,
  key: K,
  value: UserFilters[K],
): UserFilters {
  const next = { ...filters, [key]: value };
  if (key === 'enrolment' && value !== null && next.enrolled === true) next.enrolled = null;
  if (key === 'enrolled' && value === true) next.enrolment = null;
  return next;
}

function yesNo(value: string | null): boolean | null {
  return value === 'true' ? true : value === 'false' ? false : null;
}

function oneOf<T extends string>(choices: readonly T[], value: string | null): T | null {
  return (choices as readonly string[]).includes(value ?? '') ? (value as T) : null;
}

/** The filters a URL's query names; a wrong value counts as not set. */
export function filtersFromParams(params: ParamMap): UserFilters {
  const filters: UserFilters = {
    search: (params.get('search') ?? '').trim(),
    userTypeId: params.get('userTypeId')?.trim() || null,
    method: oneOf(TWO_FACTOR_METHODS, params.get('method')),
    enrolled: yesNo(params.get('enrolled')),
    enrolment: oneOf(ENROLMENT_STATES, params.get('enrolment')),
    locked: yesNo(params.get('locked')),
    active: yesNo(params.get('active')),
    exception: yesNo(params.get('exception')),
  };
  return filters.enrolment && filters.enrolled ? { ...filters, enrolled: null } : filters;
}

/** The URL's query for `filters`: only what is set, yes and no as "true" and "false". */
export function filtersToParams(filters: UserFilters): Params {
  const params: Params = {};
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== null && value !== '') params[key] = String(value);
  }
  return params;
}

/** What the API is asked for, of the filters: only what is set. */
export function filtersToQuery(filters: UserFilters): UserListQuery {
  const query: UserListQuery = {};
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== null && value !== '') Object.assign(query, { [key]: value });
  }
  return query;
}

export function sameFilters(a: UserFilters, b: UserFilters): boolean {
  return KEYS.every((key) => a[key] === b[key]);
}

export function anyFilter(filters: UserFilters): boolean {
  return !sameFilters(filters, NO_FILTERS);
}

/**
 * Keep `filters` and the URL of the page in step (in an injection context): a URL that names
 * other filters sets them (`changed` then runs: back to the first page, the search box); `write`
 * puts filters into the URL, replacing the history entry.
 */
export function filtersInUrl(
  filters: WritableSignal<UserFilters>,
  changed: (filters: UserFilters) => void,
): { write: (filters: UserFilters) => void } {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  const subscription = route.queryParamMap.subscribe((params) => {
    const read = filtersFromParams(params);
    if (!sameFilters(read, filters())) {
      filters.set(read);
      changed(read);
    }
  });
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  return {
    write: (next) => {
      if (!sameFilters(next, filtersFromParams(route.snapshot.queryParamMap))) {
        void router.navigate([], { relativeTo: route, queryParams: filtersToParams(next), replaceUrl: true });
      }
    },
  };
}
