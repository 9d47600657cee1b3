import { Routes } from '@angular/router';
import { notSignedInGuard, requireState } from '../core/session-guards';
import { SignInFrame } from './sign-in-frame';

/**
 * The sign-in pages. Each step page opens only while the sign-in stands at its state; otherwise
 * `requireState` sends the browser to the page of the state it does stand at (after a reload it
 * asks GET /auth/state first).
 */
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
        path: 'totp-enrol',
        canActivate: [requireState('totp-enrol')],
        title: 'Set up an authenticator app · Latchkey',
        loadComponent: () => import('./totp-enrol-page').then((m) => m.TotpEnrolPage),
      },
      {
        path: 'totp',
        canActivate: [requireState('totp')],
        title: 'Enter your code · Latchkey',
        loadComponent: () => import('./totp-page').then((m) => m.TotpPage),
      },
      {
        path: 'pin-setup',
        canActivate: [requireState('pin-setup')],
        title: 'Choose a PIN · Latchkey',
        loadComponent: () => import('./pin-setup-page').then((m) => m.PinSetupPage),
      },
      {
        path: 'pin',
        canActivate: [requireState('pin')],
        title: 'Enter your PIN · Latchkey',
        loadComponent: () => import('./pin-page').then((m) => m.PinPage),
      },
      {
        path: 'handover',
        canActivate: [requireState('handover')],
        title: 'Code from your account owner · Latchkey',
        loadComponent: () => import('./handover-page').then((m) => m.HandoverPage),
      },
      { path: '**', redirectTo: '' },
    ],
  },
];
