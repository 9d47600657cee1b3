import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Role } from '@latchkey/contracts';
import { SessionStore } from '../../core/session-store';
import { placeOf } from '../navigation';
import { AccountOverviewSection } from './account-overview';
import { MyStatus } from './my-status';
import { PlatformOverviewSection } from './platform-overview';

const ROLE_NAMES: Record<Role, string> = {
  super: 'a platform super user',
  owner: 'an account owner',
  user: 'a user',
};

/**
 * Where a signed-in person lands: the greeting, then the state of things for their role (an
 * owner's account by user type, every tenant for a super user, one's own second factor).
 */
@Component({
  selector: 'app-home-page',
  imports: [AccountOverviewSection, MyStatus, PlatformOverviewSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (me(); as me) {
      <h1 class="lk-page-title" data-testid="greeting">Welcome, {{ me.displayName }}</h1>
      <p>
        You are signed in to {{ where() }} as {{ roleName() }} <span class="email">({{ me.email }})</span>.
      </p>
      @switch (me.role) {
        @case ('owner') {
          <app-account-overview />
        }
        @case ('super') {
          <app-platform-overview />
        }
        @case ('user') {
          <app-my-status />
        }
      }
    }
  `,
  styles: `
    .email {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class HomePage {
  protected readonly me = inject(SessionStore).me;
  protected readonly where = computed(() => {
    const me = this.me();
    return me ? placeOf(me) : '';
  });
  protected readonly roleName = computed(() => {
    const me = this.me();
    return me ? ROLE_NAMES[me.role] : '';
  });
}
