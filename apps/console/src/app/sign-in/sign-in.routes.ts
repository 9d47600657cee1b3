import { Routes } from '@angular/router';
import { notSignedInGuard, requireState } from '../core/session-guards';
import { SignInFrame } from './sign-in-frame';
import { requireStep } from './step-guard';

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
        canActivate: [requireStep('totp-enrol')],
        title: 'Set up an authenticator app · Latchkey',
        loadComponent: () => import('./totp-enrol-page').then((m) => m.TotpEnrolPage),
      },
      {
        path: 'totp',
        canActivate: [requireStep('totp')],
        title: 'Enter your code · Latchkey',
        loadComponent: () => import('./totp-page').then((m) => m.TotpPage),
      },
      {
        path: 'pin-setup',
        canActivate: [requireStep('pin-setup')],
        title: 'Choose a PIN · Latchkey',
        loadComponent: () => import('./pin-setup-page').then((m) => m.PinSetupPage),
      },
      {
        path: 'pin',
        canActivate: [requireStep('pin')],
        title: 'Enter your PIN · Latchkey',
        loadComponent: () => import('./pin-page').then((m) => m.PinPage),
      },
      {
        path: 'handover',
        canActivate: [requireStep('handover')],
        title: 'Code from your account owner · Latchkey',
        loadComponent: () => import('./handover-page').then((m) => m.HandoverPage),
      },
      {
        // Where the app-wide guards send every second-factor state: forwards to the step's own page.
        path: 'step',
        canActivate: [requireStep('handover')],
        title: 'Next step · Latchkey',
        loadComponent: () => import('./factor-step').then((m) => m.FactorStep),
      },
      { path: '**', redirectTo: '' },
    ],
  },
];
