import { MAX_GRACE_DAYS, MAX_REMEMBER_DAYS } from '@latchkey/contracts';

/** One of a user type row's two day counts on the Security settings page, a number column each. */
export interface DayColumn {
  key: string;
  header: string;
  control: 'graceDays' | 'rememberDays';
  max: number;
  /** The field's name for a user type's row. */
  label: (type: string) => string;
  testId: string;
}

export const DAY_COLUMNS: ReadonlyArray<DayColumn> = [
  {
    key: 'grace',
    header: 'Grace days',
    control: 'graceDays',
    max: MAX_GRACE_DAYS,
    label: (type) => `Grace days for ${type}`,
    testId: 'grace-days',
  },
  {
    key: 'remember',
    header: 'Remember browser (days)',
    control: 'rememberDays',
    max: MAX_REMEMBER_DAYS,
    label: (type) => `Days a browser may skip the code for ${type}, 0 = never`,
    testId: 'remember-days',
  },
];
