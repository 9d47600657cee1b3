import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import {
  ApiPaths,
  PolicyPreviewAnswer,
  TenantPolicyView,
  TwoFactorMethod,
  UserTypeView,
} from '@latchkey/contracts';
import { allByTestId, byTestId, me, typeInto } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { inDialog } from '../../shared/testing/component-testing';
import { PageTest } from '../../shared/testing/page-test';
import { tenantPolicy } from './policy.testing';
import { SecuritySettingsPage } from './security-settings-page';

/**
 * For the specs of the Security settings page (imported by specs only): Acme's policy, its user
 * types and a preview, and `SettingsPageTest`, which drives the page.
 */

export const TENANT = 'tenant-1';

export function policyView(overrides: Partial<TenantPolicyView> = {}): TenantPolicyView {
  return tenantPolicy({ tenantId: TENANT, ...overrides });
}

export function userType(
  id: string,
  name: string,
  method: TwoFactorMethod,
  overrides: Partial<UserTypeView> = {},
): UserTypeView {
  return {
    id,
    name,
    policy: { method, graceDays: 0, setBy: 'olivia@acme.test', setAt: '2026-11-20T10:00:00Z' },
    rememberDays: 0,
    loginCount: 10,
    lockedBy: null,
    ...overrides,
  };
}

export const EMPLOYEES = userType('type-employee', 'Employees', 'off', { loginCount: 30 });
export const MANAGERS = userType('type-manager', 'Managers', 'authenticator', { loginCount: 8 });

export const PREVIEW: PolicyPreviewAnswer = {
  affected: 38,
  mustEnrol: 12,
  byUserType: [
    { userTypeId: 'type-employee', userTypeName: 'Employees', affected: 30, mustEnrol: 10 },
    { userTypeId: 'type-manager', userTypeName: 'Managers', affected: 8, mustEnrol: 2 },
  ],
  groups: {
    'must-enrol': { count: 12, why: null },
    'already-compliant': { count: 20, why: null },
    relaxed: { count: 6, why: null },
    'browsers-forgotten': { count: 0, why: 'No browser of these logins is remembered.' },
  },
};

/** A preview's answer with no group counted, each saying why: for changes that affect nobody. */
export function emptyGroups(
  why = 'Nothing in the form changes who must use what.',
): PolicyPreviewAnswer['groups'] {
  return {
    'must-enrol': { count: 0, why },
    'already-compliant': { count: 0, why },
    relaxed: { count: 0, why },
    'browsers-forgotten': { count: 0, why: 'Only raising a method forgets remembered browsers.' },
  };
}

/** The page of the signed-in owner of Acme, and what its tests do on it. */
export class SettingsPageTest extends PageTest<SecuritySettingsPage> {
  constructor() {
    super(SecuritySettingsPage);
  }

  /** Acme's owner. */
  protected override signIn(): void {
    TestBed.inject(SessionStore).record({
      state: 'signed-in',
      me: me('owner', { email: 'olivia@acme.test', tenantId: TENANT }),
    });
  }

  loader!: HarnessLoader;

  /** Open the page and answer its load. */
  readonly render = async (
    policy: TenantPolicyView = policyView(),
    types: UserTypeView[] = [EMPLOYEES, MANAGERS],
  ): Promise<void> => {
    this.fixture = TestBed.createComponent(SecuritySettingsPage);
    this.loader = TestbedHarnessEnvironment.loader(this.fixture);
    await this.fixture.whenStable();
    await this.answerLoad(policy, types);
  };

  readonly answerLoad = async (policy: TenantPolicyView, types: UserTypeView[]): Promise<void> => {
    this.http.expectOne({ method: 'GET', url: ApiPaths.tenantPolicy(TENANT) }).flush(policy);
    this.http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(types);
    await this.fixture.whenStable();
  };

  readonly methodSelect = async (row: number): Promise<MatSelectHarness> => {
    const selects = await this.loader.getAllHarnesses(
      MatSelectHarness.with({ selector: '[data-testid="method-select"]' }),
    );
    return selects[row];
  };

  readonly choose = async (row: number, label: string): Promise<void> => {
    const select = await this.methodSelect(row);
    await select.open();
    await select.clickOptions({ text: label });
    await this.fixture.whenStable();
  };

  readonly setGrace = async (row: number, days: string): Promise<void> => {
    typeInto(allByTestId<HTMLInputElement>(this.fixture, 'grace-days')[row], days);
    await this.fixture.whenStable();
  };

  readonly toggle = (testId: string): Promise<MatSlideToggleHarness> =>
    this.loader.getHarness(MatSlideToggleHarness.with({ selector: `[data-testid="${testId}"]` }));

  readonly button = (id: string): HTMLButtonElement => byTestId<HTMLButtonElement>(this.fixture, id);

  readonly click = async (id: string): Promise<void> => {
    this.button(id).click();
    await this.fixture.whenStable();
  };

  /** Press Preview and answer it; answers what the page asked. */
  readonly previewWith = async (answer: PolicyPreviewAnswer = PREVIEW): Promise<unknown> => {
    await this.click('preview');
    const request = this.http.expectOne({ method: 'POST', url: ApiPaths.policyPreview(TENANT) });
    request.flush(answer);
    await this.fixture.whenStable();
    return request.request.body;
  };

  /** Press Save and confirm the question a previewed change asks first. */
  readonly saveConfirmed = async (): Promise<void> => {
    await this.click('save-policy');
    inDialog<HTMLButtonElement>('confirm-ok').click();
    await this.dialogGone();
  };
}
