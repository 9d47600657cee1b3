import { ChangeDetectionStrategy, Component } from '@angular/core';
import { StepExits } from './step-exits';

/**
 * The handover step (the one-time code an owner gives after a reset). Its form comes in a later
 * release; until then this page names the step and lets the user cancel the sign-in.
 */
@Component({
  selector: 'app-factor-step',
  imports: [StepExits],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="title">One more step</h1>
    <p data-testid="step-unavailable">
      Your sign-in continues with entering the one-time code from your administrator. This step is not
      available in the console yet.
    </p>
    <app-step-exits />
  `,
  styles: `
    .title {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
  `,
})
export class FactorStep {}
