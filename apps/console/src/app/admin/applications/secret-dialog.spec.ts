import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { queryTestId } from '../../../testing/fixtures';
import { DialogTest } from '../../shared/testing/dialog-test';
import { DESK, HR } from './applications-page.testing';
import { SHOWN_ONCE, SecretDialog, SecretDialogData, discoveryUrl } from './secret-dialog';

describe('SecretDialog', () => {
  let data: SecretDialogData;
  const dialog = new DialogTest(
    SecretDialog,
    () => data,
    () => jest.fn(),
  );
  const { text, click, press } = dialog;

  async function render(given: SecretDialogData): Promise<void> {
    data = given;
    await dialog.render();
  }

  beforeEach(dialog.setUp);

  it('shows the secret once with its warning, the client_id and the discovery URL, each to copy', async () => {
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await render({ answer: { application: HR, clientSecret: 's3cr3t' }, rotated: false });

    expect(text('client-secret')).toBe('s3cr3t');
    expect(text('secret-warning')).toBe(SHOWN_ONCE);
    expect(SHOWN_ONCE).toBe(
      "Shown once: store it in the application's configuration now. Latchkey keeps only a hash.",
    );
    expect(text('client-id')).toBe('app-hr');
    expect(text('discovery-url')).toBe(`${location.origin}/oidc/.well-known/openid-configuration`);
    expect(dialog.fixture.nativeElement.textContent).toContain(
      'Discovery URL (available once the OpenID provider is switched on)',
    );
    expect(dialog.fixture.nativeElement.textContent).toContain('HR portal is registered');

    await click('copy-secret');
    await click('copy-client-id');
    await click('copy-discovery');
    expect(copy.mock.calls.map(([copied]) => copied)).toEqual([
      's3cr3t',
      'app-hr',
      discoveryUrl(location.origin),
    ]);
    expect(dialog.ref.disableClose).toBe(true);
  });

  it('says that the old secret no longer works after a rotation', async () => {
    await render({ answer: { application: HR, clientSecret: 'n3w' }, rotated: true });

    expect(dialog.fixture.nativeElement.textContent).toContain('New client secret for HR portal');
    expect(text('secret-warning')).toContain('The old secret no longer works.');
  });

  it('shows a public application its client_id, and that it has no secret', async () => {
    await render({ answer: { application: DESK, clientSecret: null }, rotated: false });

    expect(queryTestId(dialog.fixture, 'client-secret')).toBeNull();
    expect(text('no-secret')).toContain('signs in with PKCE');
    expect(text('client-id')).toBe('app-desk');
  });

  it('closes with Done or Escape only', async () => {
    await render({ answer: { application: HR, clientSecret: 's3cr3t' }, rotated: false });

    press('Enter');
    expect(dialog.ref.close).not.toHaveBeenCalled();
    press('Escape');
    expect(dialog.ref.close).toHaveBeenCalledTimes(1);
    await click('secret-done');
    expect(dialog.ref.close).toHaveBeenCalledTimes(2);
  });
});
