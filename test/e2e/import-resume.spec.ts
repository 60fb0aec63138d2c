/** Decisions survive the end of the session: the download and the choices are kept in the workspace, and Resume picks them up. */
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin, signIn } from '../support/ui-flows';

test.use({ simOptions: { seed: 61, companies: 40, contactsPerCompany: 2 } });

test('an import survives signing out: Unfinished imports resumes it with the decisions made, under the lock again', async ({ app, page, sim }) => {
  test.slow();
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  const nav = (target: typeof page) => target.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' });
  await nav(page).click();
  // Nothing kept yet: no list.
  await expect(page.getByRole('region', { name: 'Unfinished imports' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('checkbox') });
  await rows.nth(1).getByRole('checkbox').check();
  await rows.nth(3).getByRole('checkbox').check();
  const chosen = [await rows.nth(1).getByRole('checkbox').getAttribute('aria-label'), await rows.nth(3).getByRole('checkbox').getAttribute('aria-label')];

  // The decisions reach the workspace a moment after the last click.
  const mira = (await app.bridge.core.workspace.read.row(app.bridge.core.workspace.read.q.selectFrom('administrators').select('id').where('email_key', '=', 'mira@example-msp.nl')))?.id ?? '';
  await expect.poll(async () => (await app.bridge.core.snapshots.list(mira))[0]?.draftUpdatedAt ?? null, { timeout: 20_000 }).not.toBeNull();

  // Mira signs out in the middle of it (her session ends and the lock is released: the end of the day, say; closing
  // the app does the same, see import-sessions.test.ts), and signs in again later.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => app.bridge.core.locks.holder('autotask')).toBeNull();
  const later = page;
  await signIn(later, 'mira@example-msp.nl', STRONG_PASSWORD);
  await nav(later).click();
  const unfinished = later.getByRole('region', { name: 'Unfinished imports' });
  await expect(unfinished).toContainText(/Datto Autotask, downloaded .+/);
  await expect(unfinished).toContainText(/\d+ companies · \d+ contacts/);
  await expect(unfinished).toContainText(/Decisions kept .+/);
  await app.shot(later, 'unfinished-imports');
  await unfinished.getByRole('button', { name: /^Resume the import from Datto Autotask downloaded / }).click();

  // Straight to the companies, the two choices as they were, and no new download from the PSA.
  const laterGrid = later.getByRole('grid', { name: 'Companies in Datto Autotask' });
  await expect(laterGrid).toBeVisible();
  for (const label of chosen) await expect(laterGrid.getByRole('checkbox', { name: label ?? '' })).toBeChecked();
  await expect(laterGrid.getByRole('checkbox', { checked: true })).toHaveCount(2);
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Mira Jansen' });
});
