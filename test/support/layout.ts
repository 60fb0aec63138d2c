/**
 * Layout checks shared by e2e specs: at the window's current size, no button, tab, column header or sort
 * button has its text clipped or lies outside a box that clips it (a table that may scroll sideways only
 * needs its sticky action column in view), nothing scrolls sideways, and status names are shown whole.
 * (The same check as test/e2e/layout.spec.ts, which can import it from here.)
 */
import type { Page } from '@playwright/test';

/** What is wrong with the screen's layout at this size, as sentences naming the element (empty: nothing). */
export function layoutProblems(page: Page, noSideways: boolean, statuses: readonly string[]): Promise<string[]> {
  return page.evaluate(
    ({ noSideways, statuses }) => {
      const problems: string[] = [];
      const name = (element: Element) => `${element.getAttribute('role') ?? element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60)}"`;
      const shown = (element: HTMLElement) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden' && !element.closest('.visually-hidden, [hidden]');
      const root = document.scrollingElement!;
      if (root.scrollWidth > root.clientWidth + 1) problems.push(`the window scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
      const content = document.querySelector<HTMLElement>('main.content');
      if (content && content.scrollWidth > content.clientWidth + 1) problems.push(`the page scrolls sideways (${content.scrollWidth} > ${content.clientWidth})`);
      if (noSideways) {
        for (const table of document.querySelectorAll<HTMLElement>('[role="grid"]')) {
          if (table.scrollWidth > table.clientWidth + 1) problems.push(`${name(table)} scrolls sideways (${table.scrollWidth} > ${table.clientWidth})`);
        }
      }
      const controls = document.querySelectorAll<HTMLElement>('button, [role="tab"], [role="columnheader"], .sort-button');
      for (const element of controls) {
        if (!shown(element)) continue;
        // Its text fits in its box.
        if (element.scrollWidth > element.clientWidth + 1) problems.push(`${name(element)}: text clipped (${element.scrollWidth} > ${element.clientWidth})`);
        // Its box fits in every box that clips it (sideways: scrolling down is fine, scrolling sideways is not).
        // In a table that may scroll sideways (below 1280 px), only the sticky action column must stay in view.
        const inTable = element.closest('[role="grid"]');
        const mustShow = !inTable || noSideways || element.closest('.sticky-end') !== null;
        const box = element.getBoundingClientRect();
        if (mustShow && (box.left < -1 || box.right > window.innerWidth + 1)) problems.push(`${name(element)}: outside the window (${Math.round(box.left)}–${Math.round(box.right)})`);
        for (let parent = element.parentElement; parent && mustShow; parent = parent.parentElement) {
          if (getComputedStyle(parent).overflowX === 'visible') continue;
          const clip = parent.getBoundingClientRect();
          if (box.left < clip.left - 1 || box.right > clip.right + 1) {
            problems.push(`${name(element)}: clipped by ${parent.className || parent.tagName} (${Math.round(box.left)}–${Math.round(box.right)} outside ${Math.round(clip.left)}–${Math.round(clip.right)})`);
            break;
          }
        }
      }
      // Status names are shown whole (two lines at most, none cut off).
      for (const cell of document.querySelectorAll<HTMLElement>('[role="gridcell"]')) {
        if (!statuses.includes(cell.textContent ?? '')) continue;
        if (cell.scrollHeight > cell.clientHeight + 1 || cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name(cell)}: cut off`);
      }
      return problems;
    },
    { noSideways, statuses },
  );
}
