import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

/**
 * What a field says for one of its control's errors: the words, or with a test id; `text` may
 * read the error's value, and without `text` the value is the words (a 400's `server` message).
 */
export type FieldMessage =
  | string
  | {
      text?: string | ((error: unknown) => string);
      testId?: string;
    };

/** A field's messages by error key, the first that applies shown; `server` comes last unless named. */
export type FieldMessages = Readonly<Record<string, FieldMessage>>;

interface ShownMessage {
  text: string;
  testId: string | null;
}

/**
 * A labelled text input bound to a form control (inside the host's `<form>`, so Enter submits
 * it), with the message of the first error that applies and otherwise its hint. A 400's field
 * message (`server`, placed by `placeFieldErrors`) is shown as it came.
 */
@Component({
  selector: 'app-text-field',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let field = control();
    <mat-form-field appearance="outline" [subscriptSizing]="dynamicSubscript() ? 'dynamic' : 'fixed'">
      <mat-label>{{ label() }}</mat-label>
      <input
        #input
        matInput
        [formControl]="field"
        [type]="type()"
        [attr.inputmode]="inputmode()"
        [attr.autocomplete]="autocomplete()"
        [attr.autocapitalize]="autocapitalize()"
        [attr.spellcheck]="spellcheck()"
        [required]="required()"
        [attr.data-testid]="testId()"
      />
      @if (message(field); as shown) {
        <mat-error [attr.data-testid]="shown.testId">{{ shown.text }}</mat-error>
      }
      @if (hint() && (alwaysHint() || !message(field))) {
        <mat-hint [attr.data-testid]="hintTestId()">{{ hint() }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
    }
  `,
})
export class TextField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly messages = input<FieldMessages>({});
  readonly type = input('text');
  readonly inputmode = input<string | null>(null);
  readonly autocomplete = input<string | null>(null);
  readonly autocapitalize = input<string | null>(null);
  readonly spellcheck = input<boolean | null>(null);
  readonly required = input(true);
  readonly hint = input('');
  readonly hintTestId = input<string | null>(null);
  /**
   * The hint stands until an error takes its place (Material shows one or the other); by default
   * it is there only while no error applies, so an empty required field shows neither.
   */
  readonly alwaysHint = input(false);
  /** The space under the field grows with a long message instead of being reserved. */
  readonly dynamicSubscript = input(false);

  /** The input, for a page that starts in this field. */
  readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');

  protected message(field: FormControl<string>): ShownMessage | null {
    const messages = this.messages();
    const all: FieldMessages = { ...messages, server: messages['server'] ?? {} };
    for (const [key, message] of Object.entries(all)) {
      if (!field.hasError(key)) {
        continue;
      }
      if (typeof message === 'string') {
        return { text: message, testId: null };
      }
      const error: unknown = field.getError(key);
      const { text = String(error), testId = null } = message;
      return { text: typeof text === 'function' ? text(error) : text, testId };
    }
    return null;
  }
}
