import { Injectable, computed, inject, signal } from '@angular/core';
import { LoginOption, SignInAnswer } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';

/** How the picker and the steps name a super user's login: the platform's console. */
export const PLATFORM_LABEL = 'Platform administration';

/** Where a login signs in to: its tenant, or the platform. */
export function placeOfLogin(login: LoginOption): string {
  return login.kind === 'platform' ? PLATFORM_LABEL : login.tenantName;
}

/** What kind of login it is: its user type, or "Super user" for the platform's. */
export function typeOfLogin(login: LoginOption): string | null {
  return login.kind === 'platform' ? 'Super user' : login.userTypeName;
}

/**
 * The login of the step on screen (the enrolment wizard names the login it sets up): as the
 * step's answer names it, or else the login chosen in the picker while the sign-in stands at the
 * very answer the pick got (any other answer forgets it rather than name the wrong login).
 */
@Injectable({ providedIn: 'root' })
export class PickedLogin {
  private readonly session = inject(SessionStore);
  private readonly picked = signal<{ login: LoginOption; answer: SignInAnswer } | null>(null);

  /** The login of the step on screen, when the picker chose it; null otherwise. */
  readonly login = computed<LoginOption | null>(() => {
    const answer = this.session.answer();
    if (answer && 'login' in answer && answer.login) return answer.login;
    const picked = this.picked();
    return picked && picked.answer === answer ? picked.login : null;
  });

  /** Remember `login` with the answer its pick got (before the flow records that answer). */
  remember(login: LoginOption, answer: SignInAnswer): void {
    this.picked.set({ login, answer });
  }
}
