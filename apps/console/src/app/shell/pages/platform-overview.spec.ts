import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths } from '@latchkey/contracts';
import { allByTestId, byTestId, queryTestId } from '../../../testing/fixtures';
import { pageProviders, rowWith, settle } from '../../shared/testing/component-testing';
import { PlatformOverviewSection } from './platform-overview';
import { FAILED, PLATFORM } from './overview.testing';

describe('PlatformOverviewSection (the super user home)', () => {
  let fixture: ComponentFixture<PlatformOverviewSection>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [PlatformOverviewSection], providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function render(answer = PLATFORM): Promise<void> {
    fixture = TestBed.createComponent(PlatformOverviewSection);
    await settle(fixture);
    http.expectOne({ method: 'GET', url: ApiPaths.platformOverview }).flush(answer);
    await settle(fixture);
  }

  const numbers = (row: HTMLElement): string[] =>
    Array.from(row.querySelectorAll('[data-testid="count-link"], [data-testid="count-value"]')).map(
      (n) => n.textContent?.trim() ?? '',
    );

  it('shows a row per tenant and the totals, its name a link to the Tenants page', async () => {
    await render();

    expect(allByTestId(fixture, 'overview-row')).toHaveLength(2);
    const acme = rowWith(fixture, 'overview-row', 'Acme');
    expect(numbers(acme)).toEqual(['10', '0', '0', '10', '6', '1', '2', '1', '0']);
    expect(acme.querySelector('[data-testid="overview-name-link"]')?.getAttribute('href')).toBe(
      '/platform/tenants',
    );
    const totals = byTestId(fixture, 'overview-totals');
    expect(totals.textContent).toContain('All tenants');
    expect(numbers(totals)).toEqual(['15', '1', '2', '12', '9', '1', '2', '2', '1']);
  });

  it("links no tenant's number to a Users page (a super user has none)", async () => {
    await render();

    expect(queryTestId(fixture, 'count-link')).toBeNull();
    expect(allByTestId(fixture, 'count-value').length).toBeGreaterThan(0);
  });

  it('says when there are no tenants yet', async () => {
    await render({ ...PLATFORM, tenants: [] });

    expect(byTestId(fixture, 'overview-empty').textContent).toContain('No tenants yet.');
  });

  it('says when the numbers cannot be loaded, and tries again', async () => {
    fixture = TestBed.createComponent(PlatformOverviewSection);
    await settle(fixture);
    http.expectOne(ApiPaths.platformOverview).flush(FAILED, { status: 500, statusText: 'Server Error' });
    await settle(fixture);

    expect(byTestId(fixture, 'overview-error').textContent).toContain(
      "The platform's numbers could not be loaded.",
    );
    byTestId(fixture, 'overview-retry').click();
    await settle(fixture);
    http.expectOne(ApiPaths.platformOverview).flush(PLATFORM);
    await settle(fixture);
    expect(allByTestId(fixture, 'overview-row')).toHaveLength(2);
  });
});
