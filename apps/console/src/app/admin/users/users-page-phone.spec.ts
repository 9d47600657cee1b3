import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { of } from 'rxjs';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { inRowWith } from '../../shared/testing/component-testing';
import { userRow } from './user-row.testing';
import { PHONE_QUERY, UsersPage } from './users-page';
import { BEN, TENANT, page, UsersPageTest } from './users-page.testing';

/** At a phone's width (390 px): a card per login, with the row's whole menu. */
describe('UsersPage on a phone', () => {
  const ui = new UsersPageTest();
  const { answerList, openMenu, choose } = ui;
  let asked: string[];

  beforeEach(() => {
    asked = [];
    const phone: Partial<BreakpointObserver> = {
      observe: (query: string | readonly string[]) => {
        asked.push(String(query));
        const state: BreakpointState = { matches: true, breakpoints: {} };
        return of(state);
      },
    };
    TestBed.configureTestingModule({ providers: [{ provide: BreakpointObserver, useValue: phone }] });
    ui.setUp();
  });
  afterEach(ui.verify);

  async function renderWith(): Promise<void> {
    ui.fixture = TestBed.createComponent(UsersPage);
    await ui.fixture.whenStable();
    ui.http.expectOne(ApiPaths.userTypes(TENANT)).flush([]);
    await answerList(page([userRow({ exception: 'pin' }), BEN], 2));
  }

  it('shows a card per login, with name, email, type, status and the exception', async () => {
    await renderWith();

    expect(asked).toEqual([PHONE_QUERY]);
    expect(ui.fixture.nativeElement.querySelector('table')).toBeNull();
    const cards = allByTestId(ui.fixture, 'user-card');
    expect(cards).toHaveLength(2);
    const field = (id: string) => allByTestId(ui.fixture, id).map((e) => e.textContent?.trim());
    expect(field('user-name')).toEqual(['Ann Example', 'Ben Other']);
    expect(field('user-email')).toEqual(['ann@acme.test', 'ben@acme.test']);
    expect(field('user-type')).toEqual(['Employees', 'Managers']);
    expect(field('user-status')).toEqual(['Enrolled', 'Locked']);
    expect(field('exception-badge')).toEqual(['Exception: PIN code']);
  });

  it('reaches every action from a card’s menu', async () => {
    await renderWith();

    expect(inRowWith(ui.fixture, 'user-card', 'Ben Other', 'row-menu').getAttribute('aria-label')).toBe(
      'More actions for Ben Other',
    );
    expect(await openMenu('Ben Other', 'user-card')).toEqual([
      'Details',
      'Exception',
      'Reset second factor',
      'Unlock',
      'Edit',
      'Deactivate',
    ]);
    await choose('unlock-action');
    ui.http
      .expectOne({ method: 'POST', url: ApiPaths.unlock(TENANT, 'login-ben') })
      .flush({ ...BEN, locked: false });
    await ui.fixture.whenStable();
    expect(allByTestId(ui.fixture, 'user-status').map((e) => e.textContent?.trim())).toEqual([
      'Enrolled',
      'Not enrolled',
    ]);
  });

  it('ticks cards for the bulk actions', async () => {
    await renderWith();
    expect(queryTestId(ui.fixture, 'bulk-bar')).toBeNull();

    inRowWith(ui.fixture, 'user-card', 'Ben Other', 'select-row').querySelector('input')?.click();
    await ui.fixture.whenStable();
    expect(byTestId(ui.fixture, 'bulk-count').textContent?.trim()).toBe('1 selected');
    byTestId(ui.fixture, 'select-page').querySelector('input')?.click();
    await ui.fixture.whenStable();
    expect(byTestId(ui.fixture, 'bulk-count').textContent?.trim()).toBe('2 selected');
  });
});
