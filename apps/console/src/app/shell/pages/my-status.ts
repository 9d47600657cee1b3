import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { METHOD_LABELS, MySecurityView } from '@latchkey/contracts';
import { formatDateTime } from '../../shared/date-time';
import { PageLoad, loadFailure } from '../../shared/page-load';
import { OverviewApi } from './overview-api';

/** A person's own security page, where every line of their status leads. */
export const SECURITY_PATH = '/profile/security';

/** What one's status says: what to do first (if anything), then what one holds. */
export interface StatusLines {
  /** "Set up your authenticator app.": the factor one's sign-in asks for and one does not hold. */
  todo: string | null;
  lines: string[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The status of a login from GET /me/security, with the due date of a postponed enrolment. */
export function statusLines(view: MySecurityView): StatusLines {
  const { method } = view.effective;
  const devices = view.devices.length;
  // A stronger factor counts: an authenticator also answers a PIN's step.
  const due = view.enrolDeadline ? ` by ${formatDateTime(view.enrolDeadline)}` : '';
  const todo =
    method === 'authenticator' && devices === 0
      ? `Set up your authenticator app${due}.`
      : method === 'pin' && !view.hasPin && devices === 0
        ? `Set up your PIN code${due}.`
        : null;
  const lines = [
    method === 'off'
      ? 'Your sign-in asks for no second factor.'
      : `Your sign-in asks for: ${METHOD_LABELS[method]}.`,
  ];
  if (devices > 0 || method === 'authenticator') {
    lines.push(
      devices === 0
        ? 'No authenticator app set up yet.'
        : `${plural(devices, 'authenticator app', 'authenticator apps')} set up.`,
    );
  }
  if (view.hasPin) {
    lines.push('A PIN code is set.');
  }
  if (devices > 0) {
    lines.push(
      view.backupCodesRemaining > 0
        ? `${plural(view.backupCodesRemaining, 'backup code', 'backup codes')} left.`
        : 'No backup codes left: make a new set.',
    );
  }
  return { todo, lines };
}

/** An end user's home: where their second factor stands, with a link to their security page. */
@Component({
  selector: 'app-my-status',
  imports: [MatButton, MatProgressBar, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="status" aria-labelledby="my-status-title" [attr.aria-busy]="load.loading()">
      <h2 id="my-status-title" class="section-title">Your second factor</h2>
      @if (load.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading your second factor" />
      } @else if (load.error(); as error) {
        <div class="lk-error" role="alert" data-testid="my-status-error">
          <span>{{ error }}</span>
          <button mat-button type="button" (click)="load.load()" data-testid="my-status-retry">
            Try again
          </button>
        </div>
      } @else if (status(); as status) {
        @if (status.todo) {
          <p class="todo" data-testid="my-status-todo">
            <a [routerLink]="securityPath">{{ status.todo }}</a>
          </p>
        }
        <ul data-testid="my-status-lines">
          @for (line of status.lines; track line) {
            <li>{{ line }}</li>
          }
        </ul>
        <a mat-stroked-button [routerLink]="securityPath" data-testid="my-status-security"
          >Your security page</a
        >
      }
    </section>
  `,
  styles: `
    .status {
      margin-top: 24px;
      max-width: 72ch;
    }
    .section-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .todo {
      font: var(--mat-sys-title-small);
    }
    ul {
      margin: 0 0 16px;
      padding-inline-start: 20px;
    }
    .lk-error {
      display: flex;
      align-items: center;
      gap: 8px;
    }
  `,
})
export class MyStatus {
  private readonly api = inject(OverviewApi);
  protected readonly securityPath = SECURITY_PATH;

  private readonly view = signal<MySecurityView | null>(null);
  protected readonly status = computed(() => {
    const view = this.view();
    return view ? statusLines(view) : null;
  });
  protected readonly load = new PageLoad({
    fetch: () => this.api.mySecurity(),
    next: (view) => this.view.set(view),
    failure: loadFailure('Your second factor could not be loaded.'),
  });

  constructor() {
    this.load.load();
  }
}
