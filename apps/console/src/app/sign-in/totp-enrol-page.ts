import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  LOCALE_ID,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { ConfirmEnrolmentRequest, EnrolmentConfirmedAnswer, TotpEnrolment } from '@latchkey/contracts';
import { FileDownload } from '../shared/file-download';
import { SessionStore } from '../core/session-store';
import { TotpKeyPanel } from '../core/totp-key-panel';
import { AUTHENTICATOR_APPS } from './authenticator-apps';
import { BACKUP_CODES_FILE, backupCodesText } from '../shared/backup-codes-file';
import { ClockHint } from './clock-hint';
import { codeFormat, normaliseCode } from '../shared/code-format';
import { FactorApi } from './factor-api';
import { readFactorFailure } from '../shared/factor-failure';
import { placeFieldErrors } from '../shared/form-errors';
import { SignInFlow } from './sign-in-flow';
import { StepExits } from './step-exits';

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
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    MatProgressBar,
    ClockHint,
    StepExits,
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
  private readonly clipboard = inject(Clipboard);
  private readonly files = inject(FileDownload);
  private readonly locale = inject(LOCALE_ID);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('stepTitle');
  private readonly formDirective = viewChild(FormGroupDirective);

  protected readonly apps = AUTHENTICATOR_APPS;
  protected readonly steps = STEPS;
  protected readonly step = signal<WizardStep>('install');
  protected readonly stepIndex = computed(() => STEPS.findIndex((s) => s.id === this.step()));

  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly confirmed = signal<EnrolmentConfirmedAnswer | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, codeFormat('app')]],
    deviceName: ['', [Validators.maxLength(100)]],
  });

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly drifted = signal(false);
  protected readonly lockedForGood = signal(false);
  protected readonly codesCopied = signal(false);

  constructor() {
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Leave the first step: ask for a secret unless there is one already. */
  protected start(): void {
    if (this.busy()) {
      return;
    }
    if (this.enrolment()) {
      this.goTo('scan');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.enrolTotp().subscribe({
      next: (enrolment) => {
        this.busy.set(false);
        this.enrolment.set(enrolment);
        this.goTo('scan');
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected goTo(step: WizardStep): void {
    this.error.set(null);
    this.step.set(step);
    // Tell assistive technology the page changed: move focus to the new step's title.
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirm(): void {
    if (this.busy() || this.lockedForGood()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, deviceName } = this.form.getRawValue();
    const request: ConfirmEnrolmentRequest = { code: normaliseCode('app', code) };
    if (deviceName.trim()) {
      request.deviceName = deviceName.trim();
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.confirmTotp(request).subscribe({
      next: (answer) => this.confirmedWith(answer),
      error: (error: unknown) => this.fail(error),
    });
  }

  protected copyCodes(codes: readonly string[]): void {
    this.codesCopied.set(this.clipboard.copy(codes.join('\n')));
  }

  protected downloadCodes(answer: EnrolmentConfirmedAnswer): void {
    const text = backupCodesText(answer.backupCodes, answer.me, new Date(), this.locale);
    this.files.save(new Blob([text], { type: 'text/plain;charset=utf-8' }), BACKUP_CODES_FILE);
  }

  protected done(): void {
    void this.router.navigateByUrl('/');
  }

  private confirmedWith(answer: EnrolmentConfirmedAnswer): void {
    this.busy.set(false);
    this.form.reset();
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

  private fail(error: unknown): void {
    this.busy.set(false);
    const outcome = readFactorFailure(error, this.locale);
    if (outcome.kind === 'expired') {
      this.flow.expired();
      return;
    }
    if (outcome.kind === 'fields') {
      const unplaced = placeFieldErrors(this.form, outcome.errors);
      this.error.set(unplaced.length > 0 ? unplaced.join(' ') : null);
      return;
    }
    this.error.set(outcome.message);
    this.drifted.set(outcome.reason === 'clock-drift');
    this.lockedForGood.set(outcome.ownerMustUnlock);
    if (outcome.reason !== null) {
      // The next try needs a new code: an empty field, not yet in error. The device name stays.
      this.formDirective()?.resetForm({ code: '', deviceName: this.form.controls.deviceName.value });
    }
  }
}
