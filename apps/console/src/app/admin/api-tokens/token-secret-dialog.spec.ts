import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { ApiTokenCreatedAnswer } from '@latchkey/contracts';
import { DialogTest } from '../../shared/testing/dialog-test';
import { HR_SYNC } from './api-tokens-page.testing';
import { TOKEN_SHOWN_ONCE, TokenSecretDialog } from './token-secret-dialog';

describe('TokenSecretDialog', () => {
  const answer: ApiTokenCreatedAnswer = { token: HR_SYNC, secret: 'lk_s3cr3t' };
  const dialog = new DialogTest(
    TokenSecretDialog,
    () => answer,
    () => jest.fn(),
  );
  const { text, click, press } = dialog;

  beforeEach(async () => {
    dialog.setUp();
    await dialog.render();
  });

  it('shows the token once with its warning, its scopes and how to send it, with a copy button', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);

    expect(dialog.fixture.nativeElement.textContent).toContain('HR sync is ready');
    expect(text('token-secret')).toBe('lk_s3cr3t');
    expect(text('token-warning')).toBe(TOKEN_SHOWN_ONCE);
    expect(TOKEN_SHOWN_ONCE).toContain('Latchkey keeps only a hash');
    expect(text('token-scopes')).toBe('It may: Read users, Change users.');
    expect(text('token-usage')).toContain('Authorization: Bearer <token>');
    await click('copy-token');
    expect(copy).toHaveBeenCalledWith('lk_s3cr3t');
    expect(dialog.ref.disableClose).toBe(true);
  });

  it('closes with Done or Escape only', async () => {
    press('Enter');
    expect(dialog.ref.close).not.toHaveBeenCalled();
    press('Escape');
    expect(dialog.ref.close).toHaveBeenCalledTimes(1);
    await click('token-done');
    expect(dialog.ref.close).toHaveBeenCalledTimes(2);
  });
});
