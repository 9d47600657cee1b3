// For the sign-in specs only: the app never imports this file.
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Provider, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SignInAnswer } from '@latchkey/contracts';
import { SessionStore } from '../core/session-store';
import { SignInNotice } from '../core/sign-in-notice';

/** The TestBed of a sign-in step: `component`, a testing backend and a router (spy on it). */
export function configureStep(
  component: Type<unknown>,
  providers: Provider[] = [],
): { http: HttpTestingController; router: Router } {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), ...providers],
  });
  return { http: TestBed.inject(HttpTestingController), router: TestBed.inject(Router) };
}

/** The step's page, rendered where the sign-in stands at `answer`. */
export async function renderStep<T>(component: Type<T>, answer: SignInAnswer): Promise<ComponentFixture<T>> {
  TestBed.inject(SessionStore).record(answer);
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  return fixture;
}

export { refusal } from '../shared/enrolment/refusal-testing';

/** A 401 without a reason, as `flush` takes it: the pending sign-in is gone. */
export const EXPIRED = [
  { statusCode: 401, error: 'Unauthorized', message: 'Your sign-in expired. Please sign in again.' },
  { status: 401, statusText: 'Unauthorized' },
] as const;

/** Where an expired sign-in leaves the console (compare with `AFTER_EXPIRY`). */
export function afterExpiry(): { notice: string | null; answer: SignInAnswer | null } {
  return { notice: TestBed.inject(SignInNotice).take(), answer: TestBed.inject(SessionStore).answer() };
}

export const AFTER_EXPIRY = {
  notice: 'Your sign-in expired. Please sign in again.',
  answer: { state: 'signed-out' },
} as const;
