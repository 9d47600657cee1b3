import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComingSoon } from './coming-soon';

@Component({
  selector: 'app-users-page',
  imports: [ComingSoon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<app-coming-soon heading="Users" />',
})
export class UsersPage {}
