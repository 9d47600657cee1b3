import { DOCUMENT, Injectable, computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import { SignInAnswer } from '@latchkey/contracts';
import { Observable, tap } from 'rxjs';
import { SessionStore } from '../core/session-store';
import { SignInNotice, SignInNotices } from '../core/sign-in-notice';
import { urlForState } from '../core/sign-in-routes';

/** What every sign-in step does with an answer: remember it and go where it says, or start again. */
@Injectable({ providedIn: 'root' })
export class SignInFlow {
  private readonly session = inject(SessionStore);
  private readonly notice = inject(SignInNotice);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** While an application's sign-in is under way: the application it returns to. */
  readonly app = computed(() => this.session.answer()?.app ?? null);

  /** Until when enrolment may still be postponed (ISO 8601); null when it may not. */
  readonly deadline = computed(() => {
    const answer = this.session.answer();
    return answer && 'deadline' in answer ? answer.deadline : null;
  });

  /** Record the API's answer and show the page of the state it names. */
  proceed(answer: SignInAnswer): void {
    if (answer.state === 'signed-in' && answer.redirectTo) {
      this.backToApp(answer.redirectTo);
      return;
    }
    this.session.record(answer);
    void this.router.navigateByUrl(urlForState(answer.state));
  }

  /** An application's sign-in finished: the browser goes back to the application. */
  backToApp(url: string): void {
    this.document.location.assign(url);
  }

  /** The pending sign-in is gone (it expired, or was ended elsewhere): start again. */
  expired(): void {
    this.session.clear();
    this.notice.set(SignInNotices.expired);
    void this.router.navigateByUrl('/sign-in');
  }

  /** End the pending sign-in and return to the sign-in page. */
  cancel(): Observable<void> {
    return this.session.signOut().pipe(tap(() => void this.router.navigateByUrl('/sign-in')));
  }
}
