import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { ApiPaths, UPSTREAM_NOTICES } from '@latchkey/contracts';
import { byTestId, queryTestId, typeInto } from '../../testing/fixtures';
import { SignInPage } from './sign-in-page';
import { configureStep } from './step-testing';

/** The sign-in page offers an account's own provider to the emails of its domains (DESIGN §11). */
describe('SignInPage with the accounts’ own providers', () => {
  let fixture: ComponentFixture<SignInPage>;
  let http: HttpTestingController;

  const pause = () => new Promise((resolve) => setTimeout(resolve, 350));

  async function typeEmail(email: string): Promise<void> {
    typeInto(byTestId<HTMLInputElement>(fixture, 'email'), email);
    fixture.detectChanges();
    await pause();
  }

  beforeEach(async () => {
    ({ http } = configureStep(SignInPage));
    fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('offers "Continue with" for a routed domain, and hides the password when the provider says so', async () => {
    await typeEmail('nina@contoso.example');
    const ask = http.expectOne({ method: 'POST', url: ApiPaths.upstreamDiscover });
    expect(ask.request.body).toEqual({ email: 'nina@contoso.example' });
    ask.flush({
      providers: [{ connectionId: 'c-1', name: 'Contoso SSO', tenantName: 'Acme' }],
      passwordAllowed: false,
    });
    await fixture.whenStable();

    const link = byTestId<HTMLAnchorElement>(fixture, 'continue-with-provider');
    expect(link.textContent).toContain('Continue with Contoso SSO');
    expect(link.getAttribute('href')).toBe(ApiPaths.upstreamStart('c-1'));
    expect(queryTestId(fixture, 'password')).toBeNull();
    expect(byTestId(fixture, 'password-off').textContent).toContain('its own provider');
  });

  it('asks once per domain, and keeps the password for a domain no provider routes', async () => {
    await typeEmail('emma@acme.test');
    http.expectOne(ApiPaths.upstreamDiscover).flush({ providers: [], passwordAllowed: true });
    await typeEmail('emma.e@acme.test');
    http.expectNone(ApiPaths.upstreamDiscover);
    await fixture.whenStable();
    expect(queryTestId(fixture, 'continue-with-provider')).toBeNull();
    expect(queryTestId(fixture, 'password')).not.toBeNull();
  });
});

describe('SignInPage opened by an account’s sign-in link', () => {
  it('shows the account’s providers at once, then adds the email’s others once', async () => {
    const route = { snapshot: { queryParamMap: convertToParamMap({ tenant: 't-acme' }) } };
    const { http } = configureStep(SignInPage, [{ provide: ActivatedRoute, useValue: route }]);
    const page = TestBed.createComponent(SignInPage);
    await page.whenStable();
    http.expectOne({ method: 'GET', url: ApiPaths.upstreamOfTenant('t-acme') }).flush({
      providers: [{ connectionId: 'c-1', name: 'Acme SSO', tenantName: 'Acme' }],
      passwordAllowed: true,
    });
    await page.whenStable();
    expect(byTestId(page, 'sign-in-tenant').textContent).toContain('Sign in to Acme');
    const names = () =>
      [...page.nativeElement.querySelectorAll('[data-testid="continue-with-provider"]')].map((a) =>
        (a as HTMLElement).textContent?.trim(),
      );
    expect(names()).toEqual(['Continue with Acme SSO']);
    expect(queryTestId(page, 'password')).not.toBeNull();

    typeInto(byTestId<HTMLInputElement>(page, 'email'), 'nina@contoso.example');
    page.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 350));
    http.expectOne(ApiPaths.upstreamDiscover).flush({
      providers: [
        { connectionId: 'c-1', name: 'Acme SSO', tenantName: 'Acme' },
        { connectionId: 'c-2', name: 'Contoso SSO', tenantName: 'Acme' },
      ],
      passwordAllowed: true,
    });
    await page.whenStable();
    expect(names()).toEqual(['Continue with Acme SSO', 'Continue with Contoso SSO']);
    http.verify();
  });

  it('shows the plain page for a link the API refuses', async () => {
    const route = { snapshot: { queryParamMap: convertToParamMap({ tenant: 'acme' }) } };
    const { http } = configureStep(SignInPage, [{ provide: ActivatedRoute, useValue: route }]);
    const page = TestBed.createComponent(SignInPage);
    await page.whenStable();
    http
      .expectOne(ApiPaths.upstreamOfTenant('acme'))
      .flush({ message: 'Invalid input: tenantId' }, { status: 400, statusText: 'Bad Request' });
    await page.whenStable();
    expect(queryTestId(page, 'sign-in-tenant')).toBeNull();
    expect(queryTestId(page, 'continue-with-provider')).toBeNull();
    expect(queryTestId(page, 'password')).not.toBeNull();
  });
});

describe('SignInPage after a refused sign-in through a provider', () => {
  it('says why, in words', async () => {
    const route = { snapshot: { queryParamMap: convertToParamMap({ notice: 'upstream-unverified-email' }) } };
    configureStep(SignInPage, [{ provide: ActivatedRoute, useValue: route }]);
    const page = TestBed.createComponent(SignInPage);
    await page.whenStable();
    expect(byTestId(page, 'sign-in-info').textContent).toContain(
      UPSTREAM_NOTICES['upstream-unverified-email'],
    );
  });

  it('ignores a notice it does not know', async () => {
    const route = { snapshot: { queryParamMap: convertToParamMap({ notice: '<script>' }) } };
    configureStep(SignInPage, [{ provide: ActivatedRoute, useValue: route }]);
    const page = TestBed.createComponent(SignInPage);
    await page.whenStable();
    expect(queryTestId(page, 'sign-in-info')).toBeNull();
  });
});
