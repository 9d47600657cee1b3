import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { PlatformOverview, emptyCounts } from '@latchkey/contracts';
import { DateTimePipe } from '../../shared/date-time';
import { PageLoad, loadFailure } from '../../shared/page-load';
import { TableFrame } from '../../shared/table-frame';
import { EnrolmentRow } from './enrolment-columns';
import { EnrolmentTable } from './enrolment-table';
import { OverviewApi } from './overview-api';

/** Where a tenant's name leads: the Tenants page (a super user has no Users page of a tenant). */
export const TENANTS_PATH = '/platform/tenants';

/**
 * The super user's home: the same numbers per tenant and in all (one call: the platform's
 * overview). A tenant's name opens the Tenants page; its numbers link nowhere.
 */
@Component({
  selector: 'app-platform-overview',
  imports: [DateTimePipe, EnrolmentTable, TableFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="platform-overview-title">
      <h2 id="platform-overview-title" class="section-title">Second factors by tenant</h2>
      @if (overview(); as overview) {
        <p class="hint" data-testid="overview-at">Active logins, counted {{ overview.at | dateTime }}.</p>
      }
      <app-table-frame
        [loading]="load.loading()"
        [loadError]="load.error()"
        errorTestId="overview-error"
        retryTestId="overview-retry"
        (retry)="load.load()"
        regionLabel="Second factors by tenant"
        loadingLabel="Loading the platform's numbers"
      >
        @if (overview(); as overview) {
          @if (rows().length > 0) {
            <app-enrolment-table
              [rows]="rows()"
              [totals]="totals()"
              nameHeader="Tenant"
              label="Second factors by tenant"
            />
          } @else {
            <div class="empty" data-testid="overview-empty">
              <p class="empty-title">No tenants yet.</p>
              <p>Create the first one on the Tenants page; its numbers then appear here.</p>
            </div>
          }
        } @else if (load.loading()) {
          <p class="empty">Loading…</p>
        }
      </app-table-frame>
    </section>
  `,
  styleUrl: './overview-section.scss',
})
export class PlatformOverviewSection {
  private readonly api = inject(OverviewApi);

  protected readonly overview = signal<PlatformOverview | null>(null);
  protected readonly load = new PageLoad({
    fetch: () => this.api.platform(),
    next: (overview) => this.overview.set(overview),
    failure: loadFailure("The platform's numbers could not be loaded."),
  });

  protected readonly rows = computed<EnrolmentRow[]>(() =>
    (this.overview()?.tenants ?? []).map((tenant) => ({
      id: tenant.tenantId,
      name: tenant.tenantName,
      counts: tenant.counts,
      filter: null,
      nameLink: TENANTS_PATH,
    })),
  );
  protected readonly totals = computed<EnrolmentRow>(() => ({
    id: 'total',
    name: 'All tenants',
    counts: this.overview()?.totals ?? emptyCounts(),
    filter: null,
    nameLink: null,
  }));

  constructor() {
    this.load.load();
  }
}
