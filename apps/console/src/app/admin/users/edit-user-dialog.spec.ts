import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId, typeInto } from '../../../testing/fixtures';
import { dialogProviders } from '../../shared/testing/component-testing';
import { EditUserDialog, EditUserDialogData } from './edit-user-dialog';
import { userRow } from './user-row.testing';
import { TENANT, TYPES } from './users-page.testing';

describe('EditUserDialog', () => {
  let fixture: ComponentFixture<EditUserDialog>;
  let http: HttpTestingController;
  let ref: { close: jest.Mock };

  const save = (): HTMLButtonElement => byTestId<HTMLButtonElement>(fixture, 'edit-save');

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(EditUserDialog);
    await fixture.whenStable();
  }

  async function chooseType(label: string): Promise<void> {
    const select = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[data-testid="edit-type"]' }),
    );
    await select.open();
    await select.clickOptions({ text: label });
    await fixture.whenStable();
  }

  beforeEach(() => {
    ref = { close: jest.fn() };
    TestBed.configureTestingModule({
      imports: [EditUserDialog],
      providers: dialogProviders(
        ref,
        () => ({ tenantId: TENANT, user: userRow(), types: TYPES }) satisfies EditUserDialogData,
      ),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('starts from the row, says when a new type applies, and saves nothing until something changed', async () => {
    await render();

    expect(byTestId<HTMLInputElement>(fixture, 'edit-display-name').value).toBe('Ann Example');
    expect(byTestId(fixture, 'edit-type').textContent).toContain('Employees');
    expect(byTestId(fixture, 'edit-type-hint').textContent?.trim()).toBe(
      "Another type's two-factor policy applies from their next sign-in.",
    );
    expect(save().disabled).toBe(true);
    typeInto(byTestId<HTMLInputElement>(fixture, 'edit-display-name'), ' Ann Example ');
    await fixture.whenStable();
    expect(save().disabled).toBe(true);
  });

  it('sends only what changed, and closes with the updated row', async () => {
    await render();
    typeInto(byTestId<HTMLInputElement>(fixture, 'edit-display-name'), '  Ann Smith ');
    await chooseType('Managers');
    save().click();
    await fixture.whenStable();

    const patch = http.expectOne({ method: 'PATCH', url: ApiPaths.user(TENANT, 'login-ann') });
    expect(patch.request.body).toEqual({ displayName: 'Ann Smith', userTypeId: 'type-manager' });
    const updated = userRow({
      displayName: 'Ann Smith',
      userTypeId: 'type-manager',
      userTypeName: 'Managers',
    });
    patch.flush(updated);
    await fixture.whenStable();

    expect(ref.close).toHaveBeenCalledWith(updated);
  });

  it('sends the type alone when only the type changed', async () => {
    await render();
    await chooseType('Managers');
    save().click();
    await fixture.whenStable();

    const patch = http.expectOne(ApiPaths.user(TENANT, 'login-ann'));
    expect(patch.request.body).toEqual({ userTypeId: 'type-manager' });
    patch.flush(userRow({ userTypeId: 'type-manager', userTypeName: 'Managers' }));
  });

  it('keeps the dialog open with the API message when the change is refused', async () => {
    await render();
    await chooseType('Managers');
    save().click();
    await fixture.whenStable();
    http.expectOne(ApiPaths.user(TENANT, 'login-ann')).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'ann@acme.test already has a Managers login in this account',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();

    expect(byTestId(fixture, 'edit-error').textContent?.trim()).toBe(
      'ann@acme.test already has a Managers login in this account',
    );
    expect(ref.close).not.toHaveBeenCalled();
    expect(save().disabled).toBe(false);
  });

  it('places a 400 under the name field, and sends no empty name', async () => {
    await render();
    typeInto(byTestId<HTMLInputElement>(fixture, 'edit-display-name'), '');
    await fixture.whenStable();
    save().click();
    await fixture.whenStable();
    http.expectNone(ApiPaths.user(TENANT, 'login-ann'));

    typeInto(byTestId<HTMLInputElement>(fixture, 'edit-display-name'), 'A');
    await fixture.whenStable();
    save().click();
    await fixture.whenStable();
    http.expectOne(ApiPaths.user(TENANT, 'login-ann')).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input: displayName',
        errors: [{ field: 'displayName', messages: ['displayName is not accepted'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(fixture.nativeElement.textContent).toContain('displayName is not accepted');
    expect(byTestId(fixture, 'edit-error').textContent?.trim()).toBe(
      'Please correct the highlighted fields.',
    );
  });
});
