import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { activeRow, createFirstAdmin } from '../support/ui-flows';

test('managed companies: create by hand, search, keyboard through a large virtualized table, remove', async ({ app, page }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await expect(page.getByRole('heading', { name: 'No managed companies yet' })).toBeVisible();

  await page.getByRole('button', { name: 'New managed company' }).click();
  await page.getByRole('form', { name: 'New managed company' }).getByLabel('Name').fill('Café Résumé B.V.');
  await page.getByRole('button', { name: 'Save' }).click();
  const grid = page.getByRole('grid', { name: 'Managed companies' });
  await expect(grid.getByText('Café Résumé B.V.')).toBeVisible();
  await expect(grid.getByText('Created by hand')).toBeVisible();

  // Many more, created through the core, to exercise the virtualized table.
  for (let index = 0; index < 600; index++) {
    await app.bridge.core.workspace.transaction((tx) =>
      tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES (?, ?, '2026-11-01T10:00:00Z', NULL, 'psa-import')", [`bulk-${index}`, `Bulk Company ${String(index).padStart(3, '0')}`]),
    );
  }
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Managed companies' }).click();
  await expect(page.getByRole('status').filter({ hasText: '601 of 601 companies' })).toBeVisible();
  // The list is loaded once per visit, not over and over.
  await page.waitForTimeout(500);
  expect(app.responses.filter((response) => response.channel === 'directory:listCompanies').length).toBeLessThanOrEqual(4);
  expect(await grid.getByRole('row').count()).toBeLessThan(60);
  await app.shot(page, 'managed-companies');

  // Keyboard: the grid takes focus and the arrow keys move the active row.
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(activeRow(grid)).toContainText('Bulk Company 002');
  await page.keyboard.press('End');
  await expect(activeRow(grid)).toContainText('Café Résumé B.V.');

  // Search ignores case and accents.
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('cafe resume');
  await expect(page.getByRole('status').filter({ hasText: '1 of 601 companies' })).toBeVisible();

  // Remove: Escape cancels, Remove removes.
  await grid.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Remove Café Résumé B.V.?' })).toBeVisible();
  await app.shot(page, 'managed-companies-remove');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await grid.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('No company matches “cafe resume”.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '0 of 600 companies' })).toBeVisible();
});

test('managed companies: the empty state leads to the PSA import by keyboard; names sort with the language (Çelik with C); a search with no match clears', async ({ app, page }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  const empty = page.getByRole('region', { name: 'No managed companies yet' });
  await expect(empty).toBeVisible();
  await app.shot(page, 'managed-companies-empty');

  // Tab to the empty state's next step and press Enter: the PSA import opens, with focus on its heading.
  const next = empty.getByRole('button', { name: 'Import from your PSA' });
  for (let presses = 0; presses < 20 && !(await next.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('button', { name: 'PSA import' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'PSA import' })).toBeFocused();

  for (const [id, name] of [['z', 'Zeeman'], ['c', 'Çelik Bouw'], ['d', 'Dijk Installaties'], ['b', 'Bakker']] as const) {
    await app.bridge.core.workspace.transaction((tx) =>
      tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES (?, ?, '2026-11-01T10:00:00Z', NULL, 'manual')", [id, name]),
    );
  }
  await nav.getByRole('button', { name: 'Managed companies' }).click();
  const grid = page.getByRole('grid', { name: 'Managed companies' });
  const names = () => grid.getByRole('row').locator('[role="gridcell"]:first-child').allTextContents();
  // By name as a reader of the language expects: Çelik right after Bakker, not after Zeeman.
  await expect.poll(names).toEqual(['Bakker', 'Çelik Bouw', 'Dijk Installaties', 'Zeeman']);
  const header = grid.getByRole('columnheader', { name: 'Name' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(names).toEqual(['Bakker', 'Çelik Bouw', 'Dijk Installaties', 'Zeeman']);
  await header.getByRole('button').click();
  await expect.poll(names).toEqual(['Zeeman', 'Dijk Installaties', 'Çelik Bouw', 'Bakker']);

  // A search with no match says so and offers to clear it.
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('xyz');
  await expect(page.getByText('No company matches “xyz”.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '0 of 4 companies' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search companies' })).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: '4 of 4 companies' })).toBeVisible();
});
