import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatSlideToggle, MatSlideToggleChange } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  ApplicationView,
  EnrolmentCounts,
  METHOD_LABELS,
  TenantOwnerRow,
  TenantSummary,
} from '@latchkey/contracts';
import { forkJoin, map, tap } from 'rxjs';
import { DateTimePipe } from '../../shared/date-time';
import { ErrorLine } from '../../shared/error-line';
import { PageLoad, loadFailure } from '../../shared/page-load';
import { TableFrame } from '../../shared/table-frame';
import { FloorEditor } from './floor-editor';
import { FloorForm } from './floor-form';
import { graceSentence, methodNeed } from './floor-methods';
import { patchFailure } from './patch-failure';
import { TenantsApi } from './tenants-api';

/** One number of the tenant's, with its words and test id. */
interface TenantNumber {
  label: string;
  value: number | null;
  testId: string;
}

/**
 * Platform → Tenants → one tenant (`/platform/tenants/:tenantId`): its status, its owners, where its
 * logins stand (its row of the platform's overview), its 2FA feature switch, its floor (saved as
 * the platform floor is: Save, then a confirmation) and its applications.
 */
@Component({
  selector: 'app-tenant-detail-page',
  imports: [
    RouterLink,
    MatButton,
    MatSlideToggle,
    MatTableModule,
    DateTimePipe,
    ErrorLine,
    TableFrame,
    FloorForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-detail-page.html',
  styleUrl: './tenant-detail-page.scss',
})
export class TenantDetailPage {
  private readonly api = inject(TenantsApi);

  /** The route's `:tenantId`, bound by the router. */
  readonly tenantId = input.required<string>();

  protected readonly tenant = signal<TenantSummary | null>(null);
  protected readonly enrolment = signal<EnrolmentCounts | null>(null);
  /** The tenant is not among the platform's (a stale link). */
  protected readonly unknown = signal(false);
  protected readonly page = new PageLoad({
    fetch: () => forkJoin({ tenants: this.api.list(), overview: this.api.overview() }),
    next: ({ tenants, overview }) => {
      const id = this.tenantId();
      const tenant = tenants.find((t) => t.id === id) ?? null;
      this.tenant.set(tenant);
      this.unknown.set(tenant === null);
      this.enrolment.set(overview.tenants.find((row) => row.tenantId === id)?.counts ?? null);
      this.floor.show(tenant?.floor ?? null);
    },
    failure: loadFailure('The tenant could not be loaded.'),
  });

  protected readonly applications = signal<ApplicationView[]>([]);
  protected readonly apps = new PageLoad({
    fetch: () => this.api.applications(),
    next: (all) => this.applications.set(all.filter((app) => app.tenantId === this.tenantId())),
    failure: loadFailure('The applications could not be loaded.'),
  });
  protected readonly appColumns = ['name', 'kind', 'users', 'created'];

  protected readonly owners = signal<TenantOwnerRow[]>([]);
  protected readonly ownersLoad = new PageLoad({
    fetch: () => this.api.owners(this.tenantId()),
    next: (owners) => this.owners.set(owners),
    failure: loadFailure('The owners could not be loaded.'),
  });

  protected readonly numbers = computed<TenantNumber[]>(() => {
    const counts = this.enrolment();
    const of = (value: number | undefined): number | null => value ?? null;
    return [
      { label: 'Logins', value: of(counts?.logins), testId: 'detail-logins' },
      { label: 'Enrolled', value: of(counts?.enrolled), testId: 'detail-enrolled' },
      { label: 'In grace', value: of(counts?.inGrace), testId: 'detail-in-grace' },
      { label: 'Overdue', value: of(counts?.overdue), testId: 'detail-overdue' },
      { label: 'Locked', value: of(counts?.locked), testId: 'detail-locked' },
      { label: 'User types', value: of(this.tenant()?.counts.userTypes), testId: 'detail-user-types' },
    ];
  });

  protected readonly switching = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  /** The tenant's floor: PATCH {floor, floorGraceDays}, after confirming when it forces a method. */
  protected readonly floor = new FloorEditor({
    confirm: (method, graceDays) => {
      const name = this.tenant()?.name ?? 'this tenant';
      return {
        title: `Force ${METHOD_LABELS[method]} for ${name}?`,
        message: `Every user of ${name} will need at least ${methodNeed(method)} at their next sign-in. ${graceSentence(graceDays)}`,
        confirm: `Force ${METHOD_LABELS[method]}`,
      };
    },
    save: (method, graceDays) =>
      this.api
        .update(
          this.tenantId(),
          method === 'off' ? { floor: null } : { floor: method, floorGraceDays: graceDays },
        )
        .pipe(
          tap((tenant) => this.tenant.set(tenant)),
          map((tenant) => tenant.floor),
        ),
    failure: 'The floor was not saved.',
    aliases: { floor: 'method', floorGraceDays: 'graceDays' },
    saved: (floor) => {
      const name = this.tenant()?.name ?? 'The tenant';
      this.error.set(null);
      this.notice.set(
        floor && floor.method !== 'off'
          ? `Every user of ${name} now needs at least ${methodNeed(floor.method)}.`
          : `${name} no longer has a platform floor of its own.`,
      );
    },
  });

  constructor() {
    // The same page serves another tenant when only the id changes: load again.
    effect(() => {
      this.tenantId();
      untracked(() => {
        this.notice.set(null);
        this.error.set(null);
        this.page.load();
        this.apps.load();
        this.ownersLoad.load();
      });
    });
  }

  /** Feature switch: PATCH {twoFactorEnabled}; the toggle goes back when the API refuses. */
  protected switchFeature(tenant: TenantSummary, change: MatSlideToggleChange): void {
    const enabled = change.checked;
    this.switching.set(true);
    this.notice.set(null);
    this.error.set(null);
    this.api.update(tenant.id, { twoFactorEnabled: enabled }).subscribe({
      next: (updated) => {
        this.switching.set(false);
        this.tenant.set(updated);
        this.notice.set(
          `Two-factor sign-in is now ${enabled ? 'available' : 'switched off'} for ${updated.name}.`,
        );
      },
      error: (error: unknown) => {
        this.switching.set(false);
        change.source.checked = !enabled;
        this.error.set(
          `Two-factor sign-in could not be switched ${enabled ? 'on' : 'off'} for ${tenant.name}. ${patchFailure(error)}`,
        );
      },
    });
  }

  protected kindOf(app: ApplicationView): string {
    return app.kind === 'public' ? 'Public (no secret)' : 'Confidential (with a secret)';
  }

  protected usersOf(app: ApplicationView): string {
    const types = app.allowedUserTypeIds;
    if (types === null) {
      return 'Every user type';
    }
    return `${types.length} user type${types.length === 1 ? '' : 's'}`;
  }
}
