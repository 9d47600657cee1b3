import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { SignInFlow } from './sign-in-flow';

/** The frame around every sign-in step: the product name, the application signed in to, a card. */
@Component({
  selector: 'app-sign-in-frame',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="frame">
      <p class="brand">Latchkey</p>
      @if (app(); as app) {
        <p class="for-app" data-testid="sign-in-for-app">
          Sign in to continue to <strong>{{ app.applicationName }}</strong> ({{ app.tenantName }})
        </p>
      }
      <section class="card">
        <router-outlet />
      </section>
    </main>
  `,
  styles: `
    .frame {
      min-height: 100dvh;
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      padding: 24px 16px;
      background: var(--mat-sys-surface-container-low);
    }
    .brand {
      font: var(--mat-sys-headline-small);
      color: var(--mat-sys-primary);
      margin: 0 0 16px;
      letter-spacing: 0.02em;
    }
    .for-app {
      font: var(--mat-sys-body-large);
      margin: 0 0 16px;
      text-align: center;
    }
    .card {
      width: 100%;
      max-width: 420px;
      box-sizing: border-box;
      padding: 24px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
      box-shadow: var(--mat-sys-level1);
    }
  `,
})
export class SignInFrame {
  protected readonly app = inject(SignInFlow).app;
}
