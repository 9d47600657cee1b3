import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';

/**
 * The frame around a page's table (projected inside it): the failed load with "Try again" above
 * it, and while loading a progress bar at its top. With `regionLabel`, the frame is a focusable,
 * named region, so that keyboard users can scroll a wide table sideways.
 */
@Component({
  selector: 'app-table-frame',
  imports: [MatButton, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loadError(); as message) {
      <div class="lk-error load-error" role="alert" [attr.data-testid]="errorTestId()">
        <span>{{ message }}</span>
        @if (canRetry()) {
          <button mat-button type="button" (click)="retry.emit()" [attr.data-testid]="retryTestId()">
            Try again
          </button>
        }
      </div>
    }
    <div
      class="table-wrap"
      [attr.role]="regionLabel() ? 'region' : null"
      [attr.aria-label]="regionLabel()"
      [attr.tabindex]="regionLabel() ? 0 : null"
      [attr.aria-busy]="loading()"
    >
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
      }
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .load-error {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);

      &:focus-visible {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: 2px;
      }
    }
  `,
})
export class TableFrame {
  readonly loading = input.required<boolean>();
  /** Why the table could not be filled; null hides the line. */
  readonly loadError = input<string | null>(null);
  readonly errorTestId = input<string | null>(null);
  /** Whether "Try again" can help (not when there is nothing to load). */
  readonly canRetry = input(true);
  readonly retryTestId = input<string | null>(null);
  /** Names the table's scrolling region; absent, the frame is no region. */
  readonly regionLabel = input<string | null>(null);
  /** The progress bar's name: "Loading the locked logins". */
  readonly loadingLabel = input.required<string>();
  readonly retry = output<void>();
}
