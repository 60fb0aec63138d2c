import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';

test.describe('first run, sign-in and the shell', () => {
  test('create the Master Administrator, sign out, fail and succeed to sign in, switch to Dutch', async ({ app, page }) => {
    await app.open();
    await expect(page.getByRole('heading', { name: 'Welcome to MSP Roster' })).toBeVisible();
    await app.shot(page, 'first-run-en');

    await page.getByLabel('Name').fill('Mira Jansen');
    await page.getByLabel('Email address').fill('mira@example-msp.nl');
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('password12');
    await page.getByLabel('Confirm password').fill('password12');
    await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', /Very weak|Weak/);
    await page.getByRole('button', { name: 'Create Master Administrator' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The password does not meet the password policy.');
    await expect(alert).toContainText('At least 10 characters and a strength of “Strong” or better.');
    await app.shot(page, 'first-run-weak-password');

    await password.fill(STRONG_PASSWORD);
    await page.getByLabel('Confirm password').fill(STRONG_PASSWORD);
    await expect(page.getByText('This password meets the policy.')).toBeVisible();
    await page.getByRole('button', { name: 'Create Master Administrator' }).click();

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav).toBeVisible();
    await expect(page.getByText('Signed in as Mira Jansen')).toBeVisible();
    await expect(page.getByText('Master Administrator')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No managed companies yet' })).toBeVisible();
    await app.shot(page, 'shell-en');

    const areas: Array<[string, string]> = [
      ['PSA import', 'Datto Autotask'],
      ['Import history', 'No imports yet'],
      ['Technicians', 'No technician groups yet'],
      ['Directory sync', 'No syncs yet'],
    ];
    for (const [item, empty] of areas) {
      await nav.getByRole('button', { name: item, exact: true }).click();
      await expect(nav.getByRole('button', { name: item, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { name: empty })).toBeVisible();
    }
    // Keyboard: arrow keys move through the navigation, Enter opens.
    await nav.getByRole('button', { name: 'Directory sync' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to MSP Roster' })).toBeVisible();
    await app.shot(page, 'sign-in-en');

    // Wrong password and unknown email get the same message: no hint whether the email exists.
    await page.getByLabel('Email address').fill('mira@example-msp.nl');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await app.shot(page, 'sign-in-wrong-password');
    await page.getByLabel('Email address').fill('nobody@example-msp.nl');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');

    await page.getByLabel('Email address').fill('MIRA@example-msp.nl');
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(nav).toBeVisible();

    await nav.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByTestId('vault-status')).toContainText('encrypted with a key that exists only while MSP Roster runs');
    await page.getByLabel('Language', { exact: true }).selectOption('nl');
    const dutchNav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    await expect(dutchNav.getByRole('button', { name: 'Beheerde bedrijven' })).toBeVisible();
    await expect(dutchNav.getByRole('button', { name: 'Technici', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await app.shot(page, 'settings-nl');
    await dutchNav.getByRole('button', { name: 'Beheerde bedrijven' }).click();
    await expect(page.getByRole('heading', { name: 'Nog geen beheerde bedrijven' })).toBeVisible();
    await app.shot(page, 'shell-nl');

    // The choice is remembered: a reload comes back in Dutch.
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await expect(page.getByRole('heading', { name: 'Aanmelden bij MSP Roster' })).toBeVisible();
    await app.open();
    await expect(page.getByRole('heading', { name: 'Aanmelden bij MSP Roster' })).toBeVisible();
    await expect(page.getByLabel('E-mailadres')).toBeVisible();
    await app.shot(page, 'sign-in-nl');
  });

  test('follows the system language: a Dutch system gets the Dutch first-run screen', async ({ app, browser }) => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await app.open(await context.newPage());
    await expect(page.getByRole('heading', { name: 'Welkom bij MSP Roster' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hoofdbeheerder aanmaken' })).toBeVisible();
    await app.shot(page, 'first-run-nl');
    await context.close();
  });
});
