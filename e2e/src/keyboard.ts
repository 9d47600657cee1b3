import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';

/** Whether focus is on `target` or inside it (a Material control focuses an inner element). */
function holdsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails when it
 * takes more than `max` presses, so an unreachable control fails the test.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { max?: number; backwards?: boolean } = {},
) {
  const { max = 30, backwards = false } = options;
  await expect(target).toBeVisible();
  for (let presses = 0; presses < max; presses++) {
    if (await holdsFocus(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  expect(
    await holdsFocus(target),
    `reached ${await describeFocus(page)} but not the target within ${max} presses`,
  ).toBe(true);
}

/** A short description of the focused element, for failure messages. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (body)';
    const id = el.getAttribute('data-testid');
    return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  });
}

/**
 * The focused element shows that it has focus: it matches :focus-visible and draws a ring (an
 * outline or a box shadow, Material's focus indicator, or the focused outline of its form field).
 */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const verdict = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing has focus';
    if (!el.matches(':focus-visible')) return `${el.tagName} has focus but not :focus-visible`;
    const drawn = (style: CSSStyleDeclaration) =>
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      (style.boxShadow !== 'none' && style.boxShadow !== '');
    if (drawn(getComputedStyle(el))) return 'ok';
    // Material: the form field of a focused input or select draws the thick outline.
    if (el.closest('.mat-mdc-form-field.mat-focused')) return 'ok';
    // Material's strong focus indicator: a bordered ::before on a .mat-focus-indicator element,
    // the control's own or one beside it (a radio's native input); only a focused one is drawn.
    let scope: HTMLElement = el;
    for (let depth = 0; depth < 2 && scope.parentElement; depth++) scope = scope.parentElement;
    const indicators = [el, ...Array.from(scope.querySelectorAll('.mat-focus-indicator'))];
    for (const candidate of indicators) {
      if (!candidate.classList.contains('mat-focus-indicator')) continue;
      const before = getComputedStyle(candidate, '::before');
      if (
        before.content !== 'none' &&
        before.display !== 'none' &&
        before.borderTopStyle !== 'none' &&
        parseFloat(before.borderTopWidth) > 0 &&
        !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(before.borderTopColor)
      ) {
        return 'ok';
      }
    }
    return `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" has focus but draws no focus ring`;
  });
  expect(verdict).toBe('ok');
}

/** Email, Tab, password, Enter, from the page's first field. */
export async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByTestId('email'), 'the sign-in page starts in the email field').toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('password')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
}

/** Moves to the shell's Sign out button and presses it. */
export async function signOutByKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByTestId('sign-out'), { max: 60 });
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId('sign-in-info')).toContainText(/signed out/i);
}
