import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, ElementRef, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { me } from '../../testing/fixtures';
import { focusAfterRender } from '../core/focus-after-render';
import { SessionStore } from '../core/session-store';
import { Shell } from './shell';

@Component({
  template: '<h1>Users</h1><p>A page that leaves focus to the shell.</p>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class PlainPage {}

@Component({
  template: '<h1 tabindex="-1">Applications</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class OtherPage {}

@Component({
  template: '<h1>Search</h1><input #field data-testid="own-field" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class FocusingPage {
  private readonly field = viewChild<ElementRef<HTMLElement>>('field');
  private readonly focusField = focusAfterRender(() => this.field());

  constructor() {
    this.focusField();
  }
}

@Component({
  template: '<p>Dialog</p><button type="button">OK</button>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SomeDialog {}

describe('the shell moves focus to the page heading after a navigation', () => {
  let harness: RouterTestingHarness;

  const active = (): Element | null => document.activeElement;
  const heading = (): HTMLElement | null => document.querySelector('main h1');

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        provideRouter([
          {
            path: '',
            component: Shell,
            children: [
              { path: 'users', component: PlainPage },
              { path: 'applications', component: OtherPage },
              { path: 'search', component: FocusingPage },
            ],
          },
        ]),
      ],
    });
    TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('owner') });
    harness = await RouterTestingHarness.create('/users');
  });

  async function go(url: string): Promise<void> {
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
  }

  it("leaves the document's first page alone, so the skip link stays the first stop", () => {
    expect(heading()?.textContent).toBe('Users');
    expect(active()).toBe(document.body);
  });

  it('focuses the h1 of the new page, making it focusable when it was not', async () => {
    await go('/applications');
    expect(active()).toBe(heading());
    expect(heading()?.textContent).toBe('Applications');

    await go('/users');
    expect(heading()?.textContent).toBe('Users');
    expect(heading()?.getAttribute('tabindex')).toBe('-1');
    expect(active()).toBe(heading());
  });

  it('keeps the focus a page gave itself inside main', async () => {
    await go('/search');

    expect(active()?.getAttribute('data-testid')).toBe('own-field');
  });

  it('leaves focus in an open dialog', async () => {
    const ref = TestBed.inject(MatDialog).open(SomeDialog);
    await harness.fixture.whenStable();
    const inDialog = document.querySelector<HTMLElement>('mat-dialog-container button');
    inDialog?.focus();

    await go('/applications');
    expect(active()).toBe(inDialog);
    ref.close();
  });
});
