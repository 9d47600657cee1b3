import { ChangeDetectionStrategy, Component, Signal, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** What a list bar or an empty row reads of a page's load (a `PageLoad`). */
export interface ListLoad {
  readonly loading: Signal<boolean>;
  readonly error: Signal<string | null>;
}

/**
 * The bar above the table of a page that adds to its list (an API token, an application): how many
 * there are ("3 tokens", or "Loading…"), and the button that adds one (its label is the content),
 * off while the list loads or after it failed.
 *
 * `<app-list-bar [load]="list" [count]="tokens().length" one="token" many="tokens"
 * countTestId="tokens-count" actionTestId="make-token" (act)="make()">Make API token</app-list-bar>`
 */
@Component({
  selector: 'app-list-bar',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let list = load();
    <div class="bar">
      <h2 class="section-title" [attr.data-testid]="countTestId()">
        {{ list.loading() ? 'Loading…' : count() + ' ' + (count() === 1 ? one() : many()) }}
      </h2>
      <button
        mat-flat-button
        type="button"
        [disabled]="list.loading() || !!list.error()"
        (click)="act.emit()"
        [attr.data-testid]="actionTestId()"
      >
        <ng-content />
      </button>
    </div>
  `,
  // The bar and its title as every table page has them.
  styles: `
    @use './styles/table-page';
  `,
})
export class ListBar {
  readonly load = input.required<ListLoad>();
  readonly count = input.required<number>();
  /** What one is called ("token"), and more than one ("tokens"). */
  readonly one = input.required<string>();
  readonly many = input.required<string>();
  readonly countTestId = input.required<string>();
  readonly actionTestId = input.required<string>();
  readonly act = output<void>();
}
