import { TestBed } from '@angular/core/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTooltipHarness } from '@angular/material/tooltip/testing';
import { ApiPaths } from '@latchkey/contracts';
import { allByTestId, byTestId, typeInto } from '../../../testing/fixtures';
import { userRow } from './user-row.testing';
import { SEARCH_DEBOUNCE_MS, UsersPage } from './users-page';
import { TENANT, TYPES, page, UsersPageTest } from './users-page.testing';

/** The list: loading, filters, paging, sorting and search (the row actions: users-page-actions.spec.ts). */
describe('UsersPage', () => {
  const ui = new UsersPageTest();
  const { listRequest, answerList, render, filter } = ui;
  beforeEach(ui.setUp);
  afterEach(ui.verify);

  it('asks for the first page, sorted by name, and shows each user', async () => {
    ui.fixture = TestBed.createComponent(UsersPage);
    await ui.fixture.whenStable();
    ui.http.expectOne(ApiPaths.userTypes(TENANT)).flush(TYPES);

    expect(await answerList()).toEqual({ sort: 'name', direction: 'asc', page: '1', pageSize: '25' });
    const rows = allByTestId(ui.fixture, 'user-row');
    expect(rows).toHaveLength(2);
    const cells = (id: string) => allByTestId(ui.fixture, id).map((c) => c.textContent?.trim());
    expect(cells('user-name')).toEqual(['Ann Example', 'Ben Other']);
    expect(cells('user-email')).toEqual(['ann@acme.test', 'ben@acme.test']);
    expect(cells('user-type')).toEqual(['Employees', 'Managers']);
    expect(cells('effective-method')).toEqual(['Authenticator app', 'PIN code']);
    expect(cells('user-enrolled')).toEqual(['Yes', 'No']);
    expect(cells('user-last-second-factor')[0]).toMatch(/^23 Nov 2026, \d\d:\d\d$/);
    expect(cells('user-last-second-factor')[1]).toBe('Never');
    expect(cells('user-locked')).toEqual(['No', 'Locked']);
  });

  it('explains the effective method on hover', async () => {
    await render();

    const tooltips = await ui.loader.getAllHarnesses(
      MatTooltipHarness.with({ selector: '[data-testid="effective-method"]' }),
    );
    await tooltips[0].show();
    expect(await tooltips[0].getTooltipText()).toBe(
      'Set by olivia@acme.test on 20 Nov 2026 (user type policy)',
    );
    await tooltips[0].hide();
    await tooltips[1].show();
    expect(await tooltips[1].getTooltipText()).toBe('No policy');
  });

  it('sends the filters as query parameters and goes back to the first page', async () => {
    await render();
    await (await ui.loader.getHarness(MatPaginatorHarness)).goToNextPage();
    expect(await answerList(page([userRow()], 60, 2))).toMatchObject({ page: '2' });

    await filter('filter-type', 'Managers');
    expect(await answerList()).toEqual({
      userTypeId: 'type-manager',
      sort: 'name',
      direction: 'asc',
      page: '1',
      pageSize: '25',
    });

    await filter('filter-method', 'PIN code');
    expect(await answerList()).toMatchObject({ userTypeId: 'type-manager', method: 'pin' });

    await filter('filter-enrolled', 'Not enrolled');
    expect(await answerList()).toMatchObject({ enrolled: 'false' });

    await filter('filter-locked', 'Locked');
    expect(await answerList()).toMatchObject({ locked: 'true', enrolled: 'false', method: 'pin' });

    await filter('filter-type', 'Any type');
    expect(await answerList()).not.toHaveProperty('userTypeId');
  });

  it('offers the method filter with the method labels', async () => {
    await render();
    const select = await ui.loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="filter-method"]' }),
    );
    await select.open();

    const labels = await Promise.all((await select.getOptions()).map((o) => o.getText()));
    expect(labels).toEqual(['Any method', 'Authenticator app', 'PIN code', 'Off']);
  });

  it('pages and sorts on the server', async () => {
    await render();
    const paginator = await ui.loader.getHarness(MatPaginatorHarness);
    await paginator.setPageSize(50);
    expect(await answerList(page([userRow()], 60, 1, 50))).toMatchObject({ page: '1', pageSize: '50' });
    await paginator.goToNextPage();
    expect(await answerList(page([userRow()], 60, 2, 50))).toMatchObject({ page: '2', pageSize: '50' });

    const sort = await ui.loader.getHarness(MatSortHarness);
    const [, typeHeader] = await sort.getSortHeaders();
    await typeHeader.click();
    expect(await answerList()).toMatchObject({ sort: 'type', direction: 'asc', page: '1', pageSize: '50' });
    await typeHeader.click();
    expect(await answerList()).toMatchObject({ sort: 'type', direction: 'desc' });
    const labels = await Promise.all((await sort.getSortHeaders()).map((h) => h.getLabel()));
    expect(labels).toEqual(['User', 'Type', 'Last second factor']);
  });

  it('searches once the typing pauses, from the first page', async () => {
    await render();
    const search = byTestId<HTMLInputElement>(ui.fixture, 'user-search');
    typeInto(search, 'a');
    typeInto(search, 'an');
    typeInto(search, ' ann ');
    await ui.fixture.whenStable();
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));

    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    await ui.fixture.whenStable();
    expect(await answerList()).toEqual({
      search: 'ann',
      sort: 'name',
      direction: 'asc',
      page: '1',
      pageSize: '25',
    });
  });

  it('says when the list cannot be loaded', async () => {
    await render();
    await filter('filter-locked', 'Locked');
    listRequest().flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid',
        errors: [{ field: 'locked', messages: ['locked must be a boolean'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await ui.fixture.whenStable();

    expect(byTestId(ui.fixture, 'users-error').textContent).toContain('locked must be a boolean');
  });
});
