import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { formatDateTime } from '../../shared/date-time';
import { pageProviders, rowWith, settle } from '../../shared/testing/component-testing';
import { signInOwner } from '../../shared/testing/table-page-test';
import { AccountOverviewSection } from './account-overview';
import { ACCOUNT, DEADLINE, FAILED } from './overview.testing';

const TENANT = 'tenant-1';

describe('AccountOverviewSection (the owner home)', () => {
  let fixture: ComponentFixture<AccountOverviewSection>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [AccountOverviewSection], providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    signInOwner(TENANT);
  });
  afterEach(() => http.verify());

  async function render(answer = ACCOUNT): Promise<void> {
    fixture = TestBed.createComponent(AccountOverviewSection);
    await settle(fixture);
    http.expectOne({ method: 'GET', url: ApiPaths.overview(TENANT) }).flush(answer);
    await settle(fixture);
  }

  const row = (name: string): HTMLElement =>
    name === 'total' ? byTestId(fixture, 'overview-totals') : rowWith(fixture, 'overview-row', name);
  const cell = (name: string, key: string): HTMLElement => {
    const found = row(name).querySelector<HTMLElement>(`[data-testid="count-${key}"]`);
    if (!found) throw new Error(`No ${key} in ${name}`);
    return found;
  };
  const link = (name: string, key: string): HTMLAnchorElement | null =>
    cell(name, key).querySelector<HTMLAnchorElement>('a[data-testid="count-link"]');
  const numbers = (name: string): string[] =>
    Array.from(row(name).querySelectorAll('[data-testid="count-link"], [data-testid="count-value"]')).map(
      (n) => n.textContent?.trim() ?? '',
    );

  it('shows a row per user type and the totals, with the methods under "Must use"', async () => {
    await render();

    const headers = Array.from(fixture.nativeElement.querySelectorAll('th') as NodeListOf<HTMLElement>).map(
      (th) => th.textContent?.trim(),
    );
    expect(headers).toEqual([
      '',
      'Must use',
      '',
      'User type',
      'Logins',
      'Off',
      'PIN code',
      'Authenticator app',
      'Enrolled',
      'Not started',
      'In grace',
      'Overdue',
      'Locked',
    ]);
    expect(allByTestId(fixture, 'overview-row')).toHaveLength(2);
    //                            logins off pin app enrolled not-started grace overdue locked
    expect(numbers('Employees')).toEqual(['10', '0', '0', '10', '6', '1', '2', '1', '0']);
    expect(numbers('Contractors')).toEqual(['5', '1', '2', '2', '3', '0', '0', '1', '1']);
    expect(numbers('total')).toEqual(['15', '1', '2', '12', '9', '1', '2', '2', '1']);
    expect(row('total').textContent).toContain('All user types');
    expect(
      cell('Employees', 'inGrace').querySelector('[data-testid="count-note"]')?.textContent?.trim(),
    ).toBe(`nearest deadline ${formatDateTime(DEADLINE)}`);
    expect(cell('Contractors', 'inGrace').querySelector('[data-testid="count-note"]')).toBeNull();
    expect(byTestId(fixture, 'overview-at').textContent).toContain(formatDateTime(ACCOUNT.at));
  });

  it('links a non-zero number to the Users page filtered to the same active logins', async () => {
    await render();

    expect(link('Employees', 'inGrace')?.getAttribute('href')).toBe(
      '/admin/users?userTypeId=type-employee&enrolment=in-grace&active=true',
    );
    expect(link('Employees', 'inGrace')?.getAttribute('aria-label')).toBe('Employees: 2 in grace, in Users');
    expect(link('Employees', 'logins')?.getAttribute('href')).toBe(
      '/admin/users?userTypeId=type-employee&active=true',
    );
    expect(link('Employees', 'method-authenticator')?.getAttribute('href')).toBe(
      '/admin/users?userTypeId=type-employee&method=authenticator&active=true',
    );
    expect(link('Employees', 'notStarted')?.getAttribute('href')).toBe(
      '/admin/users?userTypeId=type-employee&enrolment=not-started&active=true',
    );
    expect(link('Contractors', 'locked')?.getAttribute('href')).toBe(
      '/admin/users?userTypeId=type-contractor&locked=true&active=true',
    );
    expect(link('total', 'overdue')?.getAttribute('href')).toBe('/admin/users?enrolment=overdue&active=true');
    expect(link('total', 'method-off')?.getAttribute('href')).toBe('/admin/users?method=off&active=true');
  });

  it('shows zero as a plain number', async () => {
    await render();

    for (const key of ['method-off', 'method-pin', 'locked']) {
      expect(link('Employees', key)).toBeNull();
      expect(cell('Employees', key).textContent?.trim()).toBe('0');
    }
    expect(link('Contractors', 'inGrace')).toBeNull();
  });

  it('links "Enrolled" only when the logins asked for a factor all use one method', async () => {
    await render();

    expect(link('Employees', 'enrolled')?.getAttribute('href')).toBe(
      '/admin/users?userTypeId=type-employee&method=authenticator&enrolled=true&active=true',
    );
    expect(link('Contractors', 'enrolled')).toBeNull();
    expect(cell('Contractors', 'enrolled').textContent?.trim()).toBe('3');
    expect(link('total', 'enrolled')).toBeNull();
  });

  it('says when there are no user types yet', async () => {
    await render({ ...ACCOUNT, userTypes: [] });

    expect(byTestId(fixture, 'overview-empty').textContent).toContain('No user types yet.');
    expect(queryTestId(fixture, 'overview-totals')).toBeNull();
  });

  it('says when the numbers cannot be loaded, and tries again', async () => {
    fixture = TestBed.createComponent(AccountOverviewSection);
    await settle(fixture);
    http.expectOne(ApiPaths.overview(TENANT)).flush(FAILED, { status: 500, statusText: 'Server Error' });
    await settle(fixture);

    expect(byTestId(fixture, 'overview-error').textContent).toContain(
      "The account's numbers could not be loaded.",
    );
    expect(queryTestId(fixture, 'overview-row')).toBeNull();
    byTestId(fixture, 'overview-retry').click();
    await settle(fixture);
    http.expectOne(ApiPaths.overview(TENANT)).flush(ACCOUNT);
    await settle(fixture);

    expect(queryTestId(fixture, 'overview-error')).toBeNull();
    expect(allByTestId(fixture, 'overview-row')).toHaveLength(2);
  });
});
