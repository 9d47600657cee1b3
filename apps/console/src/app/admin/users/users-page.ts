import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSort, MatSortHeader, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  BulkAction,
  ENROLMENT_STATES,
  METHOD_LABELS,
  Page,
  TwoFactorMethod,
  USER_SORTS,
  UserRow,
  UserSort,
  UserTypeView,
} from '@latchkey/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { SessionStore } from '../../core/session-store';
import { ErrorLine } from '../../shared/error-line';
import { FileDownload } from '../../shared/file-download';
import { METHODS_STRONGEST_FIRST, formatDay, formatMoment, reasonText } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { BulkBar } from './bulk-bar';
import { BulkTarget, confirmBulk } from './bulk-confirm-dialog';
import { showBulkResults } from './bulk-results-dialog';
import { UserCard } from './user-card';
import { UserRowActions } from './user-row-actions';
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
import { UsersSelection } from './users-selection';

export const SEARCH_DEBOUNCE_MS = 300;
export const DEFAULT_PAGE_SIZE = 25;
/** A phone's width: cards in place of the table. */
export const PHONE_QUERY = '(max-width: 599.98px)';

interface SortState {
  active: UserSort;
  direction: 'asc' | 'desc';
}

const DEFAULT_SORT: SortState = { active: 'name', direction: 'asc' };

/** latchkey-users-YYYY-MM-DD.csv, the day in local time. */
export function usersFileName(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `latchkey-users-${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}.csv`;
}

/**
 * Admin → Users: every login of the tenant with its effective method and why, exception,
 * enrolment, last second factor and lock; searched, filtered, sorted and paged by the API, and
 * exported as CSV. Each login's actions are in its menu (user-row-actions.ts), in a column pinned
 * at the right, or on its card on a phone; ticked logins (or the whole filtered set) take bulk
 * actions (bulk-bar.ts, bulk-confirm-dialog.ts, bulk-results-dialog.ts).
 */
@Component({
  selector: 'app-users-page',
  imports: [
    BulkBar,
    ErrorLine,
    UserCard,
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
    MatCheckbox,
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
  private readonly files = inject(FileDownload);
  private readonly me = inject(SessionStore).me();
  private readonly tenantId = this.me?.tenantId ?? null;
  /** The owner's own login: it cannot be deactivated from here (another owner can). */
  protected readonly myLoginId = this.me?.loginId ?? null;

  protected readonly columns = [
    'select',
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
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

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
  /** Ticked logins, or the whole filtered set; cleared when the filters change. */
  protected readonly selection = new UsersSelection();
  /** Read once the page's state exists: the URL may name filters at once. */
  private readonly url = filtersInUrl(this.filters, (filters) => {
    // Through valueChanges: the search's debounce then knows the term (and asks nothing new).
    this.search.setValue(filters.search);
    this.pageIndex.set(0);
    this.selection.clear();
  });

  protected readonly types = signal<UserTypeView[]>([]);
  protected readonly page = signal<Page<UserRow> | null>(null);
  protected readonly rows = computed(() => this.page()?.items ?? []);
  protected readonly pageIds = computed(() => this.rows().map((row) => row.loginId));
  protected readonly loading = signal(this.tenantId !== null);
  protected readonly error = signal<string | null>(null);
  protected readonly exporting = signal(false);
  protected readonly actions = new UserRowActions({
    tenantId: this.tenantId,
    types: this.types,
    replaceRow: (row) => this.replaceRow(row),
    reload: () => this.reloads.update((n) => n + 1),
    error: this.error,
  });

  /** The row menu's button last pressed: focus goes back to it when the dialog it led to closes. */
  private menuOpener: HTMLElement | undefined;

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

  /** A method's words (the table's rows are untyped in the template). */
  protected methodLabel(method: TwoFactorMethod): string {
    return METHOD_LABELS[method];
  }

  /** A filter changed: back to the first page, a new selection, and into the URL. */
  protected filterBy<K extends keyof UserFilters>(key: K, value: UserFilters[K]): void {
    const filters = withFilter(this.filters(), key, value);
    if (sameFilters(filters, this.filters())) {
      return;
    }
    this.filters.set(filters);
    this.pageIndex.set(0);
    this.selection.clear();
    this.url.write(filters);
  }

  /** Every filter and the search back to none. */
  protected clearFilters(): void {
    this.search.setValue('');
    this.filters.set(NO_FILTERS);
    this.pageIndex.set(0);
    this.selection.clear();
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

  /**
   * A bulk action on the ticked logins or the whole filtered set: confirmed (and sent) in a
   * dialog, then the list again without a selection, and what happened to each login.
   */
  protected bulk(action: BulkAction): void {
    const tenantId = this.tenantId;
    if (!tenantId) {
      return;
    }
    const all = this.selection.allFiltered();
    const target: BulkTarget = all
      ? { filter: filtersToQuery(this.filters()) }
      : { loginIds: this.selection.loginIds() };
    const count = all ? (this.page()?.total ?? 0) : this.selection.count();
    confirmBulk(this.dialog, { tenantId, action, target, count })
      .pipe(
        switchMap((answer) => {
          if (!answer) {
            return of(undefined);
          }
          this.selection.clear();
          this.reloads.update((n) => n + 1);
          return showBulkResults(this.dialog, answer);
        }),
      )
      .subscribe();
  }

  /** Every login the filters find (no paging), as the API's CSV file. */
  protected exportCsv(): void {
    const tenantId = this.tenantId;
    if (!tenantId || this.exporting()) {
      return;
    }
    this.exporting.set(true);
    this.error.set(null);
    this.api.exportCsv(tenantId, filtersToQuery(this.filters())).subscribe({
      next: (blob) => {
        this.exporting.set(false);
        this.files.save(blob, usersFileName(new Date()));
      },
      error: (error: unknown) => {
        this.exporting.set(false);
        this.error.set(`The users could not be exported: ${problemText(error)}`);
      },
    });
  }

  protected menuOpenedFrom(target: EventTarget | null): void {
    this.menuOpener = target instanceof HTMLElement ? target : undefined;
  }

  /** Where a dialog opened from the row menu gives focus back (the menu item is gone by then). */
  protected opener(): HTMLElement | undefined {
    return this.menuOpener;
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
