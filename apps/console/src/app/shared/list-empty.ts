import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ListLoad } from './list-bar';

/**
 * What the row of an empty list says (inside its `matNoDataRow` cell): "Loading…", that the list
 * could not be loaded, or, when there is none yet, `title` and what one is for (the content).
 */
@Component({
  selector: 'app-list-empty',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let list = load();
    @if (list.loading()) {
      Loading…
    } @else if (list.error()) {
      The list could not be loaded.
    } @else {
      <p class="empty-title">{{ title() }}</p>
      <p><ng-content /></p>
    }
  `,
  styles: `
    p {
      margin: 0 0 8px;
      max-width: 72ch;
    }
    .empty-title {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class ListEmpty {
  readonly load = input.required<ListLoad>();
  /** "No API tokens yet." */
  readonly title = input.required<string>();
}
