import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import {
  BulkAction,
  BulkAnswer,
  BulkRequest,
  METHOD_LABELS,
  TwoFactorMethod,
  UserFilter,
} from '@latchkey/contracts';
import { Observable } from 'rxjs';
import { DIALOG_PARTS } from '../../shared/dialog-parts';
import { METHODS_STRONGEST_FIRST } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { Submission } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { UsersApi } from './users-api';

/** Which logins a bulk action takes: the ticked ones, or every one the filters find. */
export type BulkTarget = { loginIds: string[] } | { filter: UserFilter };

export interface BulkConfirmData {
  tenantId: string;
  action: BulkAction;
  target: BulkTarget;
  /** How many logins that is (the filtered set's total as the list last said). */
  count: number;
}

const logins = (n: number) => `${n} ${n === 1 ? 'login' : 'logins'}`;

/** Each action's question, what it does to each login, and its button. */
const WORDS: Record<
  BulkAction,
  { title: (n: string) => string; does: (who: string) => string; confirm: string }
> = {
  reset: {
    title: (n) => `Reset the second factor of ${n}?`,
    does: (who) =>
      `Each of ${who} loses every authenticator app, the PIN, the backup codes and remembered ` +
      'browsers, and is signed out everywhere; at their next sign-in they set up their second factor ' +
      'again. When the account uses handover codes, they are shown once afterwards.',
    confirm: 'Reset',
  },
  unlock: {
    title: (n) => `Unlock ${n}?`,
    does: (who) => `The lock of each of ${who} is lifted: they can sign in again at once.`,
    confirm: 'Unlock',
  },
  'set-exception': {
    title: (n) => `Set an exception for ${n}`,
    does: (who) =>
      `The method you choose replaces the user type's policy for each of ${who}, up or down. A ` +
      'login it would take below a floor’s minimum is refused and keeps its method.',
    confirm: 'Set exception',
  },
  'clear-exception': {
    title: (n) => `Clear the exception of ${n}?`,
    does: (who) => `Each of ${who} follows their user type's policy again.`,
    confirm: 'Clear exception',
  },
  'sign-out': {
    title: (n) => `Sign out ${n}?`,
    does: (who) =>
      `Each of ${who} is signed out everywhere at once: this console and every application they ` +
      'signed in to through Latchkey. They can sign in again.',
    confirm: 'Sign out',
  },
};

/**
 * A bulk action's confirmation: names how many logins and what happens to each, asks the method
 * of an exception, then sends it. Closes with the API's answer per login.
 */
@Component({
  selector: 'app-bulk-confirm-dialog',
  imports: [DIALOG_PARTS, SubmitActions, MatRadioGroup, MatRadioButton, MatCheckbox, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title data-testid="bulk-confirm-title">{{ words.title(count) }}</h2>
    <mat-dialog-content>
      <p data-testid="bulk-confirm-message">{{ words.does(who) }}</p>
      @if (data.action === 'set-exception') {
        <mat-radio-group
          class="options"
          aria-label="Method of the exception"
          [value]="method()"
          (change)="method.set($event.value)"
        >
          @for (m of methods; track m) {
            <mat-radio-button [value]="m" data-testid="bulk-method">{{ labels[m] }}</mat-radio-button>
          }
        </mat-radio-group>
        <mat-checkbox
          [checked]="signOut()"
          (change)="signOut.set($event.checked)"
          data-testid="bulk-sign-out"
        >
          Sign them out now when it raises their method
        </mat-checkbox>
      }
      <app-error-line [message]="sending.error()" testId="bulk-error" />
      @if (sending.busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Working" />
      }
    </mat-dialog-content>
    <mat-dialog-actions
      align="end"
      [appSubmitActions]="sending"
      holdCancel
      [submits]="false"
      [disabled]="!canSend()"
      (send)="send()"
      submitTestId="bulk-confirm"
      cancelTestId="bulk-cancel"
    >
      {{ words.confirm }}
    </mat-dialog-actions>
  `,
  styles: `
    .options {
      display: flex;
      flex-direction: column;
      margin: 8px 0;
    }
  `,
})
export class BulkConfirmDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<BulkConfirmDialog, BulkAnswer>>(MatDialogRef);
  protected readonly data = inject<BulkConfirmData>(MAT_DIALOG_DATA);

  protected readonly words = WORDS[this.data.action];
  protected readonly count = logins(this.data.count);
  protected readonly who =
    'loginIds' in this.data.target ? `the ${this.count} selected` : `all ${this.count} the filters find`;
  protected readonly methods = METHODS_STRONGEST_FIRST;
  protected readonly labels = METHOD_LABELS;
  protected readonly method = signal<TwoFactorMethod | null>(null);
  protected readonly signOut = signal(false);
  protected readonly sending = new Submission();
  protected readonly canSend = computed(() => this.data.action !== 'set-exception' || this.method() !== null);

  protected send(): void {
    if (!this.canSend() || !this.sending.ready()) {
      return;
    }
    const request: BulkRequest = { action: this.data.action, ...this.data.target };
    const method = this.method();
    if (this.data.action === 'set-exception' && method) {
      request.method = method;
      request.signOut = this.signOut();
    }
    this.sending.send(this.api.bulk(this.data.tenantId, request), {
      next: (answer) => this.ref.close(answer),
      error: problemText,
      keepBusy: true,
    });
  }
}

/** Ask, and send once confirmed: the API's answer, or nothing when cancelled. */
export function confirmBulk(dialog: MatDialog, data: BulkConfirmData): Observable<BulkAnswer | undefined> {
  return dialog
    .open<BulkConfirmDialog, BulkConfirmData, BulkAnswer>(BulkConfirmDialog, { data, width: '520px' })
    .afterClosed();
}
