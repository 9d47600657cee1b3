import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { DeviceView } from '@latchkey/contracts';
import { FieldMessages, TextField } from '../core/text-field';
import { DIALOG_PARTS } from '../shared/dialog-parts';
import { DEVICE_NAME_MAX } from '../shared/enrolment/authenticator-enrolment';
import { FormCall } from './form-call';
import { ProfileApi } from './profile-api';

export interface RenameDeviceDialogData {
  device: DeviceView;
}

/** A new name for one authenticator. Closes with the renamed device. */
@Component({
  selector: 'app-rename-device-dialog',
  imports: [ReactiveFormsModule, DIALOG_PARTS, TextField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Rename device</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (error(); as message) {
          <p class="lk-error" role="alert" data-testid="rename-device-error">{{ message }}</p>
        }
        <app-text-field
          label="Name"
          [control]="form.controls.name"
          autocomplete="off"
          [messages]="nameMessages"
          testId="rename-device-name"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="rename-device-save">
          Save
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    app-text-field {
      min-width: min(360px, 75vw);
    }
  `,
})
export class RenameDeviceDialog {
  private readonly api = inject(ProfileApi);
  private readonly ref = inject<MatDialogRef<RenameDeviceDialog, DeviceView>>(MatDialogRef);
  private readonly data = inject<RenameDeviceDialogData>(MAT_DIALOG_DATA);

  protected readonly nameMessages: FieldMessages = {
    required: 'Enter a name.',
    maxlength: `Use at most ${DEVICE_NAME_MAX} characters.`,
    server: { testId: 'rename-device-name-error' },
  };
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.data.device.name, [Validators.required, Validators.maxLength(DEVICE_NAME_MAX)]],
  });
  private readonly call = new FormCall(this.form);
  protected readonly busy = this.call.busy;
  protected readonly error = this.call.error;

  protected save(): void {
    const control = this.form.controls.name;
    const name = control.value.trim();
    if (!name) {
      control.setValue('');
    }
    if (name === this.data.device.name && this.form.valid && !this.busy()) {
      this.ref.close();
      return;
    }
    this.call.send(
      () => this.api.renameDevice(this.data.device.id, { name }),
      (device) => this.ref.close(device),
    );
  }
}
