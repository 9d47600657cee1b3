import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { SignInAnswer } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';

/** Days the API lets this browser skip the code or PIN of the current step; 0 when it may not. */
export function rememberDaysOf(answer: SignInAnswer | null): number {
  if (answer?.state !== 'totp' && answer?.state !== 'pin') {
    return 0;
  }
  const days = answer.rememberDays ?? 0;
  return days > 0 ? days : 0;
}

/** "Remember this browser for 30 days" */
export function rememberLabel(days: number): string {
  return `Remember this browser for ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * "Remember this browser" on the code and PIN steps, offered for the days the user type allows
 * (not at all for none). Outside the step's form: a wrong code clears the field, not this choice.
 */
@Component({
  selector: 'app-remember-browser',
  imports: [ReactiveFormsModule, MatCheckbox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (days() > 0) {
      <mat-checkbox [formControl]="choice" data-testid="remember-browser">{{ label() }}</mat-checkbox>
    }
  `,
})
export class RememberBrowser {
  private readonly session = inject(SessionStore);

  protected readonly days = computed(() => rememberDaysOf(this.session.answer()));
  protected readonly label = computed(() => rememberLabel(this.days()));
  protected readonly choice = new FormControl(false, { nonNullable: true });

  /** Whether to ask the API to remember this browser: offered, and chosen. */
  wanted(): boolean {
    return this.days() > 0 && this.choice.value;
  }
}
