import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipRemove, MatChipSet } from '@angular/material/chips';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import {
  AUDIT_ACTIONS,
  AuditAction,
  AuditEntry,
  AuditPage,
  auditActionLabel,
  auditActionsOf,
} from '@latchkey/contracts';
import { Subject, catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { generalMessage, readApiError } from '../../core/api-error';
import { SessionStore } from '../../core/session-store';
import { AuditApi, AuditFilters, AuditScope } from './audit-api';
import { describeChange } from './audit-change';
import { AuditForm, filtersOf, sameFilters, sameScope } from './audit-filters';
import { AuditParty, AuditPartyCell, actorOf, placeholder, targetOf } from './audit-party';
import { AuditSource } from '../../shared/route-data';
import { auditLogOf } from './audit-source';
import { DateTimePipe } from '../../shared/date-time';
import { FileDownload } from '../../shared/file-download';
import { TableFrame } from '../../shared/table-frame';
import { ErrorLine } from '../../shared/error-line';
import { auditFileName } from './audit-file-name';

export const AUDIT_PAGE_SIZES = [25, 50, 100];
const DEFAULT_PAGE_SIZE = 50;

/** How long typing in a filter waits before asking the API. */
export const FILTER_DEBOUNCE_MS = 400;

interface AuditRequest {
  filters: AuditFilters;
  page: number;
  pageSize: number;
}

type ScopedRequest = AuditRequest & { scope: AuditScope };

/** A choice of the action filter: the code it sends, in words. */
interface ActionOption {
  action: AuditAction;
  label: string;
}

interface AuditRow {
  event: AuditEntry;
  /** The action in words; the code itself for an action this build does not know. */
  label: string;
  actor: AuditParty;
  target: AuditParty;
  /** One line per changed field. */
  change: string[];
}

type Loaded = { ok: true; page: AuditPage } | { ok: false; message: string };

/**
 * An audit log, filtered, paged on the server, exported as CSV. The route says which one
 * (`data.source`, bound to the inputs): Admin → Audit log is the owner's own tenant's, Platform →
 * Audit log the platform's events without a tenant, and /platform/tenants/:tenantId/audit-log one
 * tenant's log read by a super user. `?loginId=` keeps one person's events (as actor or target);
 * choosing a login's name in the table does the same.
 */
@Component({
  selector: 'app-audit-log-page',
  imports: [
    AuditPartyCell,
    DateTimePipe,
    ErrorLine,
    ReactiveFormsModule,
    MatButton,
    MatChip,
    MatChipRemove,
    MatChipSet,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatOption,
    MatPaginator,
    MatSelect,
    MatTableModule,
    TableFrame,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-log-page.html',
  styleUrl: './audit-log-page.scss',
})
export class AuditLogPage {
  private readonly api = inject(AuditApi);
  private readonly files = inject(FileDownload);
  private readonly me = inject(SessionStore).me;
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly requests = new Subject<ScopedRequest>();

  /** Route data: which log (absent: the signed-in owner's own tenant). */
  readonly source = input<AuditSource>();
  /** Route parameter of a tenant's log. */
  readonly tenantId = input<string>();
  /** Resolved by the route from the tenant id, when it knows the tenant. */
  readonly tenantName = input<string | null>();
  /** Query parameter: only the events of this login, as actor or as target. */
  readonly loginId = input<string>();

  private readonly choice = computed(() =>
    auditLogOf(this.source(), this.tenantId(), this.tenantName(), this.me()),
  );
  /** Whose events; a new name for the same log does not reload it. */
  private readonly scope = computed<AuditScope | null>(
    () => {
      const choice = this.choice();
      return choice.ok ? choice.log.scope : null;
    },
    { equal: sameScope },
  );
  protected readonly hasLog = computed(() => this.scope() !== null);
  protected readonly title = computed(() => {
    const choice = this.choice();
    return choice.ok ? choice.log.title : 'Audit log';
  });

  protected readonly columns = ['time', 'actor', 'action', 'target', 'change', 'address'];
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  /** The actions that can appear in the log shown (a tenant's or the platform's), offered in the filter. */
  protected readonly actionOptions = computed<ActionOption[]>(() => {
    const scope = this.scope();
    return scope
      ? auditActionsOf(scope.kind).map((action) => ({ action, label: AUDIT_ACTIONS[action].label }))
      : [];
  });
  protected readonly filters = inject(NonNullableFormBuilder).group({
    actions: [[] as AuditAction[]],
    q: '',
    from: '',
    to: '',
  });
  /** The person whose events are shown: the URL's, or a name chosen in the table. */
  protected readonly personId = linkedSignal<string | null>(() => this.loginId() || null);
  /** The name of the person chosen in the table, until the API names them. */
  private readonly chosenName = signal<string | null>(null);
  /** The person's name in the filter chip: as the log last recorded it, never the id. */
  protected readonly personName = computed(() => {
    const id = this.personId();
    const known = this.result()?.person;
    if (!id) {
      return null;
    }
    if (known?.loginId === id) {
      return known.label ?? placeholder('login');
    }
    return this.chosenName() ?? 'a person';
  });

  /** What the table shows: the filters and page last asked for. */
  protected readonly request = signal<AuditRequest>({ filters: {}, page: 1, pageSize: DEFAULT_PAGE_SIZE });
  protected readonly result = signal<AuditPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly rangeError = signal<string | null>(null);
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);

  protected readonly rows = computed<AuditRow[]>(() =>
    (this.result()?.items ?? []).map((event) => ({
      event,
      label: auditActionLabel(event.action),
      actor: actorOf(event),
      target: targetOf(event),
      change: describeChange(event.before, event.after),
    })),
  );
  protected readonly total = computed(() => this.result()?.total ?? 0);
  protected readonly filtered = computed(() => Object.keys(this.request().filters).length > 0);
  protected readonly trackRow = (_index: number, row: AuditRow): string => row.event.id;

  constructor() {
    this.requests
      .pipe(
        switchMap(({ scope, filters, page, pageSize }) =>
          this.api.list(scope, { ...filters, page, pageSize }).pipe(
            map((result): Loaded => ({ ok: true, page: result })),
            catchError((error: unknown) =>
              of<Loaded>({ ok: false, message: generalMessage(readApiError(error)) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((loaded) => {
        this.loading.set(false);
        if (loaded.ok) {
          this.result.set(loaded.page);
        } else {
          this.error.set(`The audit log could not be loaded. ${loaded.message}`);
        }
      });

    this.filters.valueChanges
      .pipe(debounceTime(FILTER_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe(() => this.applyFilters(false));

    // The route may show another log in the same page (another tenant id): start again there.
    // Another person (the URL's or a name chosen) filters the log shown.
    effect(() => {
      const scope = this.scope();
      this.personId();
      untracked(() => {
        if (this.opened !== undefined && sameScope(scope, this.opened)) {
          this.applyFilters(false);
        } else {
          this.opened = scope;
          this.open(scope);
        }
      });
    });
  }

  /** The log last opened (undefined before the first). */
  private opened: AuditScope | null | undefined = undefined;

  /** Show only this login's events, and say so in the URL (which other pages can link to). */
  protected choosePerson(person: { loginId: string; label: string | null }): void {
    this.chosenName.set(person.label);
    this.personId.set(person.loginId);
    this.setUrlPerson(person.loginId);
  }

  protected clearPerson(): void {
    this.chosenName.set(null);
    this.personId.set(null);
    this.setUrlPerson(null);
  }

  /** Apply the filters now (Enter, or the Apply button); also reloads when nothing changed. */
  protected applyNow(): void {
    this.applyFilters(true);
  }

  protected clear(): void {
    this.filters.reset();
    this.chosenName.set(null);
    this.personId.set(null);
    this.setUrlPerson(null);
    this.applyFilters(true);
  }

  protected turn(event: PageEvent): void {
    const current = this.request();
    const page = event.pageSize === current.pageSize ? event.pageIndex + 1 : 1;
    this.load({ ...current, page, pageSize: event.pageSize });
  }

  protected retry(): void {
    this.load(this.request());
  }

  /** GET the same URL with Accept: text/csv, and save what comes back. */
  protected download(): void {
    const scope = this.scope();
    if (this.downloading() || !scope) {
      return;
    }
    const filters = this.readFilters();
    if (!filters) {
      return;
    }
    this.downloading.set(true);
    this.downloadError.set(null);
    const choice = this.choice();
    const label = choice.ok ? choice.log.fileLabel : null;
    this.api.csv(scope, filters).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        this.files.save(blob, auditFileName(new Date(), label));
      },
      error: (error: unknown) => {
        this.downloading.set(false);
        this.downloadError.set(`The CSV file could not be made. ${generalMessage(readApiError(error))}`);
      },
    });
  }

  private applyFilters(force: boolean): void {
    const filters = this.readFilters();
    if (!filters || !this.scope()) {
      return;
    }
    const current = this.request();
    if (!force && sameFilters(filters, current.filters)) {
      return;
    }
    this.load({ ...current, filters, page: 1 });
  }

  /** Show the first page of another log, keeping the filters; or say why there is none. */
  private open(scope: AuditScope | null): void {
    this.result.set(null);
    this.downloadError.set(null);
    if (scope) {
      const current = this.request();
      this.load({ ...current, filters: this.readFilters() ?? current.filters, page: 1 });
      return;
    }
    const choice = this.choice();
    this.loading.set(false);
    this.error.set(choice.ok ? null : choice.message);
  }

  private load(request: AuditRequest): void {
    const scope = this.scope();
    if (!scope) {
      return;
    }
    this.request.set(request);
    this.loading.set(true);
    this.error.set(null);
    this.requests.next({ ...request, scope });
  }

  /** The form and the person as API filters; null (and the range error shown) if the range is backwards. */
  private readFilters(): AuditFilters | null {
    const reading = filtersOf(this.filters.getRawValue() satisfies AuditForm, this.personId());
    this.rangeError.set(reading.ok ? null : reading.rangeError);
    return reading.ok ? reading.filters : null;
  }

  private setUrlPerson(loginId: string | null): void {
    if ((this.loginId() || null) === loginId) {
      return;
    }
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { loginId },
      queryParamsHandling: 'merge',
    });
  }
}
