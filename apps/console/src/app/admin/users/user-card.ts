import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatMenuPanel, MatMenuTrigger } from '@angular/material/menu';
import { METHOD_LABELS, UserRow } from '@latchkey/contracts';

/**
 * One login on a phone's narrow screen, in place of the table's row: its name (which opens its
 * details), email, user type, method and status, a box to tick it, and the row's menu (`menu`,
 * the page's, opened with `{ user }`).
 */
@Component({
  selector: 'app-user-card',
  imports: [MatCheckbox, MatIconButton, MatMenuTrigger],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-checkbox
      [checked]="selected()"
      (change)="selectedChange.emit()"
      [aria-label]="'Select ' + user().displayName"
      data-testid="select-row"
    />
    <div class="body">
      <button
        type="button"
        class="name-link"
        #nameButton
        (click)="details.emit(nameButton)"
        [attr.aria-label]="'Details of ' + user().displayName"
        data-testid="user-name"
      >
        {{ user().displayName }}
      </button>
      <div class="email" data-testid="user-email">{{ user().email }}</div>
      <div class="facts">
        <span data-testid="user-type">{{ user().userTypeName }}</span>
        <span data-testid="effective-method">{{ labels[user().effective.method] }}</span>
        @if (user().exception; as exception) {
          <span class="chip" data-testid="exception-badge">Exception: {{ labels[exception] }}</span>
        }
        <span data-testid="user-status" [class.locked]="user().locked">{{ status() }}</span>
      </div>
    </div>
    <button
      mat-icon-button
      type="button"
      [matMenuTriggerFor]="menu()"
      [matMenuTriggerData]="{ user: user() }"
      (click)="menuOpened.emit($event.currentTarget)"
      [disabled]="busy()"
      [attr.aria-label]="'More actions for ' + user().displayName"
      data-testid="row-menu"
    >
      <span aria-hidden="true" class="dots">⋮</span>
    </button>
  `,
  styleUrl: './user-card.scss',
})
export class UserCard {
  readonly user = input.required<UserRow>();
  readonly menu = input.required<MatMenuPanel>();
  readonly selected = input.required<boolean>();
  /** A call on this login is under way: its menu waits. */
  readonly busy = input(false);

  readonly selectedChange = output<void>();
  /** The name was pressed: the element to give focus back to when the details close. */
  readonly details = output<HTMLElement>();
  /** The menu's button was pressed (the element focus goes back to after the menu's dialog). */
  readonly menuOpened = output<EventTarget | null>();

  protected readonly labels = METHOD_LABELS;

  protected status(): string {
    const user = this.user();
    if (!user.active) return 'Deactivated';
    if (user.locked) return 'Locked';
    return user.enrolled ? 'Enrolled' : 'Not enrolled';
  }
}
