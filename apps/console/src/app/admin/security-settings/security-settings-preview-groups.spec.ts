import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { ApiPaths, Page, PolicyPreviewLoginsRequest, PreviewLoginRow } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { PREVIEW_PAGE_SIZE } from './preview-group';
import { EMPLOYEES, MANAGERS, TENANT, SettingsPageTest, policyView } from './settings-page.testing';

/** The preview's groups of logins, by name, a page at a time. */
describe('SecuritySettingsPage: the preview by name', () => {
  const page = new SettingsPageTest();
  const { render, choose, previewWith, setGrace } = page;
  beforeEach(page.setUp);
  afterEach(page.verify);

  const groups = (): HTMLElement[] => allByTestId(page.fixture, 'preview-group');
  const inside = <T extends HTMLElement>(element: Element, id: string): T => {
    const found = element.querySelector<T>(`[data-testid="${id}"]`);
    if (!found) {
      throw new Error(`No ${id}`);
    }
    return found;
  };
  const toggleOf = (index: number): HTMLButtonElement =>
    inside<HTMLButtonElement>(groups()[index], 'preview-group-toggle');
  const row = (n: number, before: PreviewLoginRow['before'] = 'pin'): PreviewLoginRow => ({
    loginId: `login-${n}`,
    displayName: `Person ${n}`,
    email: `person${n}@acme.test`,
    userTypeId: 'type-employee',
    userTypeName: 'Employees',
    before,
    after: 'authenticator',
  });
  const pageOf = (items: PreviewLoginRow[], page: number, total: number): Page<PreviewLoginRow> => ({
    items,
    total,
    page,
    pageSize: PREVIEW_PAGE_SIZE,
  });

  async function previewed(): Promise<void> {
    await render(policyView(), [EMPLOYEES, MANAGERS]);
    await choose(0, 'Authenticator app');
    await previewWith();
  }

  /** Answer the request for names; answers what the page sent. */
  async function answerNames(names: Page<PreviewLoginRow>): Promise<PolicyPreviewLoginsRequest> {
    const request = page.http.expectOne({ method: 'POST', url: ApiPaths.policyPreviewLogins(TENANT) });
    request.flush(names);
    await page.fixture.whenStable();
    return request.request.body as PolicyPreviewLoginsRequest;
  }

  it('shows the four groups with their counts, and why a group is empty', async () => {
    await previewed();

    expect(groups().map((g) => g.querySelector('[data-testid="preview-group-count"]')?.textContent)).toEqual([
      '12',
      '20',
      '6',
      '0',
    ]);
    expect(groups()[0].textContent).toContain('Must enrol');
    expect(groups()[3].textContent).toContain('Remembered browsers forgotten');
    expect(groups()[3].querySelector('[data-testid="preview-group-why"]')?.textContent?.trim()).toBe(
      '— No browser of these logins is remembered.',
    );
    // An empty group has nothing to open; the others open, and ask for nothing until then.
    expect(groups()[3].querySelector('[data-testid="preview-group-toggle"]')).toBeNull();
    expect(groups()[0].querySelector('[data-testid="preview-group-why"]')).toBeNull();
    page.http.expectNone(ApiPaths.policyPreviewLogins(TENANT));
  });

  it('asks for the names of a group when it is opened, with the same changes, and shows them', async () => {
    await previewed();
    expect(toggleOf(0).getAttribute('aria-expanded')).toBe('false');

    toggleOf(0).click();
    await page.fixture.whenStable();

    expect(toggleOf(0).getAttribute('aria-expanded')).toBe('true');
    expect(await answerNames(pageOf([row(1, 'off'), row(2, 'pin')], 1, 2))).toEqual({
      mandatoryForAll: false,
      userTypes: [{ userTypeId: 'type-employee', method: 'authenticator' }],
      group: 'must-enrol',
      page: 1,
      pageSize: PREVIEW_PAGE_SIZE,
    });
    const rows = allByTestId(page.fixture, 'preview-login');
    expect(
      rows.map((r) => r.querySelector('[data-testid="preview-login-name"]')?.textContent?.trim()),
    ).toEqual(['Person 1', 'Person 2']);
    expect(rows[1].textContent).toContain('person2@acme.test');
    expect(rows[1].querySelector('[data-testid="preview-login-change"]')?.textContent?.trim()).toBe(
      'PIN code → Authenticator app',
    );
    expect(rows[0].querySelector('[data-testid="preview-login-change"]')?.textContent?.trim()).toBe(
      'Off → Authenticator app',
    );
    const link = inside<HTMLAnchorElement>(rows[0], 'preview-login-type');
    expect(link.textContent?.trim()).toBe('Employees');
    expect(link.getAttribute('href')).toBe('/admin/users?userTypeId=type-employee');
    // Two names fit on one page: no paginator.
    expect(queryTestId(page.fixture, 'preview-paginator')).toBeNull();

    // Closed and opened again, the group shows what it has without asking again.
    toggleOf(0).click();
    await page.fixture.whenStable();
    expect(queryTestId(page.fixture, 'preview-login')).toBeNull();
    toggleOf(0).click();
    await page.fixture.whenStable();
    page.http.expectNone(ApiPaths.policyPreviewLogins(TENANT));
    expect(allByTestId(page.fixture, 'preview-login')).toHaveLength(2);
  });

  it('asks for page 2 of the group when paged', async () => {
    await previewed();
    toggleOf(1).click();
    await page.fixture.whenStable();
    const first = Array.from({ length: PREVIEW_PAGE_SIZE }, (_, i) => row(i + 1));
    expect((await answerNames(pageOf(first, 1, 20))).group).toBe('already-compliant');

    const paginator = await page.loader.getHarness(
      MatPaginatorHarness.with({ selector: '[data-testid="preview-paginator"]' }),
    );
    await paginator.goToNextPage();
    await page.fixture.whenStable();

    const second = Array.from({ length: PREVIEW_PAGE_SIZE }, (_, i) => row(i + 11));
    const body = await answerNames(pageOf(second, 2, 20));
    expect(body).toMatchObject({ group: 'already-compliant', page: 2, pageSize: PREVIEW_PAGE_SIZE });
    expect(
      allByTestId(page.fixture, 'preview-login')[0].querySelector('[data-testid="preview-login-name"]')
        ?.textContent,
    ).toContain('Person 11');
    expect(await paginator.getRangeLabel()).toContain('11 – 20 of 20');
  });

  it('says when the names cannot be loaded, and tries again', async () => {
    await previewed();
    toggleOf(2).click();
    await page.fixture.whenStable();
    page.http
      .expectOne(ApiPaths.policyPreviewLogins(TENANT))
      .flush(null, { status: 500, statusText: 'Server Error' });
    await page.fixture.whenStable();

    expect(byTestId(page.fixture, 'preview-names-error').textContent).toContain(
      'The names could not be loaded',
    );
    byTestId<HTMLButtonElement>(page.fixture, 'preview-names-retry').click();
    await page.fixture.whenStable();
    expect((await answerNames(pageOf([row(3)], 1, 1))).group).toBe('relaxed');
    expect(queryTestId(page.fixture, 'preview-names-error')).toBeNull();
  });

  it('drops the names when the form changes, and a new preview starts closed', async () => {
    await previewed();
    toggleOf(0).click();
    await page.fixture.whenStable();
    await answerNames(pageOf([row(1)], 1, 1));

    await setGrace(0, '4');
    expect(queryTestId(page.fixture, 'preview-group')).toBeNull();
    await previewWith();

    expect(toggleOf(0).getAttribute('aria-expanded')).toBe('false');
    expect(queryTestId(page.fixture, 'preview-login')).toBeNull();
  });
});
