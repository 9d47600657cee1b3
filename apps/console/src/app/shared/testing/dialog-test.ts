import { HttpTestingController } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { byTestId, typeInto } from '../../../testing/fixtures';
import { dialogProviders, settle } from './component-testing';

/**
 * Stands in for an opened dialog's MatDialogRef: `close` is the spec's own (a `jest.fn()`), and
 * `disableClose` and the keys pressed in the dialog are as the dialog left them.
 */
export interface DialogRefStandIn<C> {
  close: C;
  disableClose: boolean;
  keydownEvents: () => Subject<KeyboardEvent>;
}

/**
 * What a dialog's specs share (specs only), for a dialog opened on its own (`dialogProviders`):
 *
 * `const dialog = new DialogTest(TheDialog, () => data, () => jest.fn());`, then
 * `beforeEach(dialog.setUp)`, `afterEach(dialog.verify)` and `await dialog.render()` in a test
 * (or in `beforeEach` after `setUp`). `data` is read when the dialog is created.
 */
export class DialogTest<T, C> {
  fixture!: ComponentFixture<T>;
  http!: HttpTestingController;
  ref!: DialogRefStandIn<C>;

  constructor(
    private readonly dialog: Type<T>,
    private readonly data: () => unknown,
    private readonly close: () => C,
  ) {}

  readonly setUp = (): void => {
    const keys = new Subject<KeyboardEvent>();
    this.ref = { close: this.close(), disableClose: false, keydownEvents: () => keys };
    TestBed.configureTestingModule({
      imports: [this.dialog],
      providers: dialogProviders(this.ref, this.data),
    });
    this.http = TestBed.inject(HttpTestingController);
  };

  /** No call left unanswered. */
  readonly verify = (): void => this.http.verify();

  readonly render = async (): Promise<void> => {
    this.fixture = TestBed.createComponent(this.dialog);
    await this.fixture.whenStable();
  };

  readonly settle = (): Promise<void> => settle(this.fixture);

  /** The trimmed text of `data-testid="id"`. */
  readonly text = (id: string): string => byTestId(this.fixture, id).textContent?.trim() ?? '';

  readonly type = async (id: string, value: string): Promise<void> => {
    typeInto(byTestId<HTMLInputElement>(this.fixture, id), value);
    await this.settle();
  };

  readonly click = async (id: string): Promise<void> => {
    byTestId(this.fixture, id).click();
    await this.settle();
  };

  /** A checkbox's or radio button's own input: what a click on its label reaches. */
  readonly check = async (id: string): Promise<void> => {
    byTestId(this.fixture, id).querySelector<HTMLInputElement>('input')?.click();
    await this.settle();
  };

  /** A key pressed while the dialog is open. */
  readonly press = (key: string): void =>
    this.ref.keydownEvents().next(new KeyboardEvent('keydown', { key }));
}

/** Nothing of a dialog is left on screen. */
export function noDialog(): boolean {
  return document.querySelector('mat-dialog-container') === null;
}
