import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, AuditEntry, AuditPage } from '@latchkey/contracts';
import { allByTestId, byTestId, me, queryTestId } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { AuditLogPage } from './audit-log-page';
import { placeholder } from './audit-party';
import { FileDownload } from '../../shared/file-download';
import { pageProviders } from '../../shared/testing/component-testing';

const AUDIT = ApiPaths.audit('tenant-1');
const EMMA = '6f1c2a4e-0000-4000-8000-00000000e44a';

function event(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'event-1',
    createdAt: '2026-03-05T09:15:30.000Z',
    tenantId: 'tenant-1',
    action: 'login.reset',
    actor: 'olga@acme.test',
    actorLoginId: 'login-olga',
    actorIdentityId: 'identity-olga',
    targetType: 'login',
    targetId: EMMA,
    targetLabel: 'emma@acme.test',
    before: null,
    after: null,
    address: null,
    ...overrides,
  };
}

const page = (items: AuditEntry[], person?: AuditPage['person']): AuditPage => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 50,
  ...(person ? { person } : {}),
});

/** Actors and targets by name with their ids on hover, and one person's events. */
describe('AuditLogPage people', () => {
  let fixture: ComponentFixture<AuditLogPage>;
  let http: HttpTestingController;

  async function open(inputs: Record<string, unknown> = {}): Promise<void> {
    fixture = TestBed.createComponent(AuditLogPage);
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    await fixture.whenStable();
  }

  function pending(): TestRequest {
    return http.expectOne((r) => r.url === AUDIT && r.method === 'GET');
  }

  async function answer(body: AuditPage): Promise<TestRequest> {
    const request = pending();
    request.flush(body);
    await fixture.whenStable();
    return request;
  }

  /** The name shown in a row's actor or target cell, and what hovering it shows. */
  function party(row: number, column: 'actor' | 'target'): { name: string; hover: string | null } {
    const cell = allByTestId(fixture, 'audit-row')[row].querySelector(`[data-testid="audit-${column}"]`);
    const shown = cell?.querySelector<HTMLElement>('[data-testid="audit-party"]');
    return {
      name: (shown ?? cell)?.textContent?.trim() ?? '',
      hover: shown?.getAttribute('title') ?? null,
    };
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AuditLogPage],
      providers: [...pageProviders(), { provide: FileDownload, useValue: { save: jest.fn() } }],
    });
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('owner') });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows actor and target by name with the id on hover, and a placeholder for a bare id', async () => {
    await open();
    await answer(
      page([
        event(),
        event({
          id: 'event-2',
          actor: null,
          actorLoginId: 'login-gone',
          targetType: 'user-type',
          targetId: 'type-gone',
          targetLabel: null,
        }),
        event({
          id: 'event-3',
          actor: 'system',
          actorLoginId: null,
          actorIdentityId: null,
          targetId: null,
          targetType: null,
          targetLabel: null,
        }),
      ]),
    );

    expect(party(0, 'actor')).toEqual({ name: 'olga@acme.test', hover: 'Id: login-olga' });
    expect(party(0, 'target')).toEqual({ name: 'emma@acme.test', hover: `Id: ${EMMA}` });
    expect(party(1, 'actor')).toEqual({ name: 'a deleted login', hover: 'Id: login-gone' });
    expect(party(1, 'target')).toEqual({ name: 'a deleted user type', hover: 'Id: type-gone' });
    expect(party(2, 'actor')).toEqual({ name: 'system', hover: null });
    expect(party(2, 'target')).toEqual({ name: '—', hover: null });
    const text = (fixture.nativeElement as HTMLElement).querySelector('table')?.textContent ?? '';
    expect(text).not.toContain('login-gone');
    expect(text).not.toContain(EMMA);
  });

  it.each([
    ['login', 'a deleted login'],
    ['api-token', 'a deleted API token'],
    ['application', 'a deleted application'],
    [null, 'a deleted record'],
  ])('stands a %s with no name in for "%s"', (kind, words) => {
    expect(placeholder(kind)).toBe(words);
  });

  it('reads ?loginId= and names the person in the filter chip, with the id on hover', async () => {
    await open({ loginId: EMMA });

    const request = await answer(page([event()], { loginId: EMMA, label: 'emma@acme.test' }));
    expect(request.request.params.get('loginId')).toBe(EMMA);
    const chip = byTestId(fixture, 'audit-person-chip');
    expect(chip.textContent).toContain('emma@acme.test');
    expect(chip.textContent).not.toContain(EMMA);
    expect(chip.getAttribute('title')).toBe(`Id: ${EMMA}`);
  });

  it('names a person the log never named with a placeholder, never the id', async () => {
    await open({ loginId: EMMA });
    await answer(page([], { loginId: EMMA, label: null }));

    expect(byTestId(fixture, 'audit-person-chip').textContent).toContain('a deleted login');
  });

  it("shows one person's events when a login's name is chosen, and everyone's again when the chip is removed", async () => {
    await open();
    await answer(page([event()]));
    expect(queryTestId(fixture, 'audit-person-chip')).toBeNull();
    expect(byTestId(fixture, 'audit-person-hint').textContent).toContain('Everyone');

    allByTestId(fixture, 'audit-target')[0].querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();
    const filtered = pending();
    expect(filtered.request.params.get('loginId')).toBe(EMMA);
    expect(filtered.request.params.get('page')).toBe('1');
    expect(byTestId(fixture, 'audit-person-chip').textContent).toContain('emma@acme.test');
    filtered.flush(page([event()], { loginId: EMMA, label: 'emma@acme.test' }));
    await fixture.whenStable();

    byTestId<HTMLButtonElement>(fixture, 'audit-person-clear').click();
    await fixture.whenStable();
    expect(pending().request.params.has('loginId')).toBe(false);
    expect(queryTestId(fixture, 'audit-person-chip')).toBeNull();
  });
});
