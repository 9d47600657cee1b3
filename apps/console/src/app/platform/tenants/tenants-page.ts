import { DateTimePipe } from '../../shared/date-time';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect, MatSelectChange } from '@angular/material/select';
import { MatSlideToggle, MatSlideToggleChange } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  EnrolmentCounts,
  MAX_GRACE_DAYS,
  METHOD_LABELS,
  PlatformFloorRequest,
  PolicySetting,
  TWO_FACTOR_METHODS,
  TenantSummary,
  TwoFactorMethod,
  UpdateTenantRequest,
} from '@latchkey/contracts';
import { forkJoin, map, startWith } from 'rxjs';
import { generalMessage, readApiError } from '../../core/api-error';
import { BusyKeys } from '../../shared/busy-keys';
import { askToConfirm } from '../../shared/confirm-dialog';
import { FieldErrorPipe } from '../../shared/field-error';
import { placeFieldErrors } from '../../shared/form-errors';
import { PageLoad, loadFailure } from '../../shared/page-load';
import { generalText } from '../../shared/problem-text';
import { TableFrame } from '../../shared/table-frame';
import { ErrorLine } from '../../shared/error-line';
import { CreateTenantDialog, CreatedTenant } from './create-tenant-dialog';
import { graceDaysValidator, graceSentence, methodNeed } from './floor-methods';
import { TenantFloorData, TenantFloorDialog } from './tenant-floor-dialog';
import { TenantsApi } from './tenants-api';

