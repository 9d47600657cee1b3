import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormRecord, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  FloorLock,
  MAX_GRACE_DAYS,
  METHOD_LABELS,
  PolicyPreviewAnswer,
  PolicyPreviewRequest,
  TenantPolicyView,
  TwoFactorMethod,
  UserTypeView,
} from '@latchkey/contracts';
import { concat, forkJoin, map, tap } from 'rxjs';
import { SessionStore } from '../../core/session-store';
import { DAY_COLUMNS } from './day-columns';
import { effectiveTexts, graceToApply } from './effective-policy';
import { floorText, lockFor } from './floor-lock';
import {
  Changes,
  GRACE_VALIDATORS,
  RowForm,
  SaveFailure,
  belowFloorOf,
  changeKeyOf,
  changesOf,
  failureOf,
  inSaveOrder,
  inviteRequired,
  newRowForm,
  previewRequestOf,
  tenantBodyOf,
  tenantChangeName,
  tenantGrace,
  userTypeBodyOf,
} from './policy-form';
import { METHODS_STRONGEST_FIRST, belowMinimum, formatDay } from '../../shared/policy-text';
import { problemText } from '../../shared/problem-text';
import { Icon } from '../../shared/icon';
import { ErrorLine } from '../../shared/error-line';
import { PreviewPanel, previewSummary } from './preview-panel';
import { confirmSave } from './save-confirm-dialog';
import { SecuritySettingsApi } from './security-settings-api';
import { UserTypeActions } from './user-type-actions';
import { UserTypeDialog, UserTypeDialogData } from './user-type-dialog';

/** A shown preview: the form it was asked for (its key), what was sent and the answer. */
interface ShownPreview {
  key: string;
  request: PolicyPreviewRequest;
  answer: PolicyPreviewAnswer;
}

export const FEATURE_OFF_MESSAGE =
  'Two-factor authentication has not been switched on for this account by the platform administrator.';

/**
 * Admin → Security settings: the method and grace per user type, "mandatory for all users",
 * whether a reset asks for a handover code and whether a new login's first enrolment asks for an
 * enrolment invite. Each type shows the method its users effectively get and why (a floor may
 * raise it). A change of methods is previewed (who is affected, who must enrol, by name) before it
 * can be saved, and confirmed with the grace that will apply; saving sends one PUT per changed
 * row, and the tenant's PUT when its part changed, then reloads.
 */
