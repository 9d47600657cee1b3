import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComingSoon } from './coming-soon';

@Component({
  selector: 'app-security-settings-page',
  imports: [ComingSoon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<app-coming-soon heading="Security settings" />',
})
export class SecuritySettingsPage {}
