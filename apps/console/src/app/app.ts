import { ChangeDetectionStrategy, Component, ViewEncapsulation } from '@angular/core';
import { RouterOutlet } from '@angular/router';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<router-outlet />',
  // Global on purpose: Material's strong focus indicators for every control of every page.
  styleUrl: './app.scss',
  encapsulation: ViewEncapsulation.None,
})
export class App {}
