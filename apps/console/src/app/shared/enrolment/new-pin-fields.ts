import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Signal,
  computed,
  input,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, ValidationErrors, Validators } from '@angular/forms';
import { FieldMessages, TextField } from '../../core/text-field';
import { PIN_RULES, pinProblemText, pinValidators } from '../pin-rules';

/** A PIN field's error (a rule's problem, or the API's 400 message) as a sentence. */
const asPinSentence = (problem: unknown): string => pinProblemText(String(problem));

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
 * (a broken rule in words in its place), and the PIN again. Goes inside the host's `<form>`. A
 * long rule or error wraps under its field and pushes the next one down (dynamic subscript).
 */
@Component({
  selector: 'app-new-pin-fields',
  imports: [TextField],
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

  private readonly pinField = viewChild.required(TextField);
  /** The PIN field, for a page that starts there. */
  readonly pinInput: Signal<ElementRef<HTMLInputElement>> = computed(() => this.pinField().input());

  /** The rules stand under the PIN until an error takes their place. */
  protected readonly rules = PIN_RULES;
  /** The API's reasons ("pin must …") read as sentences, like the console's own. */
  protected readonly pinMessages = computed<FieldMessages>(() => ({
    required: 'Choose a PIN.',
    pin: { text: asPinSentence, testId: `${this.testId()}-field-error` },
    server: { text: asPinSentence, testId: `${this.testId()}-field-error` },
  }));
  protected readonly againMessages = computed<FieldMessages>(() => ({
    required: 'Type the PIN again.',
    mismatch: { text: 'The two PINs differ.', testId: `${this.testId()}-mismatch` },
    server: { text: asPinSentence, testId: `${this.testId()}-confirmation-error` },
  }));
}
