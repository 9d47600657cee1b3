import { TestRequest } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { me } from '../../../testing/fixtures';
import { SessionStore } from '../../core/session-store';
import { inRowWith, rowWith, settle } from './component-testing';
import { PageTest } from './page-test';

/** The account's owner signed in (for `PageTest.signIn`). */
export function signInOwner(tenantId: string): void {
  TestBed.inject(SessionStore).record({ state: 'signed-in', me: me('owner', { tenantId }) });
}

/**
 * A `PageTest` for a page whose table's rows carry `data-testid="rowId"`: settling, finding a
 * row by its text and an element in it, clicking, and the one call expected.
 */
export abstract class TablePageTest<T> extends PageTest<T> {
  protected constructor(
    page: Type<T>,
    private readonly rowId: string,
  ) {
    super(page);
  }

  readonly settle = (): Promise<void> => settle(this.fixture);
  readonly row = (name: string): HTMLElement => rowWith(this.fixture, this.rowId, name);

  readonly inRow = <E extends HTMLElement = HTMLElement>(name: string, id: string): E =>
    inRowWith<E>(this.fixture, this.rowId, name, id);

  readonly click = async (element: HTMLElement): Promise<void> => {
    element.click();
    await this.settle();
  };

  readonly expectCall = (method: string, url: string): TestRequest => this.http.expectOne({ method, url });
}
