import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { generalMessage, readApiError } from '../core/api-error';
import { FactorStep } from './factor-step';
import { SignInApi } from './sign-in-api';
import { SignInFlow } from './sign-in-flow';

/**
 * The ways out of a second-factor step: "Remind me later" while the grace deadline allows
 * (enrolment steps only), and "Cancel sign-in" always.
 */
@Component({
  selector: 'app-step-exits',
  imports: [MatButton, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (postponable()) {
      @if (canPostpone(); as until) {
        <p class="hint" data-testid="postpone-hint">
          Your account asks you to do this, but you may postpone it until
          <strong>{{ until | date: 'medium' }}</strong
          >.
        </p>
      } @else {
        <p class="hint" data-testid="enrol-required">
          Your account requires this now: it can no longer be postponed.
        </p>
      }
    }
    @if (error(); as message) {
      <p class="lk-error" role="alert" data-testid="step-error">{{ message }}</p>
    }
    <div class="actions">
      @if (postponable() && canPostpone()) {
        <button
          mat-stroked-button
          type="button"
          [disabled]="blocked()"
          (click)="postpone()"
          data-testid="postpone"
        >
          Remind me later
        </button>
      }
      <button mat-button type="button" [disabled]="blocked()" (click)="cancel()" data-testid="cancel-sign-in">
        Cancel sign-in
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 16px;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
})
export class StepExits {
  private readonly api = inject(SignInApi);
  private readonly flow = inject(SignInFlow);

  /** Whether this step is an enrolment that may be postponed (PIN set-up, authenticator enrolment). */
  readonly postponable = input(false);
  /** The page is busy with its own call. */
  readonly disabled = input(false);

  private readonly step = new FactorStep();
  private readonly refused = signal(false);
  protected readonly blocked = computed(() => this.step.busy() || this.disabled());
  protected readonly error = this.step.error;
  /** The deadline, while postponing is still on offer. */
  protected readonly canPostpone = computed(() => (this.refused() ? null : this.flow.deadline()));

  protected postpone(): void {
    this.step.call(
      null,
      () => this.api.postpone(),
      (e: unknown) => {
        const problem = readApiError(e);
        if (problem.status === 401) {
          this.flow.expired();
          return;
        }
        // 403: the deadline has passed meanwhile. The step itself is still there to do.
        this.refused.set(problem.status === 403);
        this.error.set(generalMessage(problem));
      },
    );
  }

  protected cancel(): void {
    this.step.busy.set(true);
    this.flow.cancel().subscribe();
  }
}
