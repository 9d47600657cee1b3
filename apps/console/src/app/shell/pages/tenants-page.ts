import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComingSoon } from './coming-soon';

@Component({
  selector: 'app-tenants-page',
  imports: [ComingSoon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<app-coming-soon heading="Tenants" />',
})
export class TenantsPage {}
