import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NewPinFields, newPinControls } from '../shared/enrolment/new-pin-fields';
import { placeFieldErrors } from '../shared/form-errors';
import { FactorApi } from './factor-api';
import { FactorStep } from './factor-step';
import { PickedLogin, placeOfLogin, typeOfLogin } from './picked-login';
import { StepExits } from './step-exits';
import { StepSubmit } from './step-submit';

/** The 'pin-setup' step: choose a PIN, typed twice. */
@Component({
  selector: 'app-pin-setup-page',
  imports: [ReactiveFormsModule, NewPinFields, StepExits, StepSubmit],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './pin-setup-page.html',
  styleUrl: './factor-page.scss',
})
export class PinSetupPage {
  private readonly api = inject(FactorApi);
  private readonly fields = viewChild(NewPinFields);
  private readonly step = new FactorStep(computed(() => this.fields()?.pinInput()));

  protected readonly form = inject(NonNullableFormBuilder).group(newPinControls());
  /** The login being set up, when the picker chose it (the API's answer does not name it). */
  protected readonly login = inject(PickedLogin).login();
  protected readonly placeOf = placeOfLogin;
  protected readonly typeOf = typeOfLogin;
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;

  constructor() {
    // Like the other step pages: start in the first field.
    this.step.focus();
  }

  protected submit(): void {
    this.step.send(
      this.form,
      () => this.api.setUpPin(this.form.getRawValue()),
      (failure) => {
        if (failure.kind === 'failed') {
          this.error.set(failure.message);
          return;
        }
        const unplaced = placeFieldErrors(this.form, failure.errors);
        this.error.set(unplaced.length > 0 ? unplaced.join(' ') : null);
      },
    );
  }
}
