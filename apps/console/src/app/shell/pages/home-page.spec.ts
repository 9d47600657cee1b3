import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiPaths, Role } from '@latchkey/contracts';
import { byTestId, me } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { pageProviders, settle } from '../../shared/testing/component-testing';
import { HomePage } from './home-page';

describe('HomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [HomePage], providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function open(role: Role): Promise<HTMLElement> {
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me(role) });
    const fixture = TestBed.createComponent(HomePage);
    await settle(fixture);
    expect(byTestId(fixture, 'greeting').textContent).toContain('Welcome,');
    return fixture.nativeElement as HTMLElement;
  }

  it("greets an owner and shows the account's numbers", async () => {
    const page = await open('owner');
    http.expectOne(ApiPaths.overview('tenant-1'));
    expect(page.querySelector('app-account-overview')).not.toBeNull();
  });

  it("greets a super user and shows the platform's numbers", async () => {
    const page = await open('super');
    http.expectOne(ApiPaths.platformOverview);
    expect(page.querySelector('app-platform-overview')).not.toBeNull();
  });

  it('greets a user and shows their own second factor', async () => {
    const page = await open('user');
    http.expectOne(ApiPaths.mySecurity);
    expect(page.querySelector('app-my-status')).not.toBeNull();
    expect(page.querySelector('app-account-overview')).toBeNull();
  });
});
