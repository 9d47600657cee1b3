import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { BulkAction, MAX_BULK_LOGINS } from '@latchkey/contracts';

/** The bulk actions, in the order of the bar, with their buttons' words. */
export const BULK_BUTTONS: ReadonlyArray<{ action: BulkAction; label: string }> = [
  { action: 'reset', label: 'Reset' },
  { action: 'unlock', label: 'Unlock' },
  { action: 'set-exception', label: 'Set exception' },
  { action: 'clear-exception', label: 'Clear exception' },
  { action: 'sign-out', label: 'Sign out' },
];

/**
 * The bar the Users page shows while logins are ticked: how many, the bulk actions, "Apply to
 * all N filtered" (off, and why, above what one action takes) and "Clear selection".
 */
@Component({
  selector: 'app-bulk-bar',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar" role="region" aria-label="Selected users" data-testid="bulk-bar">
      <span class="count" data-testid="bulk-count" aria-live="polite">{{ countText() }}</span>
      <div class="actions">
        @for (button of buttons; track button.action) {
          <button
            mat-stroked-button
            type="button"
            (click)="act.emit(button.action)"
            [attr.data-testid]="'bulk-' + button.action"
          >
            {{ button.label }}
          </button>
        }
      </div>
      <span class="spacer"></span>
      @if (!allFiltered() && filteredTotal() > selected()) {
        <button
          mat-button
          type="button"
          [disabled]="tooMany()"
          [attr.aria-describedby]="tooMany() ? 'bulk-too-many' : null"
          (click)="selectAllFiltered.emit()"
          data-testid="bulk-all-filtered"
        >
          Apply to all {{ filteredTotal() }} filtered
        </button>
        @if (tooMany()) {
          <span id="bulk-too-many" class="note" data-testid="bulk-too-many">
            One action takes at most {{ max }} logins: narrow the filters to act on all of them.
          </span>
        }
      }
      <button mat-button type="button" (click)="clear.emit()" data-testid="bulk-clear">
        Clear selection
      </button>
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      padding: 8px 12px;
      margin-bottom: 8px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .count {
      font: var(--mat-sys-title-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .spacer {
      flex: 1 1 0;
    }
    .note {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class BulkBar {
  /** Logins ticked. */
  readonly selected = input.required<number>();
  /** Logins the filters find, on every page. */
  readonly filteredTotal = input.required<number>();
  /** The action is for the whole filtered set. */
  readonly allFiltered = input.required<boolean>();

  readonly act = output<BulkAction>();
  readonly selectAllFiltered = output<void>();
  readonly clear = output<void>();

  protected readonly buttons = BULK_BUTTONS;
  protected readonly max = MAX_BULK_LOGINS;
  protected readonly tooMany = computed(() => this.filteredTotal() > MAX_BULK_LOGINS);
  protected readonly countText = computed(() =>
    this.allFiltered() ? `All ${this.filteredTotal()} filtered` : `${this.selected()} selected`,
  );
}
