import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiPaths, Me, Role } from '@latchkey/contracts';
import { allByTestId, byTestId, me, queryTestId } from '../../testing/fixtures';
import { SessionStore } from '../core/session-store';
import { SignInNotice } from '../core/sign-in-notice';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;

  async function render(person: Me): Promise<void> {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: person });
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
  }

  function navLabels(): string[] {
    return allByTestId(fixture, 'nav-link').map((a) => a.textContent?.trim() ?? '');
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  it('shows the product name and who is signed in, with their tenant', async () => {
    await render(me('owner', { displayName: 'Olga Owner', tenantName: 'Acme' }));

    expect(byTestId(fixture, 'shell').textContent).toContain('Latchkey');
    const who = byTestId(fixture, 'who-am-i').textContent ?? '';
    expect(who).toContain('Olga Owner');
    expect(who).toContain('Acme');
  });

  it('names the platform for a super user', async () => {
    await render(me('super'));

    expect(byTestId(fixture, 'who-am-i').textContent).toContain('Platform administration');
  });

  it.each<[Role, string[], string[]]>([
    ['super', ['Tenants', 'Audit log', 'Locked logins', 'Security'], ['Platform', 'Profile']],
    [
      'owner',
      [
        'Security settings',
        'Users',
        'Applications',
        'Sign-in providers',
        'API tokens',
        'Audit log',
        'Security',
      ],
      ['Admin', 'Profile'],
    ],
    ['user', ['Security'], ['Profile']],
  ])('shows the navigation of a %s', async (role, links, sections) => {
    await render(me(role));

    expect(navLabels()).toEqual(links);
    const headings = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('nav h2')).map((h) =>
      h.textContent?.trim(),
    );
    expect(headings).toEqual(sections);
  });

  it('hides platform and admin entries from a plain user', async () => {
    await render(me('user'));

    expect(queryTestId(fixture, 'nav-Platform')).toBeNull();
    expect(queryTestId(fixture, 'nav-Admin')).toBeNull();
  });

  it.each<[Role, string[]]>([
    [
      'owner',
      [
        '/admin/security-settings',
        '/admin/users',
        '/admin/applications',
        '/admin/sign-in-providers',
        '/admin/api-tokens',
        '/admin/audit-log',
        '/profile/security',
      ],
    ],
    ['super', ['/platform/tenants', '/platform/audit-log', '/platform/locked-logins', '/profile/security']],
  ])("links a %s's entries to their pages", async (role, expected) => {
    await render(me(role));

    const hrefs = allByTestId<HTMLAnchorElement>(fixture, 'nav-link').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expected);
  });

  it('offers "Skip to main content" as the first focusable element, and moves focus to the page', async () => {
    await render(me('owner'));

    const shell = byTestId(fixture, 'shell');
    const first = shell.querySelector<HTMLElement>('a[href], button:not([disabled]), [tabindex="0"]');
    const skip = byTestId<HTMLAnchorElement>(fixture, 'skip-link');
    expect(first).toBe(skip);
    expect(skip.textContent?.trim()).toBe('Skip to main content');
    const main = byTestId(fixture, 'main');
    expect(main.tagName).toBe('MAIN');
    expect(skip.getAttribute('href')).toBe(`#${main.id}`);

    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    skip.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(main);
  });

  it('signs out: posts logout, then shows the sign-in page with a message', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await render(me('user'));

    byTestId<HTMLButtonElement>(fixture, 'sign-out').click();
    TestBed.inject(HttpTestingController)
      .expectOne({ method: 'POST', url: ApiPaths.logout })
      .flush({ state: 'signed-out' });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(TestBed.inject(SignInNotice).take()).toBe('You have signed out.');
    expect(TestBed.inject(SessionStore).me()).toBeNull();
  });
});
