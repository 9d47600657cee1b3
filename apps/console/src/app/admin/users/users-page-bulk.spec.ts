import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, BulkAnswer, BulkRowResult } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { formatDateTime } from '../../shared/date-time';
import { FileDownload } from '../../shared/file-download';
import { inDialog } from '../../shared/testing/component-testing';
import { userRow } from './user-row.testing';
import { BEN, TENANT, page, UsersPageTest } from './users-page.testing';

/** Ticking logins, the bar of bulk actions, their confirmation, request and results. */
describe('UsersPage: bulk actions', () => {
  const ui = new UsersPageTest();
  const { render, answerList, filter } = ui;
  beforeEach(ui.setUp);
  afterEach(ui.verify);

  const ANN_RESULT: BulkRowResult = {
    loginId: 'login-ann',
    displayName: 'Ann Example',
    email: 'ann@acme.test',
    userTypeName: 'Employees',
    ok: true,
    message: 'Reset: signed out everywhere',
  };
  const BEN_REFUSED: BulkRowResult = {
    loginId: 'login-ben',
    displayName: 'Ben Other',
    email: 'ben@acme.test',
    userTypeName: 'Managers',
    ok: false,
    message: 'You cannot reset your own login here',
  };

  async function tick(testId: string, index = 0): Promise<void> {
    allByTestId(ui.fixture, testId)[index].querySelector('input')?.click();
    await ui.fixture.whenStable();
  }

  async function press(testId: string): Promise<void> {
    byTestId<HTMLButtonElement>(ui.fixture, testId).click();
    await ui.fixture.whenStable();
  }

  const bulkPost = () => ui.http.expectOne({ method: 'POST', url: ApiPaths.usersBulk(TENANT) });
  const texts = (testId: string) =>
    Array.from(document.querySelectorAll(`mat-dialog-container [data-testid="${testId}"]`)).map((e) =>
      e.textContent?.trim(),
    );

  it('shows the bar only while logins are ticked, and ticks the whole page from the header', async () => {
    await render();
    expect(queryTestId(ui.fixture, 'bulk-bar')).toBeNull();

    await tick('select-row', 1);
    expect(byTestId(ui.fixture, 'bulk-count').textContent?.trim()).toBe('1 selected');
    expect(byTestId(ui.fixture, 'select-page').querySelector('input')?.indeterminate).toBe(true);
    expect(allByTestId(ui.fixture, 'bulk-bar')[0].textContent).toContain('Apply to all 60 filtered');
    const buttons = Array.from(byTestId(ui.fixture, 'bulk-bar').querySelectorAll('button')).map((b) =>
      b.textContent?.trim(),
    );
    expect(buttons).toEqual([
      'Reset',
      'Unlock',
      'Set exception',
      'Clear exception',
      'Sign out',
      'Apply to all 60 filtered',
      'Clear selection',
    ]);

    await tick('select-page');
    expect(byTestId(ui.fixture, 'bulk-count').textContent?.trim()).toBe('2 selected');
    await tick('select-page');
    expect(queryTestId(ui.fixture, 'bulk-bar')).toBeNull();
  });

  it('unlocks the ticked logins once confirmed, lists each result, reloads and clears the selection', async () => {
    await render();
    await tick('select-row', 0);
    await tick('select-row', 1);
    await press('bulk-unlock');

    expect(inDialog('bulk-confirm-title').textContent?.trim()).toBe('Unlock 2 logins?');
    expect(inDialog('bulk-confirm-message').textContent).toContain('each of the 2 logins selected');
    ui.http.expectNone(ApiPaths.usersBulk(TENANT));
    inDialog<HTMLButtonElement>('bulk-confirm').click();
    await ui.fixture.whenStable();

    const post = bulkPost();
    expect(post.request.body).toEqual({ action: 'unlock', loginIds: ['login-ann', 'login-ben'] });
    const answer: BulkAnswer = {
      action: 'unlock',
      done: 1,
      refused: 1,
      results: [
        { ...ANN_RESULT, message: 'Unlocked' },
        { ...BEN_REFUSED, message: 'Not locked' },
      ],
    };
    post.flush(answer);
    await ui.dialogGone();
    await answerList(page([userRow(), { ...BEN, locked: false }], 60));

    expect(texts('bulk-result-name')).toEqual(['Ann Example — Employees', 'Ben Other — Managers']);
    expect(texts('bulk-result-status')).toEqual(['Done', 'Refused']);
    expect(texts('bulk-result-message')).toEqual(['Unlocked', 'Not locked']);
    expect(document.querySelector('mat-dialog-container h2')?.textContent?.trim()).toBe(
      'Unlock: 1 done, 1 refused',
    );
    expect(document.querySelector('[data-testid="handover-once"]')).toBeNull();
    expect(queryTestId(ui.fixture, 'bulk-bar')).toBeNull();
    inDialog<HTMLButtonElement>('bulk-done').click();
    await ui.dialogGone();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  });

  it('sets an exception on every login the filters find, with the filters but no sort or paging', async () => {
    await render();
    await filter('filter-exception', 'No exception');
    await answerList(page([userRow(), BEN], 60));
    await tick('select-row', 0);
    await press('bulk-all-filtered');
    expect(byTestId(ui.fixture, 'bulk-count').textContent?.trim()).toBe('All 60 filtered');
    await press('bulk-set-exception');

    expect(inDialog('bulk-confirm-title').textContent?.trim()).toBe('Set an exception for 60 logins');
    expect(inDialog('bulk-confirm-message').textContent).toContain('all 60 logins the filters find');
    expect(inDialog<HTMLButtonElement>('bulk-confirm').disabled).toBe(true);
    const methods = Array.from(document.querySelectorAll('mat-dialog-container [data-testid="bulk-method"]'));
    expect(methods.map((m) => m.textContent?.trim())).toEqual(['Authenticator app', 'PIN code', 'Off']);
    methods[1].querySelector('input')?.click();
    inDialog('bulk-sign-out').querySelector('input')?.click();
    await ui.fixture.whenStable();
    inDialog<HTMLButtonElement>('bulk-confirm').click();
    await ui.fixture.whenStable();

    expect(bulkPost().request.body).toEqual({
      action: 'set-exception',
      filter: { exception: false },
      method: 'pin',
      signOut: true,
    });
  });

  it('offers "Apply to all" only up to 200 logins, and says why', async () => {
    await render();
    await filter('filter-enrolled', 'Not enrolled');
    await answerList(page([userRow(), BEN], 250));
    await tick('select-row', 0);

    expect(byTestId<HTMLButtonElement>(ui.fixture, 'bulk-all-filtered').disabled).toBe(true);
    expect(byTestId(ui.fixture, 'bulk-too-many').textContent).toContain('at most 200 logins');
    expect(byTestId(ui.fixture, 'bulk-all-filtered').getAttribute('aria-describedby')).toBe('bulk-too-many');
  });

  it('shows the handover codes of a bulk reset once, with Copy and Download', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    const save = jest.spyOn(TestBed.inject(FileDownload), 'save').mockImplementation(() => undefined);
    await render();
    await tick('select-page');
    await press('bulk-reset');
    expect(inDialog('bulk-confirm-title').textContent?.trim()).toBe('Reset the second factor of 2 logins?');
    inDialog<HTMLButtonElement>('bulk-confirm').click();
    await ui.fixture.whenStable();

    const expires = '2026-11-24T10:15:00Z';
    bulkPost().flush({
      action: 'reset',
      done: 1,
      refused: 1,
      results: [{ ...ANN_RESULT, handoverCode: 'K7QP-2M4X', handoverExpiresAt: expires }, BEN_REFUSED],
    } satisfies BulkAnswer);
    await ui.dialogGone();
    await answerList();

    expect(inDialog('handover-once').textContent).toContain('shown only this once');
    expect(texts('bulk-handover-code')).toEqual(['K7QP-2M4X']);
    expect(texts('bulk-result-message')).toEqual([
      'Reset: signed out everywhere',
      'You cannot reset your own login here',
    ]);
    const line = `Ann Example <ann@acme.test>: K7QP-2M4X (expires ${formatDateTime(expires)})\n`;
    inDialog<HTMLButtonElement>('copy-handover-codes').click();
    expect(copy).toHaveBeenCalledWith(line);
    inDialog<HTMLButtonElement>('download-handover-codes').click();
    expect(save).toHaveBeenCalledWith(
      expect.any(Blob),
      expect.stringMatching(/^latchkey-handover-codes-\d{4}-\d\d-\d\d\.txt$/),
    );

    // A click outside does not lose the codes; Done does close.
    document.querySelector<HTMLElement>('.cdk-overlay-backdrop')?.click();
    await ui.fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
    inDialog<HTMLButtonElement>('bulk-done').click();
    await ui.dialogGone();
    expect(document.body.textContent).not.toContain('K7QP-2M4X');
  });

  it('says in the dialog why a bulk action was refused, and changes nothing', async () => {
    await render();
    await tick('select-row', 0);
    await press('bulk-sign-out');
    expect(inDialog('bulk-confirm-message').textContent).toContain('the 1 login selected');
    inDialog<HTMLButtonElement>('bulk-confirm').click();
    await ui.fixture.whenStable();
    bulkPost().flush(
      { statusCode: 403, error: 'Forbidden', message: 'Only account owners can do this' },
      { status: 403, statusText: 'Forbidden' },
    );
    await ui.fixture.whenStable();

    expect(inDialog('bulk-error').textContent).toContain('Only account owners can do this');
    inDialog<HTMLButtonElement>('bulk-cancel').click();
    await ui.dialogGone();
    expect(byTestId(ui.fixture, 'bulk-count').textContent?.trim()).toBe('1 selected');
    ui.http.expectNone((req) => req.url === ApiPaths.users(TENANT));
  });
});