/** Platform → Tenants: the floor for every tenant, and per tenant its feature switch, floor, suspension and counts. */
@Component({
  selector: 'app-tenants-page',
  imports: [
    ErrorLine,
    DateTimePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    MatSlideToggle,
    MatTableModule,
    TableFrame,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenants-page.html',
  styleUrl: './tenants-page.scss',
})
export class TenantsPage {
  private readonly api = inject(TenantsApi);
  private readonly dialog = inject(MatDialog);

  /** The counts at the end of a row, each a column named after its key in `TenantSummary.counts`. */
  protected readonly countColumns: ReadonlyArray<{
    key: keyof TenantSummary['counts'];
    label: string;
    testId: string;
  }> = [
    { key: 'logins', label: 'Logins', testId: 'tenant-logins' },
    { key: 'userTypes', label: 'User types', testId: 'tenant-user-types' },
    { key: 'owners', label: 'Owners', testId: 'tenant-owners' },
  ];
  /** Where each tenant's active logins stand (the platform's overview), after the counts. */
  protected readonly enrolmentColumns: ReadonlyArray<{
    key: 'enrolled' | 'inGrace' | 'overdue';
    label: string;
    testId: string;
  }> = [
    { key: 'enrolled', label: 'Enrolled', testId: 'tenant-enrolled' },
    { key: 'inGrace', label: 'In grace', testId: 'tenant-in-grace' },
    { key: 'overdue', label: 'Overdue', testId: 'tenant-overdue' },
  ];
  protected readonly columns = [
    'name',
    'feature',
    'floor',
    'status',
    ...this.countColumns.map((c) => c.key),
    ...this.enrolmentColumns.map((c) => c.key),
  ];
  /** The floor choices, weakest first. */
  protected readonly floorMethods = TWO_FACTOR_METHODS;
  protected readonly labels = METHOD_LABELS;
  protected readonly maxGraceDays = MAX_GRACE_DAYS;
  protected readonly graceRange = `0 to ${MAX_GRACE_DAYS} days.`;
  /** Rows stay in place when a tenant changes, so focus and open controls survive the update. */
  protected readonly trackTenant = (_index: number, tenant: TenantSummary): string => tenant.id;

  protected readonly tenants = signal<TenantSummary[]>([]);
  /** Each tenant's enrolment numbers by id; a tenant made since the load has none yet. */
  protected readonly enrolment = signal<ReadonlyMap<string, EnrolmentCounts>>(new Map());
  protected readonly list = new PageLoad({
    fetch: () => forkJoin({ tenants: this.api.list(), overview: this.api.overview() }),
    next: ({ tenants, overview }) => {
      this.tenants.set(tenants);
      this.enrolment.set(new Map(overview.tenants.map((row) => [row.tenantId, row.counts])));
    },
    failure: loadFailure('The tenants could not be loaded.'),
  });
  /** Ids of tenants with a change on its way. */
  private readonly pending = new BusyKeys();
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected readonly platformFloor = signal<PolicySetting | null>(null);
  protected readonly floorLoaded = signal(false);
  protected readonly savingFloor = signal(false);
  protected readonly floorError = signal<string | null>(null);
  protected readonly floorForm = inject(NonNullableFormBuilder).group({
    method: 'off' as TwoFactorMethod,
    graceDays: [0 as number | null, graceDaysValidator],
  });
  protected readonly floorValue = toSignal(
    this.floorForm.valueChanges.pipe(
      startWith(null),
      map(() => this.floorForm.getRawValue()),
    ),
    { requireSync: true },
  );
  /** Whether the form differs from the saved platform floor. */
  protected readonly floorChanged = computed(() => {
    const { method, graceDays } = this.floorValue();
    const saved = this.platformFloor();
    const savedMethod = saved?.method ?? 'off';
    return method !== savedMethod || (method !== 'off' && graceDays !== (saved?.graceDays ?? 0));
  });

  constructor() {
    this.list.load();
    this.loadFloor();
  }

  protected loadFloor(): void {
    this.floorError.set(null);
    this.api.floor().subscribe({
      next: ({ floor }) => this.showFloor(floor),
      error: (error: unknown) =>
        this.floorError.set(`The platform floor could not be loaded. ${generalText(error)}`),
    });
  }

  protected isPending(id: string): boolean {
    return this.pending.has(id);
  }

  protected floorOf(tenant: TenantSummary): TwoFactorMethod {
    return tenant.floor?.method ?? 'off';
  }

  /** Feature switch: PATCH {twoFactorEnabled}; the toggle goes back when the API refuses. */
  protected switchFeature(tenant: TenantSummary, change: MatSlideToggleChange): void {
    const enabled = change.checked;
    this.patch(
      tenant,
      { twoFactorEnabled: enabled },
      `Two-factor sign-in is now ${enabled ? 'available' : 'switched off'} for ${tenant.name}.`,
      `Two-factor sign-in could not be switched ${enabled ? 'on' : 'off'} for ${tenant.name}.`,
      () => (change.source.checked = !enabled),
    );
  }

  /** Forcing a floor asks first (with grace days); removing it does not. The select goes back on cancel or error. */
  protected chooseFloor(tenant: TenantSummary, change: MatSelectChange<TwoFactorMethod>): void {
    const previous = this.floorOf(tenant);
    const restore = () => (change.source.value = previous);
    const method = change.value;
    if (method === 'off') {
      this.patch(
        tenant,
        { floor: null },
        `${tenant.name} no longer has a platform floor of its own.`,
        `The floor of ${tenant.name} could not be removed.`,
        restore,
      );
      return;
    }
    this.openFloorDialog(tenant, method, restore);
  }

  /** Change the grace days of the floor a tenant has. */
  protected editGrace(tenant: TenantSummary): void {
    const method = this.floorOf(tenant);
    if (method !== 'off') {
      this.openFloorDialog(tenant, method);
    }
  }

  protected toggleSuspended(tenant: TenantSummary): void {
    const suspend = !tenant.suspended;
    askToConfirm(
      this.dialog,
      suspend
        ? {
            title: `Suspend ${tenant.name}?`,
            message: `Nobody can sign in to ${tenant.name} while it is suspended. Nothing is deleted, and you can unsuspend it at any time.`,
            confirm: 'Suspend',
          }
        : {
            title: `Unsuspend ${tenant.name}?`,
            message: `The users of ${tenant.name} will be able to sign in again.`,
            confirm: 'Unsuspend',
          },
    ).subscribe((confirmed) => {
      if (confirmed) {
        this.patch(
          tenant,
          { suspended: suspend },
          `${tenant.name} is ${suspend ? 'suspended' : 'active again'}.`,
          `${tenant.name} could not be ${suspend ? 'suspended' : 'unsuspended'}.`,
        );
      }
    });
  }

  protected openCreate(): void {
    this.dialog
      .open<CreateTenantDialog, void, CreatedTenant>(CreateTenantDialog, {
        width: '480px',
        disableClose: true,
      })
      .afterClosed()
      .subscribe((created) => {
        if (!created) {
          return;
        }
        const { answer, passwordChosen } = created;
        this.tenants.update((tenants) => [
          ...tenants.filter((t) => t.id !== answer.tenant.id),
          answer.tenant,
        ]);
        this.error.set(null);
        this.notice.set(
          `Tenant ${answer.tenant.name} created.` +
            (answer.initialPassword
              ? ''
              : passwordChosen
                ? ' Its first owner signs in with the password you chose.'
                : ' Its first owner already has a Latchkey password and keeps it.'),
        );
      });
  }

  /** PUT /platform/floor, after confirming when it forces a method on every tenant. */
  protected saveFloor(): void {
    if (this.savingFloor()) {
      return;
    }
    if (this.floorForm.invalid) {
      this.floorForm.markAllAsTouched();
      return;
    }
    const { method, graceDays } = this.floorForm.getRawValue();
    const request: PlatformFloorRequest =
      method === 'off' ? { method } : { method, graceDays: graceDays ?? 0 };
    if (method === 'off') {
      this.putFloor(request);
      return;
    }
    askToConfirm(this.dialog, {
      title: `Force ${METHOD_LABELS[method]} for every tenant?`,
      message: `Every user of every tenant will need at least ${methodNeed(method)} at their next sign-in. ${graceSentence(graceDays)}`,
      confirm: `Force ${METHOD_LABELS[method]}`,
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.putFloor(request);
      }
    });
  }

  private putFloor(request: PlatformFloorRequest): void {
    this.savingFloor.set(true);
    this.floorError.set(null);
    this.api.setFloor(request).subscribe({
      next: ({ floor }) => {
        this.savingFloor.set(false);
        this.showFloor(floor);
        this.notice.set(
          floor && floor.method !== 'off'
            ? `Every tenant now requires at least ${methodNeed(floor.method)}.`
            : 'The platform floor is removed; each tenant’s own settings apply.',
        );
      },
      error: (error: unknown) => {
        this.savingFloor.set(false);
        const problem = readApiError(error);
        const unplaced =
          problem.status === 400
            ? placeFieldErrors(this.floorForm, problem.errors)
            : [generalMessage(problem)];
        this.floorError.set(
          `The platform floor was not saved. ${unplaced.length > 0 ? unplaced.join(' ') : 'Please correct the highlighted fields.'}`,
        );
      },
    });
  }

  private showFloor(floor: PolicySetting | null): void {
    this.floorLoaded.set(true);
    this.platformFloor.set(floor);
    this.floorForm.reset({ method: floor?.method ?? 'off', graceDays: floor?.graceDays ?? 0 });
  }

  private openFloorDialog(
    tenant: TenantSummary,
    method: Exclude<TwoFactorMethod, 'off'>,
    restore?: () => void,
  ): void {
    this.dialog
      .open<TenantFloorDialog, TenantFloorData, TenantSummary>(TenantFloorDialog, {
        data: { tenant, method, graceDays: tenant.floor?.graceDays ?? 0 },
        width: '480px',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) {
          this.replace(updated);
          this.error.set(null);
          this.notice.set(`Every user of ${updated.name} now needs at least ${methodNeed(method)}.`);
        } else {
          restore?.();
        }
      });
  }

  private patch(
    tenant: TenantSummary,
    request: UpdateTenantRequest,
    success: string,
    failure: string,
    undo?: () => void,
  ): void {
    this.pending.set(tenant.id, true);
    this.error.set(null);
    this.notice.set(null);
    this.api.update(tenant.id, request).subscribe({
      next: (updated) => {
        this.pending.set(tenant.id, false);
        this.replace(updated);
        this.notice.set(success);
      },
      error: (error: unknown) => {
        this.pending.set(tenant.id, false);
        undo?.();
        const problem = readApiError(error);
        const details = problem.errors.flatMap((e) => e.messages);
        this.error.set(`${failure} ${details.length > 0 ? details.join(' ') : generalMessage(problem)}`);
      },
    });
  }

  private replace(updated: TenantSummary): void {
    this.tenants.update((tenants) => tenants.map((t) => (t.id === updated.id ? updated : t)));
  }
}
