import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComingSoon } from './coming-soon';

@Component({
  selector: 'app-audit-log-page',
  imports: [ComingSoon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<app-coming-soon heading="Audit log" />',
})
export class AuditLogPage {}
