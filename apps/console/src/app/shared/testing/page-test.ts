import { HttpTestingController } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { pageProviders } from './component-testing';

/**
 * What a page's specs share (specs only), subclassed per page with the page's own helpers. In the
 * spec: `beforeEach(page.setUp)` (a TestBed with the page and `pageProviders()`, then `signIn`)
 * and `afterEach(page.verify)` (no call left unanswered).
 */
export abstract class PageTest<T> {
  fixture!: ComponentFixture<T>;
  http!: HttpTestingController;

  protected constructor(private readonly page: Type<T>) {}

  readonly setUp = (): void => {
    TestBed.configureTestingModule({ imports: [this.page], providers: pageProviders() });
    this.http = TestBed.inject(HttpTestingController);
    this.signIn();
  };

  readonly verify = (): void => this.http.verify();

  /** A dialog hands its result over after it is gone from the page, a task later: wait for both. */
  readonly dialogGone = async (): Promise<void> => {
    await this.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await this.fixture.whenStable();
  };

  /** Who is signed in while the page opens; nobody unless a subclass says. */
  protected signIn(): void {
    // Nobody.
  }
}
