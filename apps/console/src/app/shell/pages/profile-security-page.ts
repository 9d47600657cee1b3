import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComingSoon } from './coming-soon';

@Component({
  selector: 'app-profile-security-page',
  imports: [ComingSoon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<app-coming-soon heading="Security" />',
})
export class ProfileSecurityPage {}
