import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MAX_GRACE_DAYS, METHOD_LABELS, TenantSummary, TwoFactorMethod } from '@latchkey/contracts';
import { generalMessage, readApiError } from '../../core/api-error';
import { placeFieldErrors } from '../../shared/form-errors';
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
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Force {{ label }} for {{ data.tenant.name }}?</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p data-testid="confirm-message">
          Every user of {{ data.tenant.name }} will need at least {{ need }} at their next sign-in.
          {{ grace() }}
        </p>
        @if (error(); as error) {
          <p class="lk-error" role="alert" data-testid="floor-dialog-error">{{ error }}</p>
        }
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
          @if (form.controls.graceDays.hasError('server')) {
            <mat-error>{{ form.controls.graceDays.getError('server') }}</mat-error>
          } @else {
            <mat-error>Enter a whole number of days from 0 to {{ maxGraceDays }}.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="cancel()" [disabled]="busy()" data-testid="confirm-cancel">
          Cancel
        </button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="confirm-ok">
          Force {{ label }}
        </button>
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
  protected readonly form = inject(NonNullableFormBuilder).group({
    graceDays: [this.data.graceDays as number | null, graceDaysValidator],
  });
  private readonly graceDays = toSignal(this.form.controls.graceDays.valueChanges, {
    initialValue: this.data.graceDays,
  });
  protected readonly grace = computed(() => graceSentence(this.graceDays()));
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected confirm(): void {
    if (this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const floorGraceDays = this.form.controls.graceDays.value ?? 0;
    this.busy.set(true);
    this.error.set(null);
    this.api.update(this.data.tenant.id, { floor: this.data.method, floorGraceDays }).subscribe({
      next: (tenant) => this.ref.close(tenant),
      error: (error: unknown) => this.fail(error),
    });
  }

  protected cancel(): void {
    this.ref.close();
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    const problem = readApiError(error);
    if (problem.status === 400 && problem.errors.length > 0) {
      const unplaced = placeFieldErrors(this.form, problem.errors, { floorGraceDays: 'graceDays' });
      this.error.set(unplaced.length > 0 ? unplaced.join(' ') : 'Please correct the grace days.');
      return;
    }
    this.error.set(generalMessage(problem));
  }
}
