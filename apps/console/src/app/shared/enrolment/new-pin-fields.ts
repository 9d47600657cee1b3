import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { PIN_RULES, pinProblemText, pinValidators } from '../pin-rules';

/** A new PIN and the same again. */
export interface NewPinControls {
  pin: FormControl<string>;
  pinConfirmation: FormControl<string>;
}

/** The confirmation equals the new PIN (an empty one is left to `required`). */
function matchesPin(control: AbstractControl<string>): ValidationErrors | null {
  const pin = control.parent?.get('pin')?.value;
  return !control.value || control.value === pin ? null : { mismatch: true };
}

/**
 * The two controls of a new PIN, to spread into a form group: the PIN with the API's rules, the
 * confirmation that must equal it (checked again when the PIN changes). Call it in a field
 * initializer (it ends with the component).
 */
export function newPinControls(): NewPinControls {
  const pin = new FormControl('', { nonNullable: true, validators: pinValidators });
  const pinConfirmation = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, matchesPin],
  });
  pin.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
    if (pinConfirmation.value) {
      pinConfirmation.updateValueAndValidity();
    }
  });
  return { pin, pinConfirmation };
}

/**
 * The fields that choose a PIN, at sign-in and on the profile: the PIN with the rules as its hint
 * (a broken rule in words in its place), and the PIN again. Goes inside the host's `<form>`.
 */
@Component({
  selector: 'app-new-pin-fields',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-pin-fields.html',
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
  `,
})
export class NewPinFields {
  readonly controls = input.required<NewPinControls>();
  /** The PIN field's test id, and the start of the others' (`<id>-confirmation`, `<id>-rules`, …). */
  readonly testId = input('pin');
  readonly autocomplete = input('new-password');

  /** The PIN field, for a page that starts there. */
  readonly pinInput = viewChild<ElementRef<HTMLInputElement>>('pinInput');

  protected readonly rules = PIN_RULES;
  protected readonly problemText = pinProblemText;
}
