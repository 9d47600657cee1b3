import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import {
  ApiPaths,
  ConnectionTestAnswer,
  ConnectionView,
  UserTypeView,
  tenantSignInLink,
} from '@latchkey/contracts';
import { forkJoin } from 'rxjs';
import { focusAfterRender } from '../../core/focus-after-render';
import { SessionStore } from '../../core/session-store';
import { askToConfirm } from '../../shared/confirm-dialog';
import { CopyValue } from '../../shared/copy-value';
import { ErrorLine } from '../../shared/error-line';
import { ListBar } from '../../shared/list-bar';
import { ListEmpty } from '../../shared/list-empty';
import { ownerLoad } from '../../shared/owner-load';
import { RowCalls } from '../../shared/row-calls';
import { TableFrame } from '../../shared/table-frame';
import { allowedTypesText } from '../applications/application-text';
import { ConnectionDialog, ConnectionDialogData, ConnectionDialogResult } from './connection-dialog';
import { stateText, trustText } from './connection-text';
import { ConnectionsApi } from './connections-api';

const byName = (a: ConnectionView, b: ConnectionView): number => a.name.localeCompare(b.name);

/**
 * Admin → Sign-in providers: the account's own OpenID providers (DESIGN §11), through which its
 * people sign in before Latchkey's second factor. An owner connects one, changes it, tests it
 * (the provider's discovery document, in words) and removes it after confirming. The redirect URI
 * to register at the providers is shown with its Copy button.
 */
@Component({
  selector: 'app-connections-page',
  imports: [CopyValue, ErrorLine, ListBar, ListEmpty, MatButton, MatTableModule, TableFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connections-page.html',
  styleUrl: './connections-page.scss',
})
export class ConnectionsPage {
  private readonly api = inject(ConnectionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly origin = inject(DOCUMENT).location.origin;
  private readonly tenantId = inject(SessionStore).me()?.tenantId ?? null;
  private readonly focusHeading = focusAfterRender(() => this.heading());
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly columns = ['name', 'issuer', 'domains', 'types', 'trust', 'state', 'actions'];
  protected readonly trackConnection = (_index: number, c: ConnectionView): string => c.id;
  protected readonly canRetry = this.tenantId !== null;

  protected readonly connections = signal<ConnectionView[]>([]);
  protected readonly types = signal<UserTypeView[]>([]);
  /** The last "Test connection" answer of each provider, until it changes. */
  protected readonly tests = signal<Readonly<Record<string, ConnectionTestAnswer>>>({});
  /**
   * Where the providers send people back: as the API says it (its public URL), or, before there
   * is a provider to say it, this console's own address.
   */
  protected readonly redirectUri = computed(
    () => this.connections()[0]?.redirectUri ?? `${this.origin}${ApiPaths.upstreamCallback}`,
  );
  /** The account's sign-in link: the sign-in page shows its providers at once (no email needed first). */
  protected readonly signInLink = computed(() => {
    const redirect = this.redirectUri();
    const base = redirect.endsWith(ApiPaths.upstreamCallback)
      ? redirect.slice(0, -ApiPaths.upstreamCallback.length)
      : this.origin;
    return this.tenantId ? tenantSignInLink(base, this.tenantId) : null;
  });
  protected readonly list = ownerLoad(this.tenantId, {
    fetch: (tenantId) =>
      forkJoin({ connections: this.api.list(tenantId), types: this.api.userTypes(tenantId) }),
    next: ({ connections, types }) => {
      this.connections.set(connections);
      this.types.set(types);
    },
    failed: 'The sign-in providers could not be loaded.',
    ownersOnly: 'Sign-in providers are for account owners.',
  });
  /** Tests and removals under way, and the line when one failed. */
  protected readonly calls = new RowCalls();

  constructor() {
    this.list.load();
  }

  protected isBusy(connection: ConnectionView): boolean {
    return this.calls.has(connection);
  }

  protected trustOf(connection: ConnectionView): string {
    return trustText(connection);
  }

  protected stateOf(connection: ConnectionView): string {
    return stateText(connection);
  }

  protected typesOf(connection: ConnectionView): string {
    return allowedTypesText(connection, this.types());
  }

  protected testOf(connection: ConnectionView): ConnectionTestAnswer | null {
    return this.tests()[connection.id] ?? null;
  }

  protected connect(): void {
    this.openDialog(undefined);
  }

  protected edit(connection: ConnectionView): void {
    this.openDialog(connection);
  }

  /** Read the provider's discovery document, and show what was found or what is wrong in its row. */
  protected test(connection: ConnectionView): void {
    const tenantId = this.tenantId;
    if (!tenantId || this.isBusy(connection)) {
      return;
    }
    this.forget(connection.id);
    this.calls.run(connection, this.api.test(tenantId, connection.id), 'could not be tested', (answer) =>
      this.tests.update((tests) => ({ ...tests, [connection.id]: answer })),
    );
  }

  /** Ask, naming the provider, then remove it and take its row away. */
  protected remove(connection: ConnectionView): void {
    const tenantId = this.tenantId;
    if (!tenantId || this.isBusy(connection)) {
      return;
    }
    askToConfirm(this.dialog, {
      title: `Remove ${connection.name}?`,
      message:
        `The sign-in page no longer offers ${connection.name}, and nobody can sign in through it. ` +
        'People with a login keep it and sign in with their password, unless it was turned off for them. ' +
        'To use the provider again, connect it anew (with its client secret).',
      confirm: 'Remove',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.calls.run(connection, this.api.remove(tenantId, connection.id), 'was not removed', () => {
          this.connections.update((list) => list.filter((c) => c.id !== connection.id));
          this.forget(connection.id);
          this.snackBar.open(`${connection.name} is removed.`, 'Close', { duration: 5000 });
          // The row and its buttons are gone: keep keyboard focus on the page, at its heading.
          this.focusHeading();
        });
      }
    });
  }

  private openDialog(connection: ConnectionView | undefined): void {
    const tenantId = this.tenantId;
    if (!tenantId) {
      return;
    }
    const data: ConnectionDialogData = {
      tenantId,
      types: this.types(),
      redirectUri: connection?.redirectUri ?? this.redirectUri(),
      connection,
    };
    this.dialog
      .open<ConnectionDialog, ConnectionDialogData, ConnectionDialogResult>(ConnectionDialog, {
        data,
        width: '640px',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) {
          return;
        }
        const { saved, created } = result;
        this.calls.error.set(null);
        this.forget(saved.id);
        this.connections.update((list) =>
          (created ? [...list, saved] : list.map((c) => (c.id === saved.id ? saved : c))).sort(byName),
        );
        const said = created
          ? `${saved.name} is connected. Test it, then register the redirect URI at the provider.`
          : `${saved.name} is saved.`;
        this.snackBar.open(said, 'Close', { duration: 5000 });
      });
  }

  private forget(id: string): void {
    this.tests.update((tests) => Object.fromEntries(Object.entries(tests).filter(([key]) => key !== id)));
  }
}
