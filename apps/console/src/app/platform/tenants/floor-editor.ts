import { computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder } from '@angular/forms';
import { MatDialog } from '@angular/material/dialog';
import { PolicySetting, TwoFactorMethod } from '@latchkey/contracts';
import { Observable, map, startWith } from 'rxjs';
import { generalMessage, readApiError } from '../../core/api-error';
import { ConfirmData, askToConfirm } from '../../shared/confirm-dialog';
import { placeFieldErrors } from '../../shared/form-errors';
import { graceDaysValidator } from './floor-methods';

/** What the floor being edited is: for every tenant, or for one. */
export interface FloorTarget {
  /** The question before a method is forced (removing a floor is not asked). */
  confirm: (method: Exclude<TwoFactorMethod, 'off'>, graceDays: number) => ConfirmData;
  /** The call that saves; it answers the floor now in force. */
  save: (method: TwoFactorMethod, graceDays: number) => Observable<PolicySetting | null>;
  /** The start of the line when the floor was not saved: "The platform floor was not saved." */
  failure: string;
  /** The API's field names that the form names otherwise (`floorGraceDays` → `graceDays`). */
  aliases?: Readonly<Record<string, string>>;
  /** The floor is saved (and shown): say so. */
  saved: (floor: PolicySetting | null) => void;
}

/**
 * A floor's form, saved one way for the platform's floor and for a tenant's: choose the method and
 * the grace days, press Save, confirm when a method is forced. Make it in a field initializer.
 */
export class FloorEditor {
  private readonly dialog = inject(MatDialog);

  readonly form = inject(NonNullableFormBuilder).group({
    method: 'off' as TwoFactorMethod,
    graceDays: [0 as number | null, graceDaysValidator],
  });
  readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );
  /** The floor in force, as last loaded or saved. */
  readonly current = signal<PolicySetting | null>(null);
  readonly loaded = signal(false);
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);
  /** Whether the form differs from the floor in force. */
  readonly changed = computed(() => {
    const { method, graceDays } = this.value();
    const saved = this.current();
    const savedMethod = saved?.method ?? 'off';
    return method !== savedMethod || (method !== 'off' && graceDays !== (saved?.graceDays ?? 0));
  });

  constructor(private readonly target: FloorTarget) {}

  /** Show `floor` as the one in force, the form back at it. */
  show(floor: PolicySetting | null): void {
    this.loaded.set(true);
    this.current.set(floor);
    this.form.reset({ method: floor?.method ?? 'off', graceDays: floor?.graceDays ?? 0 });
  }

  /** Save, after confirming when the form forces a method. */
  save(): void {
    if (this.saving()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { method, graceDays } = this.form.getRawValue();
    const days = graceDays ?? 0;
    if (method === 'off') {
      this.send(method, days);
      return;
    }
    askToConfirm(this.dialog, this.target.confirm(method, days)).subscribe((confirmed) => {
      if (confirmed) {
        this.send(method, days);
      }
    });
  }

  private send(method: TwoFactorMethod, graceDays: number): void {
    this.saving.set(true);
    this.error.set(null);
    this.target.save(method, graceDays).subscribe({
      next: (floor) => {
        this.saving.set(false);
        this.show(floor);
        this.target.saved(floor);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const problem = readApiError(error);
        const unplaced =
          problem.status === 400
            ? placeFieldErrors(this.form, problem.errors, this.target.aliases)
            : [generalMessage(problem)];
        this.error.set(
          `${this.target.failure} ${unplaced.length > 0 ? unplaced.join(' ') : 'Please correct the highlighted fields.'}`,
        );
      },
    });
  }
}
