import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { ApiPaths, type UpstreamOption } from '@latchkey/contracts';
import { SignInApi } from './sign-in-api';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Continue with <provider>" for an email whose domain an account routes to its own OpenID
 * provider (DESIGN §11). Each is a plain link: the browser goes to the provider and comes back.
 */
@Component({
  selector: 'app-upstream-options',
  imports: [MatAnchor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
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
  `,
})
export class UpstreamOptions {
  private readonly api = inject(SignInApi);

  /** The email typed so far. */
  readonly email = input.required<string>();
  /** Whether the email may still sign in with a password (false when its provider says no). */
  readonly passwordAllowed = output<boolean>();

  protected readonly providers = signal<UpstreamOption[]>([]);
  private asked = '';

  constructor() {
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
    this.providers.set(providers);
    this.passwordAllowed.emit(passwordAllowed);
  }
}
