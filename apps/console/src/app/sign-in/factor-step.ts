import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { generalMessage, readApiError } from '../core/api-error';
import { SessionStore } from '../core/session-store';
import { SignInApi } from './sign-in-api';

const STEP_NAMES: Record<string, string> = {
  'pin-setup': 'choosing a PIN',
  pin: 'entering your PIN',
  'totp-enrol': 'setting up an authenticator app',
  totp: 'entering a code from your authenticator app',
  handover: 'entering the one-time code from your administrator',
};

/**
 * The second-factor step. The factor forms come in a later release; until then this page
 * names the step and, while the grace deadline allows, lets the user postpone enrolment.
 */
@Component({
  selector: 'app-factor-step',
  imports: [MatButton, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">One more step</h1>
    <p data-testid="step-unavailable">
      Your sign-in continues with {{ step() }}. This step is not available in the console yet.
    </p>
    @if (deadline(); as until) {
      <p data-testid="postpone-hint">
        Your account asks you to do this, but you may postpone it until
        <strong>{{ until | date: 'medium' }}</strong>.
      </p>
    } @else if (enrolling()) {
      <p data-testid="enrol-required">Your account requires this now: it can no longer be postponed.</p>
    }
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="step-error">{{ message }}</p>
    }
    <div class="actions">
      @if (deadline()) {
        <button mat-flat-button type="button" [disabled]="busy()" (click)="postpone()" data-testid="postpone">
          Remind me later
        </button>
      }
      <button mat-stroked-button type="button" [disabled]="busy()" (click)="cancel()" data-testid="cancel-sign-in">
        Cancel sign-in
      </button>
    </div>
  `,
  styles: `
    .title {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class FactorStep {
  private readonly session = inject(SessionStore);
  private readonly api = inject(SignInApi);
  private readonly router = inject(Router);

  private readonly answer = this.session.answer;
  protected readonly step = computed(() => STEP_NAMES[this.answer()?.state ?? ''] ?? 'a second factor');
  protected readonly enrolling = computed(() => ['pin-setup', 'totp-enrol'].includes(this.answer()?.state ?? ''));
  protected readonly deadline = computed(() => {
    const answer = this.answer();
    return answer && 'deadline' in answer ? answer.deadline : null;
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected postpone(): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.postpone().subscribe({
      next: (answer) => {
        this.session.record(answer);
        void this.router.navigateByUrl('/');
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(generalMessage(readApiError(e)));
      },
    });
  }

  protected cancel(): void {
    this.busy.set(true);
    this.session.signOut().subscribe(() => void this.router.navigateByUrl('/sign-in'));
  }
}
