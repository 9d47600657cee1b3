import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { SessionStore } from '../core/session-store';
import { SignInNotice, SignInNotices } from '../core/sign-in-notice';
import { askToConfirm } from '../shared/confirm-dialog';
import { problemText } from '../shared/problem-text';
import { Submission } from '../shared/submission';
import { ProfileApi } from './profile-api';

/**
 * Profile → Security → Sessions (under the page's heading): end every session of the login, this
 * one included, and forget its remembered browsers; then back to the sign-in page.
 */
@Component({
  selector: 'app-sign-out-everywhere',
  imports: [MatButton, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">
      Lost a phone or signed in on a shared computer? End every session of your login, this one included, and
      forget every browser you asked to remember.
    </p>
    @if (sending.error(); as message) {
      <p class="lk-error" role="alert" data-testid="sign-out-everywhere-error">{{ message }}</p>
    }
    <button
      mat-stroked-button
      type="button"
      [disabled]="sending.busy()"
      (click)="signOutEverywhere()"
      data-testid="sign-out-everywhere"
    >
      Sign out everywhere
    </button>
    @if (sending.busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Signing out everywhere" />
    }
  `,
  styleUrl: './profile-section.scss',
})
export class SignOutEverywhere {
  private readonly api = inject(ProfileApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly notice = inject(SignInNotice);

  /** Busy from the confirmed request until the page is left (a failure ends it). */
  protected readonly sending = new Submission();

  protected signOutEverywhere(): void {
    if (!this.sending.ready()) {
      return;
    }
    this.sending.error.set(null);
    askToConfirm(this.dialog, {
      title: 'Sign out everywhere?',
      message:
        'This ends every session of your login, on this device and every other one, and forgets the ' +
        'browsers you asked to remember: each will ask for your password and second factor again.',
      confirm: 'Sign out everywhere',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.sending.send(this.api.signOutEverywhere(), {
          next: () => this.signedOut(),
          error: (error) => `You were not signed out: ${problemText(error)}`,
          keepBusy: true,
        });
      }
    });
  }

  private signedOut(): void {
    this.session.clear();
    this.notice.set(SignInNotices.signedOutEverywhere);
    void this.router.navigateByUrl('/sign-in');
  }
}
