/**
 * Keyboard-only navigation for e2e tests: what has focus (its role and accessible name, as a screen reader
 * would announce it), Tab until a named control has focus, and checks that focus never falls to <body> and
 * never leaves an open dialog. Names come from Playwright's accessibility snapshot of the focused element.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface Focused {
  readonly role: string;
  readonly name: string;
}

/** The focused element's role and accessible name; null when focus is on <body> (or nowhere). */
export async function focused(page: Page): Promise<Focused | null> {
  if (await page.evaluate(() => document.activeElement === null || document.activeElement === document.body)) return null;
  const snapshot = await page.locator(':focus').first().ariaSnapshot({ depth: 0, timeout: 5_000 });
  const line = snapshot.split('\n')[0] ?? '';
  const match = /^- ([\w-]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
  if (!match) return { role: 'generic', name: line.replace(/^- /, '') };
  return { role: match[1]!, name: (match[2] ?? '').replace(/\\(.)/g, '$1') };
}

function describe(focus: Focused | null): string {
  return focus ? `${focus.role} "${focus.name}"` : '<body>';
}

function matches(focus: Focused | null, name: string | RegExp, role?: string): boolean {
  if (!focus || (role && focus.role !== role)) return false;
  return typeof name === 'string' ? focus.name === name : name.test(focus.name);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element has the accessible name `name`
 * (and `role`, if given). Fails after `max` presses, naming every element focus went through.
 */
export async function tabTo(page: Page, name: string | RegExp, options: { readonly role?: string; readonly backwards?: boolean; readonly max?: number } = {}): Promise<void> {
  const { role, backwards = false, max = 30 } = options;
  const visited: string[] = [];
  if (matches(await focused(page), name, role)) return;
  for (let press = 0; press < max; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (matches(now, name, role)) return;
    visited.push(describe(now));
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} did not reach ${role ?? 'an element'} "${String(name)}" in ${max} presses; focus went through: ${visited.join(' → ')}`);
}

/** Presses the keys in order (e.g. `'ArrowRight'`, `'Enter'`). */
export async function press(page: Page, ...keys: readonly string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

/** Tab to the control named `name`, then Enter (a button) or Space (a checkbox, with `key`). */
export async function activate(page: Page, name: string | RegExp, options: { readonly role?: string; readonly backwards?: boolean; readonly max?: number; readonly key?: 'Enter' | ' ' } = {}): Promise<void> {
  await tabTo(page, name, options);
  await page.keyboard.press(options.key ?? 'Enter');
}

/** Focus is on an element, not on <body> (after a step or page change, it goes to the new content's heading). */
export async function expectFocusNotOnBody(page: Page, where: string): Promise<void> {
  await expect.poll(async () => describe(await focused(page)), { message: `${where}: focus fell to <body>` }).not.toBe('<body>');
}

/**
 * The dialog holds focus: `presses` Tabs and then as many Shift+Tabs never leave it (what is behind it,
 * e.g. the step's Continue, is never reached). Returns the names focus went through, in order.
 */
export async function expectFocusHeldBy(page: Page, dialog: Locator, presses = 12): Promise<string[]> {
  const seen: string[] = [];
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press(key);
      const inside = await dialog.evaluate((element) => element.contains(document.activeElement));
      const now = describe(await focused(page));
      expect(inside, `${key} ×${i + 1} left the dialog for ${now} (went through: ${seen.join(' → ')})`).toBe(true);
      seen.push(now);
    }
  }
  return seen;
}
