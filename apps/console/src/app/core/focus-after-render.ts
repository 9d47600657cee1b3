import { ElementRef, Injector, afterNextRender, inject } from '@angular/core';

/**
 * A function that focuses `target` once the view has rendered next: a step's first field, or the
 * new title after the content changed under the keyboard (the focused button is gone). Make it in
 * a field initializer (it injects).
 */
export function focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): () => void {
  const injector = inject(Injector);
  return () => {
    afterNextRender(() => target()?.nativeElement.focus(), { injector });
  };
}
