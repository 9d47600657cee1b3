import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatActionList, MatListItem, MatListItemLine, MatListItemTitle } from '@angular/material/list';
import { RouterLink } from '@angular/router';
import { LoginOption } from '@latchkey/contracts';
import { generalMessage, readApiError } from '../core/api-error';
import { SessionStore } from '../core/session-store';
import { FactorStep } from './factor-step';
import { SignInApi } from './sign-in-api';
import { SignInFlow } from './sign-in-flow';
import { signInRefusal } from './sign-in-refusal';

export const PLATFORM_LABEL = 'Platform administration';

/**
 * The email matched several logins: choose one. The route guard makes sure the sign-in stands at
 * 'pick-login' (after a reload it asks GET /auth/state), so the logins come from the session store.
 */
@Component({
  selector: 'app-login-picker',
  imports: [MatActionList, MatListItem, MatListItemTitle, MatListItemLine, MatButton, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-picker.html',
  styleUrl: './login-picker.scss',
})
export class LoginPicker {
  private readonly api = inject(SignInApi);
  private readonly session = inject(SessionStore);
  private readonly flow = inject(SignInFlow);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('pickTitle');
  private readonly step = new FactorStep(this.heading);

  protected readonly logins = computed<LoginOption[]>(() => {
    const answer = this.session.answer();
    return answer?.state === 'pick-login' ? answer.logins : [];
  });
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;
  protected readonly platformLabel = PLATFORM_LABEL;

  constructor() {
    // A new step: focus its heading, so that keyboard and screen reader users start here.
    this.step.focus();
  }

  protected pick(login: LoginOption): void {
    this.step.call(
      null,
      () => this.api.pick({ loginId: login.loginId }),
      (error) => this.fail(error),
    );
  }

  private fail(error: unknown): void {
    const problem = readApiError(error);
    if (problem.status === 401) {
      this.flow.expired();
      return;
    }
    // 403: this login may not be used now (suspended, or being enrolled elsewhere); 423: too many attempts.
    this.error.set(
      problem.status === 403
        ? (problem.message ?? 'You cannot sign in with this login.')
        : (signInRefusal(error) ?? generalMessage(problem)),
    );
  }
}
