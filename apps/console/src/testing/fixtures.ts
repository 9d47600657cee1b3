import { ComponentFixture } from '@angular/core/testing';
import { LoginOption, Me, Role } from '@latchkey/contracts';

export function me(role: Role, overrides: Partial<Me> = {}): Me {
  return {
    identityId: 'identity-1',
    loginId: `login-${role}`,
    email: 'ann@acme.test',
    displayName: role === 'super' ? 'Platform Admin' : 'Ann Example',
    role,
    tenantId: role === 'super' ? null : 'tenant-1',
    tenantName: role === 'super' ? null : 'Acme',
    userTypeName: role === 'super' ? null : role === 'owner' ? 'Owner' : 'Employee',
    language: null,
    ...overrides,
  };
}

export const LOGINS: LoginOption[] = [
  {
    loginId: 'login-employee',
    kind: 'tenant',
    tenantId: 'tenant-1',
    tenantName: 'Acme',
    userTypeName: 'Employee',
    displayName: 'Ann Example',
  },
  {
    loginId: 'login-manager',
    kind: 'tenant',
    tenantId: 'tenant-1',
    tenantName: 'Acme',
    userTypeName: 'Manager',
    displayName: 'Ann Example (manager)',
  },
  {
    loginId: 'login-platform',
    kind: 'platform',
    tenantId: null,
    tenantName: 'Platform',
    userTypeName: null,
    displayName: 'Ann the admin',
  },
];

/** The element carrying `data-testid="id"`; fails the test when it is missing. */
export function byTestId<T extends HTMLElement = HTMLElement>(
  fixture: ComponentFixture<unknown>,
  id: string,
): T {
  const element = (fixture.nativeElement as HTMLElement).querySelector<T>(`[data-testid="${id}"]`);
  if (!element) {
    throw new Error(`No element with data-testid="${id}"`);
  }
  return element;
}

export function allByTestId<T extends HTMLElement = HTMLElement>(
  fixture: ComponentFixture<unknown>,
  id: string,
): T[] {
  return Array.from((fixture.nativeElement as HTMLElement).querySelectorAll<T>(`[data-testid="${id}"]`));
}

export function queryTestId(fixture: ComponentFixture<unknown>, id: string): HTMLElement | null {
  return (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

/** Type into an input the way a user does, so reactive forms see it. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}