@Component({
  selector: 'app-security-settings-page',
  imports: [
    ErrorLine,
    Icon,
    PreviewPanel,
    UserTypeActions,
    ReactiveFormsModule,
    MatTableModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    MatSlideToggle,
    MatCheckbox,
    MatButton,
    MatTooltip,
    MatProgressBar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './security-settings-page.html',
  styleUrl: './security-settings-page.scss',
})
export class SecuritySettingsPage {
  private readonly api = inject(SecuritySettingsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly me = inject(SessionStore).me;
  protected readonly tenantId = this.me()?.tenantId ?? null;

  protected readonly columns = ['name', 'method', 'grace', 'remember', 'logins', 'lock'];
  protected readonly methods = METHODS_STRONGEST_FIRST;
  protected readonly labels = METHOD_LABELS;
  protected readonly floorText = floorText;
  protected readonly formatDay = formatDay;
  protected readonly featureOffMessage = FEATURE_OFF_MESSAGE;
  protected readonly maxGraceDays = MAX_GRACE_DAYS;
  /** A row's two day counts, a number column each. */
  protected readonly dayColumns = DAY_COLUMNS;
  protected readonly trackById = (_: number, type: UserTypeView): string => type.id;

  protected readonly policy = signal<TenantPolicyView | null>(null);
  protected readonly types = signal<UserTypeView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<'preview' | 'save' | null>(null);
  private readonly shownPreview = signal<ShownPreview | null>(null);

  protected readonly form = this.fb.group({
    mandatoryForAll: this.fb.control(false),
    graceDays: this.fb.control<number | null>(0, GRACE_VALIDATORS),
    handoverEnabled: this.fb.control(true),
    enrolmentInviteRequired: this.fb.control(false),
    types: new FormRecord<RowForm>({}),
  });
  protected readonly signOutAffected = this.fb.control(false);
  private readonly formState = toSignal(this.form.events.pipe(map(() => this.snapshot())), {
    initialValue: this.snapshot(),
  });

  protected readonly readOnly = computed(() => this.policy()?.twoFactorEnabled === false);
  protected readonly mandatoryForAll = computed(() => this.formState().value.mandatoryForAll);

  /** What the form changes, compared with what the API last answered. */
  protected readonly changes = computed<Changes>(() =>
    changesOf(this.policy(), this.types(), this.formState().value),
  );
  protected readonly hasChanges = computed(() => {
    const { rows, tenant } = this.changes();
    return rows.length > 0 || tenant !== null;
  });
  /** Changes to who must use what are previewed; the handover alone affects nobody's sign-in. */
  protected readonly needsPreview = computed(() => {
    const { rows, floorChanged } = this.changes();
    return rows.length > 0 || floorChanged;
  });
  private readonly changeKey = computed(() => changeKeyOf(this.changes()));

  /** The floor each row cannot go below, following the form's "mandatory for all users". */
  protected readonly locks = computed(() => {
    const policy = this.policy();
    const mandatory = this.mandatoryForAll();
    const owner = this.me()?.email ?? null;
    return new Map<string, FloorLock | null>(
      this.types().map((type) => [type.id, policy ? lockFor(type, policy, mandatory, owner) : null]),
    );
  });

  /** What each type's logins effectively get under what the form holds, and why, in words. */
  protected readonly effective = computed(() =>
    effectiveTexts(this.policy(), this.types(), this.formState().value),
  );

  /** Changed rows whose method is below a floor the API enforces when their PUT arrives. */
  protected readonly belowFloor = computed(() =>
    belowFloorOf(this.policy(), this.changes().rows, this.mandatoryForAll()),
  );

  /** The preview of exactly what the form holds now; a later edit makes it stale. */
  protected readonly preview = computed(() => {
    const shown = this.shownPreview();
    return shown && shown.key === this.changeKey() ? shown : null;
  });
  private readonly canApply = computed(
    () =>
      !this.readOnly() &&
      this.busy() === null &&
      this.hasChanges() &&
      this.formState().valid &&
      this.belowFloor().size === 0,
  );
  protected readonly canPreview = computed(() => this.canApply() && this.needsPreview());
  protected readonly canSave = computed(
    () => this.canApply() && (!this.needsPreview() || this.preview() !== null),
  );

  constructor() {
    this.load(true);
  }

  protected rowForm(typeId: string): RowForm {
    return this.form.controls.types.controls[typeId];
  }

  protected below(method: TwoFactorMethod, lock: FloorLock | null | undefined): boolean {
    return belowMinimum(method, lock?.method);
  }

  protected runPreview(): void {
    const tenantId = this.tenantId;
    if (!tenantId || !this.canPreview()) {
      return;
    }
    const key = this.changeKey();
    const request = previewRequestOf(this.changes().rows, this.mandatoryForAll());
    this.busy.set('preview');
    this.error.set(null);
    this.api.preview(tenantId, request).subscribe({
      next: (answer) => {
        this.busy.set(null);
        this.shownPreview.set({ key, request, answer });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.error.set(`The preview failed: ${problemText(error)}`);
      },
    });
  }

  /** A change of who must use what is confirmed first, with the grace that will apply. */
  protected save(): void {
    const tenantId = this.tenantId;
    if (!tenantId || !this.canSave()) {
      return;
    }
    const shown = this.preview();
    if (!this.needsPreview() || !shown) {
      this.send(tenantId);
      return;
    }
    const signOutAffected = this.signOutAffected.value;
    confirmSave(this.dialog, {
      summary: previewSummary(shown.answer),
      grace: graceToApply(this.policy(), this.types(), this.formState().value, shown.answer, this.changes()),
      signOutAffected,
    }).subscribe((yes) => {
      // The form could not change under the dialog; saving still checks it did not.
      if (yes && this.canSave()) {
        this.send(tenantId);
      }
    });
  }

  private send(tenantId: string): void {
    const { rows, tenant, floorChanged } = this.changes();
    const signOutAffected = this.signOutAffected.value;
    const typeCalls = rows.map((row) =>
      this.api.setUserTypePolicy(tenantId, row.type.id, userTypeBodyOf(row, signOutAffected)).pipe(
        // Saved: it becomes the row's new baseline, so a later failure leaves only the rest changed.
        tap((view) => this.types.update((list) => list.map((t) => (t.id === view.id ? view : t)))),
        failureOf(row.type.name),
      ),
    );
    const tenantCalls = tenant
      ? [
          this.api.setPolicy(tenantId, tenantBodyOf(tenant, floorChanged, signOutAffected)).pipe(
            tap((view) => this.policy.set(view)),
            failureOf(tenantChangeName(this.changes())),
          ),
        ]
      : [];
    const calls = inSaveOrder(this.changes(), typeCalls, tenantCalls);

    this.busy.set('save');
    this.error.set(null);
    concat(...calls).subscribe({
      complete: () => {
        this.busy.set(null);
        this.shownPreview.set(null);
        this.signOutAffected.setValue(false);
        this.snackBar.open('Security settings saved.', 'Close', { duration: 5000 });
        this.load(false);
      },
      error: (failure: SaveFailure) => {
        this.busy.set(null);
        this.error.set(`${failure.what} was not saved: ${problemText(failure.error)}`);
      },
    });
  }

  protected addUserType(): void {
    const policy = this.policy();
    if (!this.tenantId || !policy) {
      return;
    }
    const data: UserTypeDialogData = {
      tenantId: this.tenantId,
      minimum: lockFor(null, policy, policy.mandatoryForAll, this.me()?.email ?? null),
      chooseMethod: !this.readOnly(),
    };
    this.dialog
      .open<UserTypeDialog, UserTypeDialogData, UserTypeView>(UserTypeDialog, { data })
      .afterClosed()
      .subscribe((view) => {
        if (view) {
          // The control first: the table renders the new row as soon as the list has it.
          this.form.controls.types.addControl(view.id, this.newRowForm(view));
          this.types.update((list) => [...list, view]);
          this.snackBar.open(`User type "${view.name}" added.`, 'Close', { duration: 5000 });
        }
      });
  }

  /** Only the name: the row's unsaved method, grace and remember days stay as the form holds them. */
  protected renamed(view: UserTypeView): void {
    this.types.update((list) => list.map((t) => (t.id === view.id ? { ...t, name: view.name } : t)));
  }

  /** The row goes, and its unsaved changes with it; the other rows keep theirs. */
  protected deleted(type: UserTypeView): void {
    this.types.update((list) => list.filter((t) => t.id !== type.id));
    (this.form.controls.types as FormRecord<RowForm>).removeControl(type.id);
    this.snackBar.open(`User type "${type.name}" deleted.`, 'Close', { duration: 5000 });
  }

  protected retry(): void {
    this.load(true);
  }

  private load(initial: boolean): void {
    const tenantId = this.tenantId;
    if (!tenantId) {
      this.loading.set(false);
      this.loadError.set('Security settings are for account owners.');
      return;
    }
    this.loading.set(true);
    this.loadError.set(null);
    forkJoin([this.api.policy(tenantId), this.api.userTypes(tenantId)]).subscribe({
      next: ([policy, types]) => {
        this.loading.set(false);
        this.apply(policy, types);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        if (initial) {
          this.loadError.set(`The security settings could not be loaded: ${problemText(error)}`);
        } else {
          this.error.set(`The saved settings could not be reloaded: ${problemText(error)}`);
        }
      },
    });
  }

  /** Show what the API answered, replacing whatever the form held. */
  private apply(policy: TenantPolicyView, types: UserTypeView[]): void {
    this.policy.set(policy);
    this.types.set(types);
    this.form.setControl(
      'types',
      new FormRecord<RowForm>(Object.fromEntries(types.map((type) => [type.id, this.newRowForm(type)]))),
    );
    this.form.controls.mandatoryForAll.setValue(policy.mandatoryForAll);
    this.form.controls.graceDays.setValue(tenantGrace(policy));
    this.form.controls.handoverEnabled.setValue(policy.handoverEnabled);
    this.form.controls.enrolmentInviteRequired.setValue(inviteRequired(policy));
    if (policy.twoFactorEnabled) {
      this.form.enable();
      this.signOutAffected.enable();
    } else {
      this.form.disable();
      this.signOutAffected.disable();
    }
    this.form.markAsPristine();
  }

  private newRowForm(type: UserTypeView): RowForm {
    return newRowForm(this.fb, type, this.readOnly());
  }

  private snapshot() {
    return { value: this.form.getRawValue(), valid: this.form.valid };
  }
}
