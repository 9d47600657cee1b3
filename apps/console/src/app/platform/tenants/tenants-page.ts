import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSlideToggle, MatSlideToggleChange } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { EnrolmentCounts, METHOD_LABELS, TenantSummary, UpdateTenantRequest } from '@latchkey/contracts';
import { forkJoin, map } from 'rxjs';
import { BusyKeys } from '../../shared/busy-keys';
import { askToConfirm } from '../../shared/confirm-dialog';
import { DateTimePipe } from '../../shared/date-time';
import { ErrorLine } from '../../shared/error-line';
import { PageLoad, loadFailure } from '../../shared/page-load';
import { generalText } from '../../shared/problem-text';
import { TableFrame } from '../../shared/table-frame';
import { CreateTenantDialog, CreatedTenant } from './create-tenant-dialog';
import { FloorEditor } from './floor-editor';
import { FloorForm } from './floor-form';
import { floorText, graceSentence, methodNeed } from './floor-methods';
import { patchFailure } from './patch-failure';
import { TenantsApi } from './tenants-api';

/**
 * Platform → Tenants: the floor for every tenant, and per tenant its feature switch, floor,
 * suspension and counts; a tenant's name opens its page (tenant-detail-page.ts), where its floor
 * is changed.
 */
@Component({
  selector: 'app-tenants-page',
  imports: [
    ErrorLine,
    DateTimePipe,
    RouterLink,
    MatButton,
    MatSlideToggle,
    MatTableModule,
    TableFrame,
    FloorForm,
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
  protected readonly floorText = floorText;
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

  /** The floor for every tenant: PUT /platform/floor, after confirming when it forces a method. */
  protected readonly platformFloor = new FloorEditor({
    confirm: (method, graceDays) => ({
      title: `Force ${METHOD_LABELS[method]} for every tenant?`,
      message: `Every user of every tenant will need at least ${methodNeed(method)} at their next sign-in. ${graceSentence(graceDays)}`,
      confirm: `Force ${METHOD_LABELS[method]}`,
    }),
    save: (method, graceDays) =>
      this.api
        .setFloor(method === 'off' ? { method } : { method, graceDays })
        .pipe(map(({ floor }) => floor)),
    failure: 'The platform floor was not saved.',
    saved: (floor) =>
      this.notice.set(
        floor && floor.method !== 'off'
          ? `Every tenant now requires at least ${methodNeed(floor.method)}.`
          : 'The platform floor is removed; each tenant’s own settings apply.',
      ),
  });

  constructor() {
    this.list.load();
    this.loadFloor();
  }

  protected loadFloor(): void {
    this.platformFloor.error.set(null);
    this.api.floor().subscribe({
      next: ({ floor }) => this.platformFloor.show(floor),
      error: (error: unknown) =>
        this.platformFloor.error.set(`The platform floor could not be loaded. ${generalText(error)}`),
    });
  }

  protected isPending(id: string): boolean {
    return this.pending.has(id);
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

  /** Escape and Cancel close it like any dialog (the dialog itself holds it while a password shows). */
  protected openCreate(): void {
    this.dialog
      .open<CreateTenantDialog, void, CreatedTenant>(CreateTenantDialog, { width: '480px' })
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
        this.tenants.update((tenants) => tenants.map((t) => (t.id === updated.id ? updated : t)));
        this.notice.set(success);
      },
      error: (error: unknown) => {
        this.pending.set(tenant.id, false);
        undo?.();
        this.error.set(`${failure} ${patchFailure(error)}`);
      },
    });
  }
}
