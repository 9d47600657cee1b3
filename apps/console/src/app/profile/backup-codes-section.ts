import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { FEW_BACKUP_CODES } from '@latchkey/contracts';
import { codeFormat, normaliseCode } from '../shared/code-format';
import { AuthenticatorCode } from '../shared/enrolment/authenticator-code';
import { BackupCodesDialog, BackupCodesDialogData } from './backup-codes-dialog';
import { FormCall } from './form-call';
import { ProfileApi } from './profile-api';
import { remainingText } from './security-text';

/** Few enough backup codes left to suggest a new set (the sign-in warns from the same count). */
export const LOW_BACKUP_CODES = FEW_BACKUP_CODES;

/**
 * Profile → Security → Backup codes (under the page's heading): how many are left, and a new set
 * for a code from the app, shown once in a dialog.
 */
@Component({
  selector: 'app-backup-codes-section',
  imports: [ReactiveFormsModule, MatButton, AuthenticatorCode],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p data-testid="backup-remaining" [class.lk-notice]="low()">
      {{ remainingLine() }}
      @if (low()) {
        Make a new set before you run out.
      }
    </p>
    <p class="muted">
      Each backup code works once, in place of a code from your app. A new set replaces every earlier code.
    </p>
    @if (regenerating()) {
      <form [formGroup]="form" (ngSubmit)="regenerate()" novalidate>
        @if (call.error(); as message) {
          <p class="lk-error" role="alert" data-testid="regenerate-error">{{ message }}</p>
        }
        <app-authenticator-code
          label="Code from your app"
          requiredText="Enter the code your app shows now."
          [control]="form.controls.code"
          testId="regenerate-code"
          hint="Proves it is you: the 6 digits your app shows now."
        />
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="call.busy()" data-testid="regenerate-submit">
            Make new codes
          </button>
          <button mat-button type="button" [disabled]="call.busy()" (click)="cancel()">Cancel</button>
        </div>
      </form>
    } @else {
      <button mat-stroked-button type="button" (click)="start()" data-testid="regenerate-backup-codes">
        Regenerate
      </button>
    }
  `,
  styleUrl: './profile-section.scss',
})
export class BackupCodesSection {
  private readonly api = inject(ProfileApi);
  private readonly dialog = inject(MatDialog);

  readonly remaining = input.required<number>();
  /** A new set was made: how many codes it has. */
  readonly renewed = output<number>();

  protected readonly low = computed(() => this.remaining() <= LOW_BACKUP_CODES);
  protected readonly remainingLine = computed(() => remainingText(this.remaining()));
  protected readonly regenerating = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, codeFormat('app')]],
  });
  protected readonly call = new FormCall(this.form);

  protected start(): void {
    this.call.error.set(null);
    this.regenerating.set(true);
  }

  protected cancel(): void {
    this.regenerating.set(false);
    this.call.error.set(null);
    this.form.reset();
  }

  protected regenerate(): void {
    const code = normaliseCode('app', this.form.controls.code.value);
    this.call.send(
      () => this.api.regenerateBackupCodes({ code }),
      ({ backupCodes }) => {
        this.regenerating.set(false);
        this.form.reset();
        this.renewed.emit(backupCodes.length);
        // Shown this once, in a dialog only "I have saved them" closes; the page never keeps them.
        this.dialog.open<BackupCodesDialog, BackupCodesDialogData>(BackupCodesDialog, {
          data: { codes: backupCodes },
          disableClose: true,
          width: '520px',
        });
      },
    );
  }
}
