import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { FEW_BACKUP_CODES } from '@latchkey/contracts';
import { focusAfterRender } from '../core/focus-after-render';

/** "9 backup codes left", "1 backup code left", "No backup codes left". */
export function backupCodesLeftText(left: number): string {
  if (left <= 0) {
    return 'No backup codes left.';
  }
  return `${left} backup code${left === 1 ? '' : 's'} left.`;
}

/**
 * After a sign-in with a backup code, before going on: how many codes are left, with a warning
 * to make a new set once they are few (`FEW_BACKUP_CODES` or fewer). Its title takes the focus,
 * since the form it replaces (and its focused button) is gone.
 */
@Component({
  selector: 'app-backup-codes-left',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title" #title tabindex="-1">You are signed in with a backup code</h1>
    <p class="intro" data-testid="backup-codes-left">That code no longer works. {{ leftText() }}</p>
    @if (few()) {
      <p class="lk-notice" role="status" data-testid="backup-codes-few">
        @if (left() <= 0) {
          You have no backup codes left.
        } @else {
          Only {{ left() }} left.
        }
        Make a new set now under Profile → Security → Backup codes, so you are not locked out if you lose your
        phone.
      </p>
    }
    <div class="actions">
      <button
        mat-flat-button
        type="button"
        (click)="continued.emit()"
        data-testid="backup-codes-left-continue"
      >
        Continue
      </button>
    </div>
  `,
  styleUrl: './factor-page.scss',
  styles: `
    .title:focus {
      outline: none;
    }
  `,
})
export class BackupCodesLeft {
  /** The login's backup codes still unused. */
  readonly left = input.required<number>();
  /** The person has read it: the sign-in goes on. */
  readonly continued = output<void>();

  private readonly title = viewChild<ElementRef<HTMLElement>>('title');
  protected readonly leftText = computed(() => backupCodesLeftText(this.left()));
  protected readonly few = computed(() => this.left() <= FEW_BACKUP_CODES);

  constructor() {
    focusAfterRender(() => this.title())();
  }
}
