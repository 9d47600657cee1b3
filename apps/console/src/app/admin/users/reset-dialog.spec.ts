import { Clipboard } from '@angular/cdk/clipboard';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiPaths, ResetAnswer } from '@latchkey/contracts';
import { byTestId, queryTestId } from '../../../testing/fixtures';
import { Subject } from 'rxjs';
import { dialogProviders } from '../../shared/testing/component-testing';
import { ResetDialog, ResetDialogData } from './reset-dialog';
import { userRow } from './user-row.testing';

const TENANT = 'tenant-1';

const ANN = userRow({
  effective: {
    method: 'authenticator',
    reason: { layer: 'user-type', setBy: null, setAt: null },
    floor: 'off',
    graceDays: 0,
  },
  hasPin: true,
  lastSecondFactorAt: null,
});

describe('ResetDialog', () => {
  let fixture: ComponentFixture<ResetDialog>;
  let http: HttpTestingController;
  let ref: { close: jest.Mock; disableClose: boolean; keydownEvents: () => Subject<KeyboardEvent> };
  let keys: Subject<KeyboardEvent>;

  function text(testId: string): string {
    return byTestId(fixture, testId).textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  async function confirm(): Promise<void> {
    byTestId<HTMLButtonElement>(fixture, 'confirm-ok').click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    keys = new Subject<KeyboardEvent>();
    ref = { close: jest.fn(), disableClose: false, keydownEvents: () => keys };
    TestBed.configureTestingModule({
      imports: [ResetDialog],
      providers: dialogProviders(ref, () => ({ tenantId: TENANT, user: ANN }) satisfies ResetDialogData),
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResetDialog);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('says what a reset removes before anything is sent', () => {
    const removes = Array.from(byTestId(fixture, 'reset-removes').querySelectorAll('li')).map((li) =>
      li.textContent?.trim(),
    );
    expect(removes).toEqual([
      expect.stringContaining('every authenticator app'),
      'the PIN',
      'the backup codes',
      expect.stringContaining('signed out everywhere'),
    ]);
    expect(fixture.nativeElement.textContent).toContain('must set up their second factor again');
    http.expectNone(ApiPaths.reset(TENANT, 'login-ann'));
  });

  it('resets once confirmed and shows the handover code once, with its expiry and a copy button', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await confirm();
    const post = http.expectOne({ method: 'POST', url: ApiPaths.reset(TENANT, 'login-ann') });
    expect(post.request.body).toEqual({});
    const answer: ResetAnswer = { handoverCode: 'K7QP-2M4X', handoverExpiresAt: '2026-11-24T10:15:00Z' };
    post.flush(answer);
    await fixture.whenStable();

    expect(text('handover-code')).toBe('K7QP-2M4X');
    expect(text('handover-warning')).toContain('shown only this once');
    expect(text('handover-warning')).toContain('only after you have checked that it really is them asking');
    expect(text('handover-expiry')).toMatch(/^It works once, until 24 Nov 2026, \d\d:\d\d\./);
    expect(queryTestId(fixture, 'reset-direct')).toBeNull();
    expect(ref.disableClose).toBe(true);

    byTestId<HTMLButtonElement>(fixture, 'copy-handover').click();
    await fixture.whenStable();
    expect(copy).toHaveBeenCalledWith('K7QP-2M4X');
    expect(text('copy-handover')).toBe('Copied');

    expect(ref.close).not.toHaveBeenCalled();
    byTestId<HTMLButtonElement>(fixture, 'reset-done').click();
    expect(ref.close).toHaveBeenCalledWith(answer);
  });

  it('closes with the answer on Escape once the code is shown, but not on other keys', async () => {
    await confirm();
    const answer: ResetAnswer = { handoverCode: 'K7QP-2M4X', handoverExpiresAt: '2026-11-24T10:15:00Z' };
    http.expectOne(ApiPaths.reset(TENANT, 'login-ann')).flush(answer);
    await fixture.whenStable();

    keys.next(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(ref.close).not.toHaveBeenCalled();
    keys.next(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(ref.close).toHaveBeenCalledWith(answer);
  });

  it('says the user enrols directly when the account uses no handover code', async () => {
    await confirm();
    http
      .expectOne(ApiPaths.reset(TENANT, 'login-ann'))
      .flush({ handoverCode: null, handoverExpiresAt: null });
    await fixture.whenStable();

    expect(text('reset-direct')).toBe(
      'Ann Example will set up their second factor again directly at their next sign-in. This account does not use handover codes.',
    );
    expect(queryTestId(fixture, 'handover-code')).toBeNull();
  });

  it("shows the API's refusal and stays open for another try", async () => {
    await confirm();
    http
      .expectOne(ApiPaths.reset(TENANT, 'login-ann'))
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'This user no longer exists.' },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();

    expect(text('reset-error')).toBe('This user no longer exists.');
    expect(ref.close).not.toHaveBeenCalled();
    expect(ref.disableClose).toBe(false);
    expect(byTestId<HTMLButtonElement>(fixture, 'confirm-ok').disabled).toBe(false);
  });
});
