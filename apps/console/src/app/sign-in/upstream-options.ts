import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { ApiPaths, type UpstreamOption } from '@latchkey/contracts';
import { SignInApi } from './sign-in-api';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Continue with <provider>" for an email whose domain an account routes to its own OpenID
 * provider (DESIGN §11), and at once for every provider of the account whose sign-in link
 * (`/sign-in?tenant=<id>`) opened the page. Each is a plain link: the browser goes to the
 * provider and comes back.
 */
@Component({
  selector: 'app-upstream-options',
  imports: [MatAnchor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (tenantName(); as name) {
      <p class="tenant" data-testid="sign-in-tenant">Sign in to {{ name }}</p>
    }
    @for (provider of providers(); track provider.connectionId) {
      <a mat-stroked-button class="provider" [href]="startOf(provider)" data-testid="continue-with-provider">
        Continue with {{ provider.name }}
      </a>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    :host:not(:empty) {
      margin-bottom: 16px;
    }
    .tenant {
      margin: 0;
      font-weight: 500;
    }
  `,
})
export class UpstreamOptions {
  private readonly api = inject(SignInApi);

  /** The email typed so far. */
  readonly email = input.required<string>();
  /** The account whose sign-in link opened the page, if one did. */
  readonly tenant = input<string | null>(null);
  /** Whether the email may still sign in with a password (false when its provider says no). */
  readonly passwordAllowed = output<boolean>();

  private readonly byEmail = signal<UpstreamOption[]>([]);
  private readonly ofTenant = signal<UpstreamOption[]>([]);
  /** The account's own first, then the email's others, each once. */
  protected readonly providers = computed(() => {
    const own = this.ofTenant();
    const ids = new Set(own.map((p) => p.connectionId));
    return [...own, ...this.byEmail().filter((p) => !ids.has(p.connectionId))];
  });
  protected readonly tenantName = computed(() => this.ofTenant()[0]?.tenantName ?? null);
  private asked = '';

  constructor() {
    effect(() => {
      const tenant = this.tenant();
      if (!tenant) return;
      this.api.upstreamOfTenant(tenant).subscribe({
        next: (answer) => this.ofTenant.set(answer.providers),
        // An unknown or malformed link shows the plain page.
        error: () => this.ofTenant.set([]),
      });
    });
    effect((onCleanup) => {
      const email = this.email().trim().toLowerCase();
      if (!EMAIL_SHAPE.test(email)) {
        this.asked = '';
        this.show([], true);
        return;
      }
      const domain = email.slice(email.lastIndexOf('@'));
      if (domain === this.asked) return;
      // Ask once the typing pauses, and only for a new domain.
      const timer = setTimeout(() => {
        this.asked = domain;
        this.api.upstreamFor(email).subscribe({
          next: (answer) => this.show(answer.providers, answer.passwordAllowed),
          error: () => this.show([], true),
        });
      }, 300);
      onCleanup(() => clearTimeout(timer));
    });
  }

  protected startOf(provider: UpstreamOption): string {
    return ApiPaths.upstreamStart(provider.connectionId);
  }

  private show(providers: UpstreamOption[], passwordAllowed: boolean): void {
    this.byEmail.set(providers);
    this.passwordAllowed.emit(passwordAllowed);
  }
}
