import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { ApplicationCreatedAnswer, ApplicationView, UserTypeView } from '@latchkey/contracts';
import { forkJoin } from 'rxjs';
import { focusAfterRender } from '../../core/focus-after-render';
import { SessionStore } from '../../core/session-store';
import { askToConfirm } from '../../shared/confirm-dialog';
import { ErrorLine } from '../../shared/error-line';
import { ListBar } from '../../shared/list-bar';
import { ListEmpty } from '../../shared/list-empty';
import { ownerLoad } from '../../shared/owner-load';
import { formatMoment } from '../../shared/policy-text';
import { RowCalls } from '../../shared/row-calls';
import { TableFrame } from '../../shared/table-frame';
import { ApplicationDialog, ApplicationDialogData, ApplicationDialogResult } from './application-dialog';
import { KIND_LABELS, allowedTypesText } from './application-text';
import { ApplicationsApi } from './applications-api';
import { SecretDialog, SecretDialogData } from './secret-dialog';

const byName = (a: ApplicationView, b: ApplicationView): number => a.name.localeCompare(b.name);

/**
 * Admin → Applications: the applications (OpenID Connect clients) that sign the account's users in
 * through Latchkey. An owner registers one, changes it, rotates a confidential one's secret and
 * deletes one (both after confirming); a new secret is shown once.
 */
@Component({
  selector: 'app-applications-page',
  imports: [ErrorLine, ListBar, ListEmpty, MatButton, MatTableModule, TableFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './applications-page.html',
  styleUrl: './applications-page.scss',
})
export class ApplicationsPage {
  private readonly api = inject(ApplicationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly tenantId = inject(SessionStore).me()?.tenantId ?? null;
  private readonly focusHeading = focusAfterRender(() => this.heading());
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly columns = ['name', 'kind', 'uris', 'types', 'secret', 'actions'];
  protected readonly trackApp = (_index: number, app: ApplicationView): string => app.id;
  protected readonly canRetry = this.tenantId !== null;

  protected readonly apps = signal<ApplicationView[]>([]);
  protected readonly types = signal<UserTypeView[]>([]);
  protected readonly list = ownerLoad(this.tenantId, {
    fetch: (tenantId) => forkJoin({ apps: this.api.list(tenantId), types: this.api.userTypes(tenantId) }),
    next: ({ apps, types }) => {
      this.apps.set(apps);
      this.types.set(types);
    },
    failed: 'The applications could not be loaded.',
    ownersOnly: 'Applications are for account owners.',
  });
  /** Rotations and deletions under way, and the line when one failed. */
  protected readonly calls = new RowCalls();

  constructor() {
    this.list.load();
  }

  protected isBusy(app: ApplicationView): boolean {
    return this.calls.has(app);
  }

  protected kindOf(app: ApplicationView): string {
    return KIND_LABELS[app.kind];
  }

  protected typesOf(app: ApplicationView): string {
    return allowedTypesText(app, this.types());
  }

  protected secretOf(app: ApplicationView): string {
    if (app.kind === 'public') {
      return 'None: signs in with PKCE';
    }
    return app.secretSetAt ? `Set ${formatMoment(app.secretSetAt)}` : 'Not set';
  }

  protected register(): void {
    this.openDialog(undefined);
  }

  protected edit(app: ApplicationView): void {
    this.openDialog(app);
  }

  /** Ask, rotate, and show the new secret once. */
  protected rotate(app: ApplicationView): void {
    const tenantId = this.tenantId;
    if (!tenantId || app.kind !== 'confidential' || this.isBusy(app)) {
      return;
    }
    askToConfirm(this.dialog, {
      title: `Rotate the client secret of ${app.name}?`,
      message:
        `${app.name} gets a new client secret, shown once. Its current secret stops working at once: ` +
        'the application cannot sign anyone in until its configuration has the new one.',
      confirm: 'Rotate secret',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.calls.run(
          app,
          this.api.rotateSecret(tenantId, app.id),
          'was not given a new secret',
          (answer) => {
            this.replace(answer.application);
            this.showSecret(answer, true);
          },
        );
      }
    });
  }

  /** Ask, naming the application, then delete it and take its row away. */
  protected remove(app: ApplicationView): void {
    const tenantId = this.tenantId;
    if (!tenantId || this.isBusy(app)) {
      return;
    }
    askToConfirm(this.dialog, {
      title: `Delete ${app.name}?`,
      message:
        `${app.name} can no longer sign anyone in through Latchkey, and its client ID and secret stop ` +
        'working. This cannot be undone: to use it again, register it anew.',
      confirm: 'Delete',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.calls.run(app, this.api.remove(tenantId, app.id), 'was not deleted', () => {
          this.apps.update((apps) => apps.filter((a) => a.id !== app.id));
          this.snackBar.open(`${app.name} is deleted.`, 'Close', { duration: 5000 });
          // The row and its buttons are gone: keep keyboard focus on the page, at its heading.
          this.focusHeading();
        });
      }
    });
  }

  private openDialog(application: ApplicationView | undefined): void {
    const tenantId = this.tenantId;
    if (!tenantId) {
      return;
    }
    const data: ApplicationDialogData = { tenantId, types: this.types(), application };
    this.dialog
      .open<ApplicationDialog, ApplicationDialogData, ApplicationDialogResult>(ApplicationDialog, {
        data,
        width: '600px',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) {
          return;
        }
        this.calls.error.set(null);
        if ('registered' in result) {
          this.apps.update((apps) => [...apps, result.registered.application].sort(byName));
          this.showSecret(result.registered, false);
        } else {
          this.replace(result.updated);
          this.snackBar.open(`${result.updated.name} is saved.`, 'Close', { duration: 5000 });
        }
      });
  }

  private showSecret(answer: ApplicationCreatedAnswer, rotated: boolean): void {
    this.dialog.open<SecretDialog, SecretDialogData, void>(SecretDialog, {
      data: { answer, rotated },
      width: '600px',
    });
  }

  private replace(updated: ApplicationView): void {
    this.apps.update((apps) => apps.map((a) => (a.id === updated.id ? updated : a)).sort(byName));
  }
}
