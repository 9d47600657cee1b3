import { Clipboard } from '@angular/cdk/clipboard';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiTokenCreatedAnswer } from '@latchkey/contracts';
import { Subject } from 'rxjs';
import { byTestId } from '../../../testing/fixtures';
import { dialogProviders } from '../../shared/testing/component-testing';
import { HR_SYNC } from './api-tokens-page.testing';
import { TOKEN_SHOWN_ONCE, TokenSecretDialog } from './token-secret-dialog';

describe('TokenSecretDialog', () => {
  let fixture: ComponentFixture<TokenSecretDialog>;
  let ref: { close: jest.Mock; disableClose: boolean; keydownEvents: () => Subject<KeyboardEvent> };
  let keys: Subject<KeyboardEvent>;
  const answer: ApiTokenCreatedAnswer = { token: HR_SYNC, secret: 'lk_s3cr3t' };

  const text = (id: string): string => byTestId(fixture, id).textContent?.trim() ?? '';

  beforeEach(async () => {
    keys = new Subject();
    ref = { close: jest.fn(), disableClose: false, keydownEvents: () => keys };
    TestBed.configureTestingModule({
      imports: [TokenSecretDialog],
      providers: dialogProviders(ref, () => answer),
    });
    fixture = TestBed.createComponent(TokenSecretDialog);
    await fixture.whenStable();
  });

  it('shows the token once with its warning, its scopes and how to send it, with a copy button', () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);

    expect(fixture.nativeElement.textContent).toContain('HR sync is ready');
    expect(text('token-secret')).toBe('lk_s3cr3t');
    expect(text('token-warning')).toBe(TOKEN_SHOWN_ONCE);
    expect(TOKEN_SHOWN_ONCE).toContain('Latchkey keeps only a hash');
    expect(text('token-scopes')).toBe('It may: Read users, Change users.');
    expect(text('token-usage')).toContain('Authorization: Bearer <token>');
    byTestId(fixture, 'copy-token').click();
    expect(copy).toHaveBeenCalledWith('lk_s3cr3t');
    expect(ref.disableClose).toBe(true);
  });

  it('closes with Done or Escape only', () => {
    keys.next(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(ref.close).not.toHaveBeenCalled();
    keys.next(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(ref.close).toHaveBeenCalledTimes(1);
    byTestId(fixture, 'token-done').click();
    expect(ref.close).toHaveBeenCalledTimes(2);
  });
});
