import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatListItem, MatNavList } from '@angular/material/list';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { SessionStore } from '../core/session-store';
import { SignInNotice, SignInNotices } from '../core/sign-in-notice';
import { Icon } from '../shared/icon';
import { focusHeadingAfterNavigation } from './heading-focus';
import { navigationFor, placeOf } from './navigation';

/**
 * The signed-in frame: the skip link, toolbar, role-dependent side navigation, and the page in
 * `main`, whose heading takes focus after each navigation (`heading-focus.ts`).
 */
@Component({
  selector: 'app-shell',
  imports: [
    MatToolbar,
    MatButton,
    MatIconButton,
    MatSidenavContainer,
    MatSidenav,
    MatSidenavContent,
    MatNavList,
    MatListItem,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    Icon,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly session = inject(SessionStore);
  private readonly notice = inject(SignInNotice);
  private readonly router = inject(Router);
  private readonly sidenav = viewChild.required(MatSidenav);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly me = this.session.me;
  protected readonly where = computed(() => {
    const me = this.me();
    return me ? [placeOf(me), me.userTypeName].filter(Boolean).join(' · ') : '';
  });
  protected readonly sections = computed(() => {
    const me = this.me();
    return me ? navigationFor(me.role) : [];
  });
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 839.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly navOpen = signal(false);
  protected readonly signingOut = signal(false);

  constructor() {
    focusHeadingAfterNavigation(() => this.main().nativeElement);
  }

  /** The skip link: focus the page itself, without touching the address (no `#` navigation). */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected closeOnNarrow(): void {
    if (this.narrow()) {
      void this.sidenav().close();
    }
  }

  protected signOut(): void {
    if (this.signingOut()) {
      return;
    }
    this.signingOut.set(true);
    this.session.signOut().subscribe(() => {
      this.notice.set(SignInNotices.signedOut);
      void this.router.navigateByUrl('/sign-in');
    });
  }
}
