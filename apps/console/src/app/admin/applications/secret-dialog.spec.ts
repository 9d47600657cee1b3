import { Clipboard } from '@angular/cdk/clipboard';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { byTestId, queryTestId } from '../../../testing/fixtures';
import { dialogProviders } from '../../shared/testing/component-testing';
import { DESK, HR } from './applications-page.testing';
import { SHOWN_ONCE, SecretDialog, SecretDialogData, discoveryUrl } from './secret-dialog';

describe('SecretDialog', () => {
  let fixture: ComponentFixture<SecretDialog>;
  let ref: { close: jest.Mock; disableClose: boolean; keydownEvents: () => Subject<KeyboardEvent> };
  let keys: Subject<KeyboardEvent>;
  let data: SecretDialogData;

  async function render(given: SecretDialogData): Promise<void> {
    data = given;
    fixture = TestBed.createComponent(SecretDialog);
    await fixture.whenStable();
  }

  const text = (id: string): string => byTestId(fixture, id).textContent?.trim() ?? '';

  beforeEach(() => {
    keys = new Subject();
    ref = { close: jest.fn(), disableClose: false, keydownEvents: () => keys };
    TestBed.configureTestingModule({ imports: [SecretDialog], providers: dialogProviders(ref, () => data) });
  });

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
    expect(fixture.nativeElement.textContent).toContain(
      'Discovery URL (available once the OpenID provider is switched on)',
    );
    expect(fixture.nativeElement.textContent).toContain('HR portal is registered');

    byTestId(fixture, 'copy-secret').click();
    byTestId(fixture, 'copy-client-id').click();
    byTestId(fixture, 'copy-discovery').click();
    expect(copy.mock.calls.map(([copied]) => copied)).toEqual([
      's3cr3t',
      'app-hr',
      discoveryUrl(location.origin),
    ]);
    expect(ref.disableClose).toBe(true);
  });

  it('says that the old secret no longer works after a rotation', async () => {
    await render({ answer: { application: HR, clientSecret: 'n3w' }, rotated: true });

    expect(fixture.nativeElement.textContent).toContain('New client secret for HR portal');
    expect(text('secret-warning')).toContain('The old secret no longer works.');
  });

  it('shows a public application its client_id, and that it has no secret', async () => {
    await render({ answer: { application: DESK, clientSecret: null }, rotated: false });

    expect(queryTestId(fixture, 'client-secret')).toBeNull();
    expect(text('no-secret')).toContain('signs in with PKCE');
    expect(text('client-id')).toBe('app-desk');
  });

  it('closes with Done or Escape only', async () => {
    await render({ answer: { application: HR, clientSecret: 's3cr3t' }, rotated: false });

    keys.next(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(ref.close).not.toHaveBeenCalled();
    keys.next(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(ref.close).toHaveBeenCalledTimes(1);
    byTestId(fixture, 'secret-done').click();
    expect(ref.close).toHaveBeenCalledTimes(2);
  });
});
