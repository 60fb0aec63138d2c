/**
 * Layout checks shared by e2e specs (layout.spec.ts, done-when-walk.spec.ts): at the window's current size,
 * no button, tab, column header or sort button is clipped, nothing scrolls sideways, and status names and
 * the given company names are shown whole.
 */
import type { Page } from '@playwright/test';

/** What is wrong with the screen's layout at this size, as sentences naming the element (empty: nothing). */
export function layoutProblems(page: Page, noSideways: boolean, statuses: readonly string[], names: readonly string[], namesInView: boolean): Promise<string[]> {
  return page.evaluate(
    ({ noSideways, statuses, names, namesInView }) => {
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
      // Long company names are shown whole (wrapping is fine): nothing cut off, no ellipsis. A narrow table may
      // show a left-out column's values under the name, so the cell starts with the name.
      const found = new Set<string>();
      for (const cell of document.querySelectorAll<HTMLElement>('[role="gridcell"]')) {
        const whose = names.find((candidate) => (cell.textContent ?? '').trim().startsWith(candidate));
        if (!whose) continue;
        found.add(whose);
        // Wider or taller than its box: cut off (on one line, behind an ellipsis).
        if (cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1) {
          const ellipsis = getComputedStyle(cell).textOverflow === 'ellipsis' ? ' behind an ellipsis' : '';
          problems.push(`${name(cell)}: name cut off${ellipsis} (${cell.scrollWidth}×${cell.scrollHeight} in ${cell.clientWidth}×${cell.clientHeight})`);
        }
      }
      if (namesInView) for (const missing of names.filter((candidate) => !found.has(candidate))) problems.push(`"${missing}" is not in the table`);
      // The sticky action column covers nothing: no other header or cell of its row lies under it, and it sits
      // wholly inside the window and inside the table's visible box (not under its scrollbar, not scrolled off).
      for (const table of document.querySelectorAll<HTMLElement>('[role="grid"]')) {
        const box = table.getBoundingClientRect();
        const inside = { left: box.left + table.clientLeft, right: box.left + table.clientLeft + table.clientWidth };
        for (const row of table.querySelectorAll<HTMLElement>('[role="row"]')) {
          const sticky = row.querySelector<HTMLElement>(':scope > .sticky-end');
          if (!sticky) continue;
          const end = sticky.getBoundingClientRect();
          if (end.left < inside.left - 1 || end.right > inside.right + 1) problems.push(`${name(table)}: the action column (${Math.round(end.left)}–${Math.round(end.right)}) is not inside the table (${Math.round(inside.left)}–${Math.round(inside.right)})`);
          if (end.left < -1 || end.right > window.innerWidth + 1) problems.push(`${name(table)}: the action column (${Math.round(end.left)}–${Math.round(end.right)}) is outside the window`);
          for (const other of row.querySelectorAll<HTMLElement>(':scope > [role="columnheader"], :scope > [role="gridcell"]')) {
            if (other === sticky) continue;
            const cell = other.getBoundingClientRect();
            if (Math.min(cell.right, end.right) - Math.max(cell.left, end.left) > 1) problems.push(`${name(other)}: covered by the sticky action column`);
          }
          const button = sticky.querySelector('button');
          if (button) {
            const b = button.getBoundingClientRect();
            if (b.left < inside.left - 1 || b.right > inside.right + 1 || b.right > window.innerWidth + 1) problems.push(`${name(button)}: not wholly in view in its table`);
          }
        }
      }
      return problems;
    },
    { noSideways, statuses, names, namesInView },
  );
}
