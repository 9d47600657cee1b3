import { Routes } from '@angular/router';
import { notSignedInGuard, requireState } from '../core/session-guards';
import { FACTOR_STATES } from '../core/sign-in-routes';
import { SignInFrame } from './sign-in-frame';

export const signInRoutes: Routes = [
  {
    path: '',
    component: SignInFrame,
    children: [
      {
        path: '',
        pathMatch: 'full',
        canActivate: [notSignedInGuard],
        title: 'Sign in · Latchkey',
        loadComponent: () => import('./sign-in-page').then((m) => m.SignInPage),
      },
      {
        path: 'pick',
        canActivate: [requireState('pick-login')],
        title: 'Choose a login · Latchkey',
        loadComponent: () => import('./login-picker').then((m) => m.LoginPicker),
      },
      {
        path: 'step',
        canActivate: [requireState(...FACTOR_STATES)],
        title: 'Next step · Latchkey',
        loadComponent: () => import('./factor-step').then((m) => m.FactorStep),
      },
      { path: '**', redirectTo: '' },
    ],
  },
];
