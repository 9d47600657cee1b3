import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { SessionStore } from '../core/session-store';

const STEP_NAMES: Record<string, string> = {
  'pin-setup': 'choosing a PIN',
  pin: 'entering your PIN',
  'totp-enrol': 'setting up an authenticator app',
  totp: 'entering a code from your authenticator app',
  handover: 'entering the one-time code from your administrator',
};

/** Placeholder for the second-factor steps, which later releases build. */
@Component({
  selector: 'app-factor-step',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">One more step</h1>
    <p data-testid="step-unavailable">
      Your sign-in continues with {{ step() }}. This step is not available in the console yet.
    </p>
    <button
      mat-stroked-button
      type="button"
      [disabled]="busy()"
      (click)="cancel()"
      data-testid="cancel-sign-in"
    >
      Cancel sign-in
    </button>
  `,
  styles: `
    .title {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
  `,
})
export class FactorStep {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly step = computed(
    () => STEP_NAMES[this.session.answer()?.state ?? ''] ?? 'a second factor',
  );
  protected readonly busy = signal(false);

  protected cancel(): void {
    this.busy.set(true);
    this.session.signOut().subscribe(() => void this.router.navigateByUrl('/sign-in'));
  }
}
