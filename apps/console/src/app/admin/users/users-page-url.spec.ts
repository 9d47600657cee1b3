import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router } from '@angular/router';
import { ApiPaths } from '@latchkey/contracts';
import { byTestId } from '../../../testing/fixtures';
import { UsersPage } from './users-page';
import { TENANT, TYPES, UsersPageTest } from './users-page.testing';

const DEFAULTS = { sort: 'name', direction: 'asc', page: '1', pageSize: '25' };

/** The filters in the URL: read when the page opens (the home's links), written as they change, cleared. */
describe('UsersPage filters in the URL', () => {
  const ui = new UsersPageTest();
  const { answerList, filter } = ui;
  let router: Router;
  beforeEach(() => {
    ui.setUp();
    router = TestBed.inject(Router);
  });
  afterEach(ui.verify);

  /** Open the page at `url`; answers its user types, and returns what the first list asked for. */
  async function openAt(url: string): Promise<Record<string, string>> {
    await router.navigateByUrl(url);
    ui.fixture = TestBed.createComponent(UsersPage);
    ui.loader = TestbedHarnessEnvironment.loader(ui.fixture);
    await ui.fixture.whenStable();
    ui.http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(TYPES);
    return answerList();
  }

  /** The select's shown choice; an "Any" choice (null) shows nothing. */
  const selected = async (testId: string): Promise<string> =>
    (
      await ui.loader.getHarness(MatSelectHarness.with({ selector: `[data-testid="${testId}"]` }))
    ).getValueText();

  it('starts from the filters the URL names, shows them and asks the API for them', async () => {
    const asked = await openAt(
      '/?userTypeId=type-manager&method=pin&enrolment=in-grace&locked=false&active=true&exception=false&search=ann',
    );

    expect(asked).toEqual({
      ...DEFAULTS,
      search: 'ann',
      userTypeId: 'type-manager',
      method: 'pin',
      enrolment: 'in-grace',
      locked: 'false',
      active: 'true',
      exception: 'false',
    });
    expect(await selected('filter-type')).toBe('Managers');
    expect(await selected('filter-method')).toBe('PIN code');
    expect(await selected('filter-enrolment')).toBe('In grace');
    expect(await selected('filter-locked')).toBe('Not locked');
    expect(await selected('filter-active')).toBe('Active');
    expect(await selected('filter-exception')).toBe('No exception');
    expect(byTestId<HTMLInputElement>(ui.fixture, 'user-search').value).toBe('ann');
  });

  it('leaves out what the URL spells wrong, and a user type the account does not have', async () => {
    await router.navigateByUrl('/?method=sms&enrolled=maybe&enrolment=late&active=1&userTypeId=type-gone');
    ui.fixture = TestBed.createComponent(UsersPage);
    await ui.fixture.whenStable();
    ui.http.expectOne({ method: 'GET', url: ApiPaths.userTypes(TENANT) }).flush(TYPES);
    await ui.fixture.whenStable();

    const lists = ui.http.match((req) => req.url === ApiPaths.users(TENANT));
    const last = lists[lists.length - 1];
    last.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    expect(ui.params(last)).toEqual(DEFAULTS);
    await ui.fixture.whenStable();
    expect(router.url).toBe('/');
  });

  it('keeps the URL in step as the filters change, replacing the history entry', async () => {
    const navigate = jest.spyOn(router, 'navigate');
    await openAt('/');

    await filter('filter-enrolment', 'Overdue');
    expect(await answerList()).toEqual({ ...DEFAULTS, enrolment: 'overdue' });
    await filter('filter-active', 'Active');
    expect(await answerList()).toEqual({ ...DEFAULTS, enrolment: 'overdue', active: 'true' });
    expect(router.url).toBe('/?enrolment=overdue&active=true');
    await filter('filter-exception', 'Has exception');
    expect(await answerList()).toEqual({
      ...DEFAULTS,
      enrolment: 'overdue',
      active: 'true',
      exception: 'true',
    });
    expect(router.url).toBe('/?enrolment=overdue&active=true&exception=true');
    await filter('filter-exception', 'Any');
    expect(await answerList()).toEqual({ ...DEFAULTS, enrolment: 'overdue', active: 'true' });
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({ queryParams: { enrolment: 'overdue', active: 'true' }, replaceUrl: true }),
    );

    // "Enrolled" and an enrolment state exclude each other (the API refuses both).
    await filter('filter-enrolled', 'Enrolled');
    expect(await answerList()).toEqual({ ...DEFAULTS, enrolled: 'true', active: 'true' });
    expect(router.url).toBe('/?enrolled=true&active=true');
    expect(await selected('filter-enrolment')).toBe('');
  });

  it('follows the URL when it changes while the page is open', async () => {
    await openAt('/?locked=true');

    await router.navigateByUrl('/?enrolment=not-started&active=true');
    await ui.fixture.whenStable();
    expect(await answerList()).toEqual({ ...DEFAULTS, enrolment: 'not-started', active: 'true' });
    expect(await selected('filter-locked')).toBe('');
  });

  it('clears every filter, the search and the URL with "Clear filters"', async () => {
    await openAt('/?userTypeId=type-employee&enrolment=not-started&active=false&exception=true&search=ben');
    const clear = byTestId<HTMLButtonElement>(ui.fixture, 'clear-filters');
    expect(clear.disabled).toBe(false);

    clear.click();
    await ui.fixture.whenStable();

    expect(await answerList()).toEqual(DEFAULTS);
    expect(router.url).toBe('/');
    expect(byTestId<HTMLInputElement>(ui.fixture, 'user-search').value).toBe('');
    expect(await selected('filter-type')).toBe('');
    expect(await selected('filter-enrolment')).toBe('');
    expect(await selected('filter-active')).toBe('');
    expect(await selected('filter-exception')).toBe('');
    expect(clear.disabled).toBe(true);
    // The search box's own debounce asks nothing more.
    await new Promise((resolve) => setTimeout(resolve, 350));
    await ui.fixture.whenStable();
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });
});
