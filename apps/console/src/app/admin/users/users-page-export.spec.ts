import { TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { FileDownload } from '../../shared/file-download';
import { userRow } from './user-row.testing';
import { BEN, TENANT, page, UsersPageTest } from './users-page.testing';

/** The exception badge and filter, and the CSV export of the filtered list. */
describe('UsersPage: exceptions and export', () => {
  const ui = new UsersPageTest();
  const { render, answerList, filter } = ui;
  let save: jest.SpyInstance;
  beforeEach(() => {
    ui.setUp();
    save = jest.spyOn(TestBed.inject(FileDownload), 'save').mockImplementation(() => undefined);
  });
  afterEach(ui.verify);

  const exportGet = () =>
    ui.http.expectOne((req) => req.method === 'GET' && req.url === ApiPaths.usersExport(TENANT));

  it('shows an exception badge on the rows that have one, and filters by "Has exception"', async () => {
    await render();
    await filter('filter-exception', 'Has exception');
    expect(await answerList(page([userRow({ exception: 'off' }), { ...BEN, exception: 'pin' }], 2))).toEqual({
      exception: 'true',
      sort: 'name',
      direction: 'asc',
      page: '1',
      pageSize: '25',
    });

    expect(allByTestId(ui.fixture, 'exception-badge').map((b) => b.textContent?.trim())).toEqual([
      'Exception: Off',
      'Exception: PIN code',
    ]);
  });

  it('downloads the filtered list as CSV: the filters, no sort and no paging', async () => {
    await render();
    await filter('filter-locked', 'Locked');
    await answerList();
    byTestId<HTMLButtonElement>(ui.fixture, 'export-users').click();
    await ui.fixture.whenStable();
    expect(byTestId<HTMLButtonElement>(ui.fixture, 'export-users').disabled).toBe(true);

    const request = exportGet();
    expect(ui.params(request)).toEqual({ locked: 'true' });
    expect(request.request.responseType).toBe('blob');
    expect(request.request.headers.get('Accept')).toBe('text/csv');
    const csv = new Blob(['Name,Email\n'], { type: 'text/csv' });
    request.flush(csv);
    await ui.fixture.whenStable();

    expect(save).toHaveBeenCalledWith(csv, expect.stringMatching(/^latchkey-users-\d{4}-\d\d-\d\d\.csv$/));
    expect(byTestId<HTMLButtonElement>(ui.fixture, 'export-users').disabled).toBe(false);
  });

  it('says why an export failed, in the API’s words', async () => {
    await render();
    byTestId<HTMLButtonElement>(ui.fixture, 'export-users').click();
    await ui.fixture.whenStable();
    const body = JSON.stringify({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Only account owners can export',
    });
    exportGet().flush(new Blob([body], { type: 'application/json' }), {
      status: 403,
      statusText: 'Forbidden',
    });
    // The error's body is read back from the blob (FileReader, asynchronous): wait until it shows.
    for (let i = 0; i < 100 && !queryTestId(ui.fixture, 'users-error'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await ui.fixture.whenStable();
    }

    expect(byTestId(ui.fixture, 'users-error').textContent).toContain('Only account owners can export');
    expect(save).not.toHaveBeenCalled();
  });
});
