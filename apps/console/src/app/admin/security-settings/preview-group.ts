import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  METHOD_LABELS,
  Page,
  PolicyPreviewRequest,
  PreviewGroupCount,
  PreviewGroupName,
  PreviewLoginRow,
} from '@latchkey/contracts';
import { Subscription } from 'rxjs';
import { ErrorLine } from '../../shared/error-line';
import { problemText } from '../../shared/problem-text';
import { SecuritySettingsApi } from './security-settings-api';

/** The names of a preview's groups, as headings. */
export const PREVIEW_GROUP_TITLES: Record<PreviewGroupName, string> = {
  'must-enrol': 'Must enrol: asked for a factor they do not have yet',
  'already-compliant': 'Asked for more, and already have it',
  relaxed: 'Asked for less',
  'browsers-forgotten': 'Remembered browsers forgotten',
};

let nextId = 0;

/** Names a group shows at a time. */
export const PREVIEW_PAGE_SIZE = 10;

/**
 * One group of the policy preview: its count, or why it is empty; opened, the logins in it by
 * name, a page at a time (fetched only when opened or paged), each with its user type's link to
 * the Users page and the change of its method.
 */
@Component({
  selector: 'app-preview-group',
  imports: [ErrorLine, MatButton, MatPaginator, MatProgressBar, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './preview-group.html',
  styleUrl: './preview-group.scss',
})
export class PreviewGroup {
  private readonly api = inject(SecuritySettingsApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly tenantId = input.required<string>();
  readonly group = input.required<PreviewGroupName>();
  readonly counted = input.required<PreviewGroupCount>();
  /** The changes the preview was asked for: the names are asked for the same. */
  readonly request = input.required<PolicyPreviewRequest>();

  protected readonly labels = METHOD_LABELS;
  protected readonly pageSize = PREVIEW_PAGE_SIZE;
  protected readonly namesId = `preview-names-${nextId++}`;
  protected readonly title = computed(() => PREVIEW_GROUP_TITLES[this.group()]);
  protected readonly open = signal(false);
  protected readonly names = signal<Page<PreviewLoginRow> | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private call: Subscription | null = null;

  protected toggle(): void {
    const opening = !this.open();
    this.open.set(opening);
    if (opening && this.names() === null && !this.loading()) {
      this.load(1);
    }
  }

  protected paged(event: PageEvent): void {
    this.load(event.pageIndex + 1);
  }

  protected retry(): void {
    this.load(this.names()?.page ?? 1);
  }

  protected change(row: PreviewLoginRow): string {
    return row.before === row.after
      ? this.labels[row.after]
      : `${this.labels[row.before]} → ${this.labels[row.after]}`;
  }

  private load(page: number): void {
    this.call?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.call = this.api
      .previewLogins(this.tenantId(), {
        ...this.request(),
        group: this.group(),
        page,
        pageSize: PREVIEW_PAGE_SIZE,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (names) => {
          this.loading.set(false);
          this.names.set(names);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.error.set(`The names could not be loaded: ${problemText(error)}`);
        },
      });
  }
}
