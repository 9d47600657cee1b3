import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The stand-in for a page a later release builds. */
@Component({
  selector: 'app-coming-soon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="lk-page-title">{{ heading() }}</h1>
    <p data-testid="coming-soon">Coming in a later release.</p>
  `,
})
export class ComingSoon {
  readonly heading = input.required<string>();
}
