import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MAX_GRACE_DAYS, METHOD_LABELS, TenantSummary, TwoFactorMethod } from '@latchkey/contracts';
import { DIALOG_PARTS, FORM_FIELD_PARTS } from '../../shared/dialog-parts';
import { generalText } from '../../shared/problem-text';
import { Submission, formFailureText } from '../../shared/submission';
import { SubmitActions } from '../../shared/submit-actions';
import { graceDaysValidator, graceSentence, methodNeed } from './floor-methods';
import { TenantsApi } from './tenants-api';

export interface TenantFloorData {
  tenant: TenantSummary;
  /** The floor to force: never `off` (removing a floor needs no confirmation). */
  method: Exclude<TwoFactorMethod, 'off'>;
  graceDays: number;
}

/**
 * Confirm forcing a floor on one tenant, with its grace days, and PATCH it.
 * Closes with the updated tenant; stays open (input kept) when the API refuses.
 */
@Component({
  selector: 'app-tenant-floor-dialog',
  imports: [DIALOG_PARTS, FORM_FIELD_PARTS, SubmitActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Force {{ label }} for {{ data.tenant.name }}?</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p data-testid="confirm-message">
          Every user of {{ data.tenant.name }} will need at least {{ need }} at their next sign-in.
          {{ grace() }}
        </p>
        <app-error-line [message]="sending.error()" testId="floor-dialog-error" />
        <mat-form-field appearance="outline">
          <mat-label>Grace days</mat-label>
          <input
            matInput
            type="number"
            inputmode="numeric"
            min="0"
            [max]="maxGraceDays"
            formControlName="graceDays"
            data-testid="tenant-floor-grace-days"
          />
          <mat-hint>Days a user may postpone enrolling. 0 means at once.</mat-hint>
          <mat-error>{{ form.controls.graceDays.errors | fieldError: { '*': graceRange } }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions
        align="end"
        [appSubmitActions]="sending"
        holdCancel
        cancelTestId="confirm-cancel"
        submitTestId="confirm-ok"
      >
        Force {{ label }}
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
})
export class TenantFloorDialog {
  protected readonly data = inject<TenantFloorData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<TenantFloorDialog, TenantSummary>>(MatDialogRef);
  private readonly api = inject(TenantsApi);

  protected readonly label = METHOD_LABELS[this.data.method];
  protected readonly need = methodNeed(this.data.method);
  protected readonly maxGraceDays = MAX_GRACE_DAYS;
  protected readonly graceRange = `Enter a whole number of days from 0 to ${MAX_GRACE_DAYS}.`;
  protected readonly form = inject(NonNullableFormBuilder).group({
    graceDays: [this.data.graceDays as number | null, graceDaysValidator],
  });
  private readonly graceDays = toSignal(this.form.controls.graceDays.valueChanges, {
    initialValue: this.data.graceDays,
  });
  protected readonly grace = computed(() => graceSentence(this.graceDays()));
  protected readonly sending = new Submission();

  protected confirm(): void {
    if (!this.sending.ready(this.form)) {
      return;
    }
    const floorGraceDays = this.form.controls.graceDays.value ?? 0;
    this.sending.send(this.api.update(this.data.tenant.id, { floor: this.data.method, floorGraceDays }), {
      next: (tenant) => this.ref.close(tenant),
      error: (error) =>
        formFailureText(this.form, error, {
          general: generalText,
          placed: 'Please correct the grace days.',
          aliases: { floorGraceDays: 'graceDays' },
        }),
      keepBusy: true,
    });
  }
}
