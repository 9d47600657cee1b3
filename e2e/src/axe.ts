import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG 2.0 and 2.1 A and AA rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** Waits until no CSS transition or animation runs (a dialog opening, a ripple), so axe sees the settled page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * Runs axe on the page as it stands and fails (softly, so one run lists every page) on each
 * serious or critical violation, naming the rule, the elements and the help text. With
 * `dialog`, only the overlay with the open dialog is checked (the page behind it has its own run).
 */
export async function expectAccessible(page: Page, where: string, options: { dialog?: boolean } = {}) {
  await settle(page);
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (options.dialog) builder.include('.cdk-overlay-container');
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const report = blocking
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('\n'),
    )
    .join('\n');
  expect
    .soft(
      blocking.map((v) => v.id),
      `axe on ${where} (${page.url()}):\n${report}`,
    )
    .toEqual([]);
  // A page with nothing to check would pass every rule: make sure axe looked at real content.
  expect(results.passes.length, `axe found nothing to check on ${where}`).toBeGreaterThan(0);
}
