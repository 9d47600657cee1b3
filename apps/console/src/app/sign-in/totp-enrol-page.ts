import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { EnrolmentConfirmedAnswer } from '@latchkey/contracts';
import { focusAfterRender } from '../core/focus-after-render';
import { SessionStore } from '../core/session-store';
import { TotpKeyPanel } from '../core/totp-key-panel';
import { AuthenticatorEnrolment } from '../shared/enrolment/authenticator-enrolment';
import { BackupCodesList } from '../shared/enrolment/backup-codes-list';
import { TotpConfirm } from '../shared/enrolment/totp-confirm';
import { AUTHENTICATOR_APPS } from './authenticator-apps';
import { FactorApi } from './factor-api';
import { PickedLogin, placeOfLogin, typeOfLogin } from './picked-login';
import { SignInFlow } from './sign-in-flow';
import { StepExits } from './step-exits';
import { StepSubmit } from './step-submit';

type WizardStep = 'install' | 'scan' | 'confirm' | 'codes';

const STEPS: readonly { id: WizardStep; label: string }[] = [
  { id: 'install', label: 'Get an app' },
  { id: 'scan', label: 'Add Latchkey' },
  { id: 'confirm', label: 'Confirm' },
  { id: 'codes', label: 'Backup codes' },
];

/**
 * The 'totp-enrol' step as a wizard: install an app, add Latchkey to it (QR code or key), confirm
 * with a code, then the backup codes, shown this once. The secret is asked for on leaving the
 * first step; asking again would void it, so going back and forth keeps it.
 */
@Component({
  selector: 'app-totp-enrol-page',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatProgressBar,
    BackupCodesList,
    StepExits,
    StepSubmit,
    TotpConfirm,
    TotpKeyPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-enrol-page.html',
  styleUrls: ['./factor-page.scss', './totp-enrol-page.scss'],
})
export class TotpEnrolPage {
  private readonly api = inject(FactorApi);
  private readonly flow = inject(SignInFlow);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('stepTitle');
  /** Tell assistive technology the page changed: move focus to the step's title. */
  private readonly focusTitle = focusAfterRender(this.heading);
  private readonly formDirective = viewChild(FormGroupDirective);

  /** The login being set up, when the picker chose it (the API's answer does not name it). */
  protected readonly login = inject(PickedLogin).login();
  protected readonly placeOf = placeOfLogin;
  protected readonly typeOf = typeOfLogin;
  protected readonly apps = AUTHENTICATOR_APPS;
  protected readonly steps = STEPS;
  protected readonly step = signal<WizardStep>('install');
  protected readonly stepIndex = computed(() => STEPS.findIndex((s) => s.id === this.step()));

  protected readonly enrolment = new AuthenticatorEnrolment({
    expired: () => this.flow.expired(),
    clearRefusedCode: this.formDirective,
  });
  protected readonly confirmed = signal<EnrolmentConfirmedAnswer | null>(null);
  protected readonly busy = this.enrolment.busy;
  protected readonly error = this.enrolment.error;
  protected readonly lockedForGood = this.enrolment.lockedForGood;

  constructor() {
    this.focusTitle();
  }

  /** Leave the first step: ask for a key unless there is one already (asking again voids it). */
  protected start(): void {
    if (this.enrolment.key()) {
      this.goTo('scan');
      return;
    }
    this.enrolment.start(this.api.enrolTotp(), () => this.goTo('scan'));
  }

  protected goTo(step: WizardStep): void {
    this.error.set(null);
    this.step.set(step);
    this.focusTitle();
  }

  protected confirm(): void {
    this.enrolment.confirm(
      (request) => this.api.confirmTotp(request),
      (answer) => this.confirmedWith(answer),
    );
  }

  protected done(): void {
    const redirectTo = this.confirmed()?.redirectTo;
    if (redirectTo) this.flow.backToApp(redirectTo);
    else void this.router.navigateByUrl('/');
  }

  private confirmedWith(answer: EnrolmentConfirmedAnswer): void {
    this.enrolment.form.reset();
    const { state, me, backupCodes } = answer;
    if (state !== 'signed-in' || !backupCodes?.length) {
      this.flow.proceed(answer);
      return;
    }
    // Signed in now; the codes stay on this page only, never in the store.
    this.session.record({ state, me });
    this.confirmed.set(answer);
    this.goTo('codes');
  }
}
