import { Observable, throwError } from 'rxjs';
import { PageLoad } from './page-load';
import { generalText } from './problem-text';

export interface OwnerLoadSource<T> {
  /** The call that answers what the page shows, for the owner's account. */
  fetch: (tenantId: string) => Observable<T>;
  /** Show the answer (loading has ended). */
  next: (answer: T) => void;
  /** The first words of a failed load: "The API tokens could not be loaded." */
  failed: string;
  /** What anyone signed in without an account reads instead: "API tokens are for account owners." */
  ownersOnly: string;
}

/**
 * The load of a page of an account's owner (API tokens, applications): for the account of who is
 * signed in (`tenantId`), or, without one, the failure `ownersOnly` (and "Try again" cannot help).
 */
export function ownerLoad<T>(tenantId: string | null, source: OwnerLoadSource<T>): PageLoad<T> {
  return new PageLoad<T>({
    fetch: () => (tenantId ? source.fetch(tenantId) : throwError(() => new Error(source.ownersOnly))),
    next: (answer) => source.next(answer),
    failure: (error) => (tenantId ? `${source.failed} ${generalText(error)}` : source.ownersOnly),
  });
}
