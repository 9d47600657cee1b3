import { computed, signal } from '@angular/core';

/**
 * The logins ticked on the Users page (kept across its pages, by id), or the whole filtered set
 * ("Apply to all N filtered"), which a bulk action then takes as the list's filters.
 */
export class UsersSelection {
  private readonly ids = signal<ReadonlySet<string>>(new Set());
  /** The action is for every login the filters find, not only the ticked ones. */
  readonly allFiltered = signal(false);
  readonly count = computed(() => this.ids().size);

  has(loginId: string): boolean {
    return this.ids().has(loginId);
  }

  /** Every one of `loginIds` (the page's rows) is ticked. */
  hasAll(loginIds: readonly string[]): boolean {
    const ids = this.ids();
    return loginIds.length > 0 && loginIds.every((id) => ids.has(id));
  }

  /** Some, but not all, of `loginIds` are ticked. */
  hasSome(loginIds: readonly string[]): boolean {
    const ids = this.ids();
    return loginIds.some((id) => ids.has(id)) && !this.hasAll(loginIds);
  }

  toggle(loginId: string): void {
    this.allFiltered.set(false);
    this.ids.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(loginId)) next.add(loginId);
      return next;
    });
  }

  /** The header's box: tick the whole page, or untick it when it is all ticked. */
  togglePage(loginIds: readonly string[]): void {
    const untick = this.hasAll(loginIds);
    this.allFiltered.set(false);
    this.ids.update((ids) => {
      const next = new Set(ids);
      for (const id of loginIds) {
        if (untick) next.delete(id);
        else next.add(id);
      }
      return next;
    });
  }

  loginIds(): string[] {
    return [...this.ids()];
  }

  clear(): void {
    this.allFiltered.set(false);
    this.ids.set(new Set());
  }
}
