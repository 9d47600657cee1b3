import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

/** The frame around every sign-in step: the product name and a card. */
@Component({
  selector: 'app-sign-in-frame',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="frame">
      <p class="brand">Latchkey</p>
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
export class SignInFrame {}
