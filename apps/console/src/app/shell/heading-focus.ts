import { ChangeDetectorRef, Injector, afterNextRender, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/**
 * The router's fallback for WCAG 2.4.3: after each navigation (but the document's first, where the
 * skip link stays the first stop), once the new page has rendered, focus its first `h1` unless the
 * page already put focus inside `main` (its heading or first field, `focus-after-render.ts`) or a
 * dialog holds it. Call in the shell's constructor (it injects).
 */
export function focusHeadingAfterNavigation(main: () => HTMLElement | undefined): void {
  const router = inject(Router);
  const injector = inject(Injector);
  const view = inject(ChangeDetectorRef);
  let latest = 0;
  router.events
    .pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      takeUntilDestroyed(),
    )
    .subscribe((event) => {
      if (!router.lastSuccessfulNavigation()?.previousNavigation) {
        return;
      }
      latest = event.id;
      afterNextRender(
        () => {
          if (event.id === latest) {
            focusMainHeading(main());
          }
        },
        { injector },
      );
      // Zoneless: make sure a render comes, even when the navigation changed nothing on screen.
      view.markForCheck();
    });
}

/** Focus the first `h1` in `main` (made focusable by script) unless focus is in `main` or a dialog. */
export function focusMainHeading(main: HTMLElement | undefined): void {
  if (!main) {
    return;
  }
  const active = main.ownerDocument.activeElement;
  if (active && active !== main && main.contains(active)) {
    return;
  }
  if (active?.closest('.cdk-overlay-container')) {
    return;
  }
  const heading = main.querySelector<HTMLElement>('h1');
  if (!heading) {
    return;
  }
  if (!heading.hasAttribute('tabindex')) {
    heading.setAttribute('tabindex', '-1');
  }
  heading.focus();
}
