import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSort, MatSortHeader, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  CreateLoginAnswer,
  ENROLMENT_STATES,
  METHOD_LABELS,
  Page,
  ResetAnswer,
  TwoFactorMethod,
  USER_SORTS,
  UserRow,
  UserSort,
  UserTypeView,
} from '@latchkey/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { SessionStore } from '../../core/session-store';
import { BusyKeys } from '../../shared/busy-keys';
import { askToConfirm } from '../../shared/confirm-dialog';
import { Icon } from '../../shared/icon';
import { METHODS_STRONGEST_FIRST, formatDay, formatMoment, reasonText } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { ErrorLine } from '../../shared/error-line';
import { CreateUserDialog, CreateUserDialogData } from './create-user-dialog';
import { EditUserDialog, EditUserDialogData } from './edit-user-dialog';
import { ExceptionDialog, ExceptionDialogData } from './exception-dialog';
import { ResetDialog, ResetDialogData } from './reset-dialog';
import { UsersApi } from './users-api';
import {
  ENROLMENT_LABELS,
  NO_FILTERS,
  UserFilters,
  YES_NO_FILTERS,
  anyFilter,
  filtersInUrl,
  filtersToQuery,
  sameFilters,
  withFilter,
} from './users-filters';

export const SEARCH_DEBOUNCE_MS = 300;
export const DEFAULT_PAGE_SIZE = 25;

interface SortState {
  active: UserSort;
  direction: 'asc' | 'desc';
}

const DEFAULT_SORT: SortState = { active: 'name', direction: 'asc' };

/**
 * Admin → Users: every login of the tenant with its effective method and why, enrolment, last
 * second factor and lock; searched, filtered, sorted and paged by the API. Creates logins, sets
 * per-user exceptions, resets a login's second factor and lifts a lock; the row menu edits a
 * login (name, user type) and deactivates or reactivates it.
 */
