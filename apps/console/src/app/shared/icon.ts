import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** The console's few icons, as 24×24 paths (Material Symbols' shapes). */
export const ICON_PATHS = {
  /** The narrow layout's navigation button. */
  menu: 'M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z',
  /** A phone: a login's second factor (its reset). */
  phone:
    'M17 1.01 7 1c-1.1 0-2 .9-2 2v18c0 1.1.9 2 2 2h10c1.1 0 2-.9 2-2V3c0-1.1-.9-1.99-2-1.99zM17 19H7V5h10v14z',
  /** A pencil: rename. */
  edit: 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
  /** A padlock: a floor set from above. */
  lock: 'M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2zM9 6a3 3 0 0 1 6 0v2H9V6z',
} as const;

export type IconName = keyof typeof ICON_PATHS;

/**
 * A decorative icon in the current text colour, hidden from screen readers: the button or text
 * beside it carries the name. The host takes no box of its own.
 */
@Component({
  selector: 'app-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      viewBox="0 0 24 24"
      [attr.width]="size()"
      [attr.height]="size()"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" [attr.d]="path()" />
    </svg>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
  /** Width and height in pixels. */
  readonly size = input(24);
  protected readonly path = computed(() => ICON_PATHS[this.name()]);
}
