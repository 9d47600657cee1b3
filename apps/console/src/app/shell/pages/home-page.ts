import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Role } from '@latchkey/contracts';
import { SessionStore } from '../../core/session-store';
import { placeOf } from '../navigation';

const ROLE_NAMES: Record<Role, string> = {
  super: 'a platform super user',
  owner: 'an account owner',
  user: 'a user',
};

/** Where a signed-in person lands. */
@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (me(); as me) {
      <h1 class="lk-page-title" data-testid="greeting">Welcome, {{ me.displayName }}</h1>
      <p>
        You are signed in to {{ where() }} as {{ roleName() }} <span class="email">({{ me.email }})</span>.
      </p>
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
