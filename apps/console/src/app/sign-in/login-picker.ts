import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatActionList, MatListItem, MatListItemLine, MatListItemTitle } from '@angular/material/list';
import { RouterLink } from '@angular/router';
import { LoginOption } from '@latchkey/contracts';
import { generalMessage, readApiError } from '../core/api-error';
import { SessionStore } from '../core/session-store';
import { FactorStep } from './factor-step';
import { PickedLogin, placeOfLogin, typeOfLogin } from './picked-login';
import { SignInApi } from './sign-in-api';
import { SignInFlow } from './sign-in-flow';
import { signInRefusal } from './sign-in-refusal';

export { PLATFORM_LABEL } from './picked-login';

/**
 * The email matched several logins: choose one. Each names its tenant first (or the platform), its
 * user type as a chip, then the person's name there. The route guard makes sure the sign-in stands
 * at 'pick-login' (after a reload it asks GET /auth/state), so the logins come from the store.
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
  private readonly picked = inject(PickedLogin);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('pickTitle');
  private readonly step = new FactorStep(this.heading);

  protected readonly logins = computed<LoginOption[]>(() => {
    const answer = this.session.answer();
    return answer?.state === 'pick-login' ? answer.logins : [];
  });
  protected readonly busy = this.step.busy;
  protected readonly error = this.step.error;
  protected readonly placeOf = placeOfLogin;
  protected readonly typeOf = typeOfLogin;

  constructor() {
    // A new step: focus its heading, so that keyboard and screen reader users start here.
    this.step.focus();
  }

  protected pick(login: LoginOption): void {
    this.step.call(
      null,
      () => this.api.pick({ loginId: login.loginId }),
      (error) => this.fail(error),
      (answer) => {
        // The next step (an enrolment) names the login it sets up.
        this.picked.remember(login, answer);
        this.flow.proceed(answer);
      },
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
