import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { generalMessage, readApiError } from '../core/api-error';
import { ActivatedRoute } from '@angular/router';
import { APP_LINK_EXPIRED_NOTICE, UPSTREAM_NOTICES, type UpstreamNotice } from '@latchkey/contracts';
import { SignInNotice, SignInNotices } from '../core/sign-in-notice';
import { FieldMessages, TextField } from '../core/text-field';
import { placeFieldErrors } from '../shared/form-errors';
import { FactorStep } from './factor-step';
import { SignInApi } from './sign-in-api';
import { signInRefusal } from './sign-in-refusal';
import { UpstreamOptions } from './upstream-options';

export const INCORRECT_CREDENTIALS = 'Incorrect email or password';

/** The words of a `?notice=` the API sent the browser here with; null for one it does not know. */
function noticeText(notice: string | null): string | null {
  if (notice === APP_LINK_EXPIRED_NOTICE) return SignInNotices.appLinkExpired;
  return notice && notice in UPSTREAM_NOTICES ? UPSTREAM_NOTICES[notice as UpstreamNotice] : null;
}

/** Email + password, the first step of every sign-in. */
@Component({
  selector: 'app-sign-in-page',
  imports: [ReactiveFormsModule, MatButton, MatProgressBar, TextField, UpstreamOptions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage {
  private readonly api = inject(SignInApi);
  /** The email field, the first of the page. */
  private readonly email = viewChild(TextField);
  private readonly step = new FactorStep(computed(() => this.email()?.input()));

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly emailMessages: FieldMessages = {
    required: 'Enter your email address.',
    email: 'Enter a valid email address.',
    server: { testId: 'email-error' },
  };
  protected readonly passwordMessages: FieldMessages = {
    required: 'Enter your password.',
    server: { testId: 'password-error' },
  };
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  /** A message left by the page that sent us here ("You have signed out."), or by the API's link. */
  protected readonly info = signal(inject(SignInNotice).take() ?? noticeText(this.query.get('notice')));
  /** The account whose sign-in link (`/sign-in?tenant=<id>`) opened the page: its providers show at once. */
  protected readonly tenant = this.query.get('tenant');
  /** The email as typed, for the account's own providers it may continue with. */
  protected readonly emailTyped = toSignal(this.form.controls.email.valueChanges, { initialValue: '' });
  /** False when the email's provider turned password sign-in off for its domain. */
  protected readonly passwordAllowed = signal(true);

  constructor() {
    // The page has one job: start in its first field (also after signing out).
    this.step.focus();
  }

  protected submit(): void {
    this.step.call(
      this.form,
      () => {
        this.info.set(null);
        return this.api.login(this.form.getRawValue());
      },
      (error) => this.fail(error),
    );
  }

  private fail(error: unknown): void {
    // Too many attempts for this email, or refused for another reason: never "wrong password".
    const refusal = signInRefusal(error);
    if (refusal) {
      this.error.set(refusal);
      return;
    }
    const problem = readApiError(error);
    if (problem.status === 401) {
      this.error.set(problem.message ?? INCORRECT_CREDENTIALS);
      return;
    }
    if (problem.status === 429) {
      this.error.set(
        problem.retryAfter
          ? `Too many sign-in attempts. Please wait ${problem.retryAfter} seconds and try again.`
          : 'Too many sign-in attempts. Please wait a few minutes and try again.',
      );
      return;
    }
    if (problem.status === 400 && problem.errors.length > 0) {
      const unplaced = placeFieldErrors(this.form, problem.errors);
      this.error.set(unplaced.length > 0 ? unplaced.join(' ') : 'Please correct the highlighted fields.');
      return;
    }
    this.error.set(generalMessage(problem));
  }
}
