/**
 * The window from 1024×640 to 1920×1080, in English and Dutch: on the main areas and every wizard step
 * (a few hundred companies), no button, tab or column header is clipped, no table or page needs horizontal
 * scrolling (not even at 1024×640), the sticky action column covers no other column and sits wholly inside
 * its table, the companies' status names and long company names are shown whole (namesakes that differ
 * only at the end stay distinguishable), and the step's primary action can be reached (on screen, or by
 * scrolling the page down, never sideways).
 */
import i18next from 'i18next';
import { resources, type Language } from '../../shared/i18n/languages';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { layoutProblems } from '../support/layout';
import { createFirstAdmin } from '../support/ui-flows';

test.use({ simOptions: { seed: 31, companies: 320, contactsPerCompany: 2 } });

/** Two companies whose long names differ only at the end. */
const NAMESAKES = ['Jansen Installatietechniek Noord B.V.', 'Jansen Installatietechniek Zuid B.V.'];

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

for (const language of ['en', 'nl'] as const satisfies readonly Language[]) {
  test(`layout in ${language === 'en' ? 'English' : 'Dutch'}: no clipped button or header, no sideways scrolling, no covered column, names whole from 1024×640 to 1920×1080, the primary action reachable`, async ({ app, page, sim }) => {
    test.setTimeout(300_000);
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: language, interpolation: { escapeValue: false } });
    const t = (key: string, options: Record<string, string> = {}): string => i18n.t(key, options);
    const psa = t('psa.autotask');
    const statuses = ['unmapped', 'possible-duplicate', 'ambiguous-duplicate', 'mapped'].map((status) => t(`wizard.status.${status}`));

    await app.open();
    await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
    const navigation = page.getByRole('navigation', { name: t('nav.label') });
    if (language === 'nl') {
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Language').selectOption({ label: 'Nederlands' });
      await expect(navigation).toBeVisible();
    }
    await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
    // Namesakes that differ only at the end of a long name.
    sim.mutate(NAMESAKES.map((name) => ({ op: 'add' as const, name, contacts: 2 })));
    // A managed namesake gives the companies step its longest status names (possible and several possible duplicates).
    await app.bridge.core.workspace.transaction((tx) =>
      tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-jansen', 'Jansen Installatietechniek', '2026-01-01T00:00:00Z', NULL, 'manual')"),
    );
    // A managed company mapped to a company the PSA no longer lists: a row on the "not in" tab.
    await app.bridge.core.workspace.transaction(async (tx) => {
      await tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-gone', 'Van den Broek Klimaattechniek Zuidwest B.V.', '2026-01-01T00:00:00Z', NULL, 'manual')");
      await tx.run("INSERT INTO company_mappings (psa, psa_company_id, managed_company_id, psa_name_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES ('autotask', '987654321', 'm-gone', 'Van den Broek Klimaattechniek Zuidwest B.V.', NULL, '2026-01-01T00:00:00Z', '2026-02-03T00:00:00Z')");
    });

    /** The screen at each size: nothing clipped, and its primary action on screen after at most scrolling down. */
    const check = async (screen: string, primary: string, namesInView = false) => {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        expect.soft(await layoutProblems(page, true, statuses, NAMESAKES, namesInView), `${screen} at ${size.width}×${size.height}`).toEqual([]);
        const action = page.getByRole('button', { name: primary, exact: true });
        await action.scrollIntoViewIfNeeded();
        await expect(action, `${screen} at ${size.width}×${size.height}: ${primary}`).toBeInViewport({ ratio: 1 });
        if ((size.width === 1024 && language === 'nl') || (size.width === 1920 && language === 'en') || (size.width === 1024 && screen.startsWith('companies'))) await app.shot(page, `layout-${language}-${screen}-${size.width}`);
      }
    };

    await navigation.getByRole('button', { name: t('nav.managedCompanies') }).click();
    await check('managed-companies', t('companies.new'));
    await navigation.getByRole('button', { name: t('nav.psaImport') }).click();
    const importButton = t('wizard.importFrom', { psa });
    await check('psa', importButton);

    await page.getByRole('button', { name: importButton }).click();
    const filter = page.getByRole('form', { name: t('wizard.steps.filter') });
    await expect(filter.getByRole('button', { name: t('common.continue') })).toBeVisible();
    await check('filter', t('common.continue'));
    await filter.getByRole('button', { name: t('common.continue') }).click();

    const grid = page.getByRole('grid', { name: t('wizard.tabIn', { psa }) });
    await expect(grid.getByRole('row')).not.toHaveCount(1);
    // The longest status names are among the rows in view.
    await page.getByRole('searchbox', { name: t('companies.search') }).fill('Jansen');
    await expect(grid).toContainText(t('wizard.status.ambiguous-duplicate'));
    await check('companies-duplicates', t('wizard.importAndMap'));
    // Namesakes are both there, each name whole.
    await page.getByRole('searchbox', { name: t('companies.search') }).fill('Jansen Installatietechniek');
    for (const namesake of NAMESAKES) await expect(grid.getByText(namesake)).toBeVisible();
    await check('companies-namesakes', t('wizard.importAndMap'), true);
    await page.getByRole('searchbox', { name: t('companies.search') }).fill('');
    await check('companies', t('wizard.importAndMap'));
    await page.getByRole('tab', { name: new RegExp(t('wizard.tabNotIn', { psa })) }).click();
    await expect(page.getByRole('grid', { name: t('wizard.tabNotIn', { psa }) })).toContainText('Van den Broek Klimaattechniek Zuidwest B.V.');
    await check('companies-not-in', t('wizard.importAndMap'));
    await page.getByRole('tab', { name: new RegExp(t('wizard.tabIn', { psa })) }).click();

    // A few hundred unmapped companies go on to the users step.
    await page.getByLabel(t('wizard.statusFilter')).selectOption('unmapped');
    await page.getByRole('button', { name: t('wizard.selectAll') }).click();
    // The namesakes too (they may be possible duplicates of Jansen Installatietechniek): created as new.
    await page.getByLabel(t('wizard.statusFilter')).selectOption('all');
    await page.getByRole('searchbox', { name: t('companies.search') }).fill('Jansen Installatietechniek');
    for (const namesake of NAMESAKES) await grid.getByRole('checkbox', { name: `${t('wizard.columns.select')} ${namesake}` }).check();
    await page.getByRole('searchbox', { name: t('companies.search') }).fill('');
    await page.getByRole('button', { name: t('wizard.importAndMap') }).click();
    await expect(page.getByRole('heading', { name: t('wizard.usersTitle') })).toBeFocused();
    await check('users', t('wizard.continue'));

    // By keyboard: the table is one Tab stop; the arrow keys reach a row's Manage users, Enter opens it.
    const usersGrid = page.getByRole('grid', { name: t('wizard.usersTitle') });
    const outsideGrid = () => usersGrid.evaluate((grid) => document.activeElement !== grid && !grid.contains(document.activeElement));
    await usersGrid.focus();
    await page.keyboard.press('Tab');
    expect(await outsideGrid()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(usersGrid).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    expect(await outsideGrid()).toBe(true);
    await page.keyboard.press('Tab');
    await expect(usersGrid).toBeFocused();
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter']) await page.keyboard.press(key);
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: t('common.save') })).toBeVisible();
    // The dialog holds focus: however often Tab is pressed, the step's Continue behind it is never reached.
    for (let i = 0; i < 14; i += 1) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await check('manage-users', t('common.save'));
    // Escape closes it, and focus is back where it was: on the table.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(usersGrid).toBeFocused();

    await page.getByRole('button', { name: t('wizard.continue') }).click();
    await expect(page.getByRole('heading', { name: t('wizard.resultsTitle') })).toBeVisible();
    await check('results', t('wizard.done'));
  });
}
