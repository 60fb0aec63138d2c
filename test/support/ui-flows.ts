import { expect, type Locator, type Page } from '@playwright/test';

/** Page-level steps several specs share. */
export async function createFirstAdmin(page: Page, admin: { name: string; email: string; password: string }): Promise<void> {
  await page.getByLabel('Name').fill(admin.name);
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create Master Administrator' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Fills a PSA's Connect form (the card's form must be open). */
export async function fillConnectionForm(page: Page, values: Record<string, string>, apiBaseUrl: string): Promise<void> {
  const form = page.getByRole('form', { name: /^Connect / });
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByText('Advanced').click();
  await form.getByLabel('Custom API base URL').fill(apiBaseUrl);
}

/** The row holding a grid's active cell (the one its aria-activedescendant names; the arrow keys move it). */
export function activeRow(grid: Locator): Locator {
  return grid.locator('[role="row"]:has([role="gridcell"].active-cell)');
}
