import { Route } from '@angular/router';
import { requireState } from './core/session-guards';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    loadChildren: () => import('./sign-in/sign-in.routes').then((m) => m.signInRoutes),
  },
  {
    path: '',
    canMatch: [requireState('signed-in')],
    loadChildren: () => import('./shell/shell.routes').then((m) => m.shellRoutes),
  },
  { path: '**', redirectTo: '' },
];
