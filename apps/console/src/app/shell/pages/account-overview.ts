import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AccountOverview, emptyCounts } from '@latchkey/contracts';
import { SessionStore } from '../../core/session-store';
import { DateTimePipe } from '../../shared/date-time';
import { ownerLoad } from '../../shared/owner-load';
import { TableFrame } from '../../shared/table-frame';
import { EnrolmentRow } from './enrolment-columns';
import { EnrolmentTable } from './enrolment-table';
import { OverviewApi } from './overview-api';

/**
 * The owner's home: per user type, who must use which method and where they stand, each number
 * a link to the Users page filtered to the same logins (one call: the account's overview).
 */
@Component({
  selector: 'app-account-overview',
  imports: [DateTimePipe, EnrolmentTable, RouterLink, TableFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="account-overview-title">
      <h2 id="account-overview-title" class="section-title">Second factors by user type</h2>
      @if (overview(); as overview) {
        <p class="hint" data-testid="overview-at">
          Active logins, counted {{ overview.at | dateTime }}. Each number opens the users it counts.
        </p>
      }
      <app-table-frame
        [loading]="load.loading()"
        [loadError]="load.error()"
        [canRetry]="canRetry"
        errorTestId="overview-error"
        retryTestId="overview-retry"
        (retry)="load.load()"
        regionLabel="Second factors by user type"
        loadingLabel="Loading the account's numbers"
      >
        @if (overview(); as overview) {
          @if (rows().length > 0) {
            <app-enrolment-table
              [rows]="rows()"
              [totals]="totals()"
              nameHeader="User type"
              label="Second factors by user type"
            />
          } @else {
            <div class="empty" data-testid="overview-empty">
              <p class="empty-title">No user types yet.</p>
              <p>
                Every login belongs to a user type, which decides the second factor it must use. Add one in
                <a routerLink="/admin/security-settings">Security settings</a>; its numbers then appear here.
              </p>
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
export class AccountOverviewSection {
  private readonly api = inject(OverviewApi);
  private readonly tenantId = inject(SessionStore).me()?.tenantId ?? null;
  protected readonly canRetry = this.tenantId !== null;

  protected readonly overview = signal<AccountOverview | null>(null);
  protected readonly load = ownerLoad(this.tenantId, {
    fetch: (tenantId) => this.api.account(tenantId),
    next: (overview) => this.overview.set(overview),
    failed: "The account's numbers could not be loaded.",
    ownersOnly: "The account's numbers are for account owners.",
  });

  protected readonly rows = computed<EnrolmentRow[]>(() =>
    (this.overview()?.userTypes ?? []).map((type) => ({
      id: type.userTypeId,
      name: type.userTypeName,
      counts: type.counts,
      filter: { userTypeId: type.userTypeId },
      nameLink: null,
    })),
  );
  protected readonly totals = computed<EnrolmentRow>(() => ({
    id: 'total',
    name: 'All user types',
    counts: this.overview()?.totals ?? emptyCounts(),
    filter: {},
    nameLink: null,
  }));

  constructor() {
    this.load.load();
  }
}