@Component({
  selector: 'app-users-page',
  imports: [
    ErrorLine,
    Icon,
    ReactiveFormsModule,
    MatTableModule,
    MatSort,
    MatSortHeader,
    MatPaginator,
    MatFormField,
    MatLabel,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatIconButton,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    MatTooltip,
    MatProgressBar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly me = inject(SessionStore).me();
  private readonly tenantId = this.me?.tenantId ?? null;
  /** The owner's own login: it cannot be deactivated from here (another owner can). */
  protected readonly myLoginId = this.me?.loginId ?? null;

  protected readonly columns = [
    'user',
    'type',
    'effective',
    'enrolled',
    'lastSecondFactor',
    'locked',
    'actions',
  ];
  protected readonly pageSizes = [10, 25, 50, 100];
  protected readonly methods = METHODS_STRONGEST_FIRST;
  protected readonly labels = METHOD_LABELS;
  protected readonly reasonText = reasonText;
  protected readonly formatDay = formatDay;
  protected readonly formatMoment = formatMoment;
  protected readonly trackByLogin = (_: number, row: UserRow): string => row.loginId;

  protected readonly search = new FormControl('', { nonNullable: true });
  /** The search and filters, in step with the URL's query (users-filters.ts). */
  protected readonly filters = signal<UserFilters>(NO_FILTERS);
  protected readonly filtered = computed(() => anyFilter(this.filters()));
  protected readonly yesNoFilters = YES_NO_FILTERS;
  protected readonly enrolmentStates = ENROLMENT_STATES;
  protected readonly enrolmentLabels = ENROLMENT_LABELS;
  protected readonly sort = signal<SortState>(DEFAULT_SORT);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  private readonly reloads = signal(0);
  /** Read once the page's state exists: the URL may name filters at once. */
  private readonly url = filtersInUrl(this.filters, (filters) => {
    // Through valueChanges: the search's debounce then knows the term (and asks nothing new).
    this.search.setValue(filters.search);
    this.pageIndex.set(0);
  });

  protected readonly types = signal<UserTypeView[]>([]);
  protected readonly page = signal<Page<UserRow> | null>(null);
  protected readonly rows = computed(() => this.page()?.items ?? []);
  protected readonly loading = signal(this.tenantId !== null);
  protected readonly error = signal<string | null>(null);
  /** Logins whose unlock is under way. */
  protected readonly unlocking = new BusyKeys();
  /** Logins whose deactivation or reactivation is under way. */
  protected readonly activating = new BusyKeys();

  /** What the API is asked for: only the filters that are set; `page` is 1-based. */
  protected readonly query = computed(() => {
    const { active, direction } = this.sort();
    return {
      ...filtersToQuery(this.filters()),
      sort: active,
      direction,
      page: this.pageIndex() + 1,
      pageSize: this.pageSize(),
    };
  });

  constructor() {
    this.search.valueChanges
      .pipe(
        map((value) => value.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((term) => this.filterBy('search', term));

    const tenantId = this.tenantId;
    if (!tenantId) {
      this.error.set('The users list is for account owners.');
      return;
    }
    // One request per distinct query; a newer query cancels the one still under way.
    toObservable(computed(() => ({ query: this.query(), reload: this.reloads() })))
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap(({ query }) =>
          this.api.list(tenantId, query).pipe(
            map((page) => ({ page, error: null })),
            catchError((error: unknown) => of({ page: null, error })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ page, error }) => {
        this.loading.set(false);
        if (page) {
          this.page.set(page);
        } else {
          this.error.set(`The users could not be loaded: ${problemText(error)}`);
        }
      });
    this.api.userTypes(tenantId).subscribe({
      next: (types) => {
        this.types.set(types);
        // A user type the URL names that the account does not have: no filter, not an empty list.
        const typeId = this.filters().userTypeId;
        if (typeId && !types.some((type) => type.id === typeId)) this.filterBy('userTypeId', null);
      },
      error: (error: unknown) => this.error.set(`The user types could not be loaded: ${problemText(error)}`),
    });
  }

  protected methodLabel(method: TwoFactorMethod): string {
    return METHOD_LABELS[method];
  }

  /** A filter changed: back to the first page, and into the URL. */
  protected filterBy<K extends keyof UserFilters>(key: K, value: UserFilters[K]): void {
    const filters = withFilter(this.filters(), key, value);
    if (sameFilters(filters, this.filters())) {
      return;
    }
    this.filters.set(filters);
    this.pageIndex.set(0);
    this.url.write(filters);
  }

  /** Every filter and the search back to none. */
  protected clearFilters(): void {
    this.search.setValue('');
    this.filters.set(NO_FILTERS);
    this.pageIndex.set(0);
    this.url.write(NO_FILTERS);
  }

  protected onSort(sort: Sort): void {
    const active = (USER_SORTS as readonly string[]).includes(sort.active)
      ? (sort.active as UserSort)
      : DEFAULT_SORT.active;
    this.sort.set({ active, direction: sort.direction || 'asc' });
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected createUser(): void {
    if (!this.tenantId) {
      return;
    }
    const data: CreateUserDialogData = { tenantId: this.tenantId, types: this.types() };
    this.dialog
      .open<CreateUserDialog, CreateUserDialogData, CreateLoginAnswer>(CreateUserDialog, { data })
      .afterClosed()
      .subscribe((answer) => {
        if (answer) {
          this.snackBar.open(`${answer.user.email} can now sign in.`, 'Close', { duration: 5000 });
          this.reloads.update((n) => n + 1);
        }
      });
  }

  protected openException(user: UserRow): void {
    if (!this.tenantId) {
      return;
    }
    const data: ExceptionDialogData = { tenantId: this.tenantId, user };
    this.dialog
      .open<ExceptionDialog, ExceptionDialogData, UserRow>(ExceptionDialog, {
        data,
        // Start on the current choice, so the arrow keys move from it (not on the first radio).
        autoFocus: '.mat-mdc-radio-checked input',
      })
      .afterClosed()
      .subscribe((row) => {
        if (row) {
          this.replaceRow(row);
          this.snackBar.open(`Exception saved for ${row.email}.`, 'Close', { duration: 5000 });
        }
      });
  }

  protected openReset(user: UserRow): void {
    if (!this.tenantId) {
      return;
    }
    const data: ResetDialogData = { tenantId: this.tenantId, user };
    this.dialog
      .open<ResetDialog, ResetDialogData, ResetAnswer>(ResetDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((answer) => {
        if (answer) {
          // The login must enrol again: the API has the new row.
          this.reloads.update((n) => n + 1);
        }
      });
  }

  protected unlock(user: UserRow): void {
    const tenantId = this.tenantId;
    if (!tenantId || this.unlocking.has(user.loginId)) {
      return;
    }
    const busy = (on: boolean) => this.unlocking.set(user.loginId, on);
    busy(true);
    this.error.set(null);
    this.api.unlock(tenantId, user.loginId).subscribe({
      next: (row) => {
        busy(false);
        this.replaceRow(row);
        this.snackBar.open(`${row.email} is unlocked.`, 'Close', { duration: 5000 });
      },
      error: (error: unknown) => {
        busy(false);
        this.error.set(`${user.email} was not unlocked: ${problemText(error)}`);
      },
    });
  }

  protected openEdit(user: UserRow): void {
    if (!this.tenantId) {
      return;
    }
    const data: EditUserDialogData = { tenantId: this.tenantId, user, types: this.types() };
    this.dialog
      .open<EditUserDialog, EditUserDialogData, UserRow>(EditUserDialog, { data })
      .afterClosed()
      .subscribe((row) => {
        if (row) {
          this.replaceRow(row);
          this.snackBar.open(`${row.email} is saved.`, 'Close', { duration: 5000 });
        }
      });
  }

  protected deactivate(user: UserRow): void {
    askToConfirm(this.dialog, {
      title: `Deactivate ${user.displayName}?`,
      message:
        `${user.email} can no longer sign in, and is signed out everywhere at once: this console and ` +
        'every application they signed in to through Latchkey. You can reactivate the login later.',
      confirm: 'Deactivate',
    }).subscribe((yes) => {
      if (yes) {
        this.setActive(user, false);
      }
    });
  }

  protected reactivate(user: UserRow): void {
    this.setActive(user, true);
  }

  private setActive(user: UserRow, active: boolean): void {
    const tenantId = this.tenantId;
    if (!tenantId || this.activating.has(user.loginId)) {
      return;
    }
    const busy = (on: boolean) => this.activating.set(user.loginId, on);
    busy(true);
    this.error.set(null);
    this.api.update(tenantId, user.loginId, { active }).subscribe({
      next: (row) => {
        busy(false);
        this.replaceRow(row);
        const done = active ? 'can sign in again' : 'is deactivated and signed out everywhere';
        this.snackBar.open(`${row.email} ${done}.`, 'Close', { duration: 5000 });
      },
      error: (error: unknown) => {
        busy(false);
        this.error.set(
          `${user.email} was not ${active ? 'reactivated' : 'deactivated'}: ${problemText(error)}`,
        );
      },
    });
  }

  /** In place, so that the row stays in sight even when it no longer matches a filter. */
  private replaceRow(row: UserRow): void {
    this.page.update(
      (page) =>
        page && {
          ...page,
          items: page.items.map((item) => (item.loginId === row.loginId ? row : item)),
        },
    );
  }
}
