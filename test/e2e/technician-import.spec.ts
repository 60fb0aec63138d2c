import Papa from 'papaparse';
import { readFile } from 'node:fs/promises';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { createFirstAdmin } from '../support/ui-flows';

const HEADERS = ['Name', 'Nickname', 'Email', 'Single sign-on ID', 'Description', 'Password', 'Enabled', 'Standard license', 'Mobile license', 'Technician group ID'];
const PASSWORDS = ['Quiet-Harbour-Lantern-71!', 'Copper-Meadow-Violin-38?', 'Silver-Canal-Bicycle-52#'];

test('import technicians: a mixed semicolon CSV and a JSON file, the summary and its CSV, already present on re-import, and a refused file names its problem', async ({ app, page }) => {
  // Scoring passwords against the policy (zxcvbn) and hashing them (scrypt) at production cost takes seconds on a busy machine.
  test.setTimeout(300_000);
  const importing = { timeout: 90_000 };
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  const setup = { sessionKey: 'e2e-setup' };
  await app.bridge.core.auth.signIn(setup, { email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  const desk = await app.bridge.core.org.createGroup(setup, { name: 'Service desk', parentId: null });
  await app.bridge.core.org.createGroup(setup, { name: 'Field engineers', parentId: null });

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Import technicians' }).click();
  await expect(page.getByRole('heading', { name: 'Import technicians', level: 1 })).toBeVisible();
  // The seed's note, and whether the force-change setting is on now (it is by default).
  await expect(page.getByText('This setting is on now: imported technicians change their password at their first sign-in.')).toBeVisible();

  // The sample follows the chosen delimiter: semicolons for Dutch Excel.
  await page.getByLabel('CSV delimiter').selectOption({ label: 'Semicolon (Dutch Excel)' });
  const sampleDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download sample CSV' }).click();
  const sample = await readFile(await (await sampleDownload).path(), 'utf8');
  expect(sample.split('\r\n')[0]).toBe(HEADERS.join(';'));
  await app.shot(page, 'technician-import');

  // A mixed-valid semicolon CSV: two good rows (one with a quoted semicolon), a weak password, a missing email.
  const csv = [
    HEADERS.join(';'),
    `Henk de Vries;Henk;henk@example-msp.nl;;"Nights; weekends";${PASSWORDS[0]};ja;ja;nee;${desk}`,
    `Anna Jansen;Anna;anna@example-msp.nl;anna.j;;${PASSWORDS[1]};true;true;true;${desk}`,
    `Weak Wim;;wim@example-msp.nl;;;password1;yes;yes;no;${desk}`,
    `No Mail;;;;;${PASSWORDS[2]};yes;yes;no;${desk}`,
  ].join('\r\n');
  const upload = page.getByLabel('Upload file');
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await upload.setInputFiles({ name: 'technicians.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv, 'utf8') });
  // Uploading checks the file at once: its passwords are scored and secured before Start import, which only writes.
  const checked = page.getByRole('group', { name: 'File checked: ready to import' });
  await expect(checked).toBeFocused(importing);
  await expect(checked).toContainText('4 rows read');
  await expect(checked).toContainText('1 row with a problem in its cells');
  await expect(checked).toContainText('1 password below the password policy');
  await app.shot(page, 'technician-import-checked');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Start import' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Import summary' })).toBeFocused(importing);
  await expect(page.getByText('2 technicians created')).toBeVisible();
  await expect(page.getByText('0 already present')).toBeVisible();
  await expect(page.getByText('2 rows failed')).toBeVisible();
  await expect(page.getByRole('row', { name: /Weak Wim/ })).toContainText('Password: The password does not meet the minimum password strength.');
  await expect(page.getByRole('row', { name: /No Mail/ })).toContainText('Email: Email is required.');
  await page.getByLabel('Show').selectOption({ label: 'Failed' });
  await expect(page.getByText('2 rows shown')).toBeVisible();
  await app.shot(page, 'technician-import-summary');

  // The summary as CSV: every row with its outcome and reason, and no password.
  const summaryDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download summary' }).click();
  const summaryText = await readFile(await (await summaryDownload).path(), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(summaryText, { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields).toEqual(['Line', 'Name', 'Email', 'Technician group', 'Outcome', 'Reason']);
  expect(parsed.data.map((row) => [row['Line'], row['Email'], row['Outcome']])).toEqual([
    ['2', 'henk@example-msp.nl', 'Created'],
    ['3', 'anna@example-msp.nl', 'Created'],
    ['4', 'wim@example-msp.nl', 'Failed'],
    ['5', '', 'Failed'],
  ]);
  for (const secret of [...PASSWORDS, 'password1']) expect(summaryText).not.toContain(secret);

  // A JSON file into a group chosen by typing its name (by keyboard), one technician new and one already there.
  await page.getByRole('button', { name: 'Import another file' }).click();
  const groupBox = page.getByRole('combobox', { name: 'Technician group' });
  await groupBox.fill('field');
  await groupBox.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(groupBox).toHaveValue('Field engineers');
  const item = (name: string, email: string, password: string) => ({
    Name: name,
    Nickname: '',
    Email: email,
    'Single sign-on ID': '',
    Description: '',
    Password: password,
    Enabled: true,
    'Standard license': true,
    'Mobile license': false,
    'Technician group ID': '',
  });
  const json = JSON.stringify([item('Piet Bakker', 'piet@example-msp.nl', PASSWORDS[2] ?? ''), item('Henk de Vries', 'HENK@example-msp.nl', PASSWORDS[0] ?? '')]);
  await upload.setInputFiles({ name: 'technicians.json', mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
  await expect(page.getByRole('group', { name: 'File checked: ready to import' })).toContainText('1 already present', importing);
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByText('1 technician created')).toBeVisible(importing);
  await expect(page.getByText('1 already present')).toBeVisible();
  await expect(page.getByRole('row', { name: /Piet Bakker/ })).toContainText('Field engineers');

  // The same CSV again: nothing twice.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await upload.setInputFiles({ name: 'technicians.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByRole('group', { name: 'File checked: ready to import' })).toContainText('2 already present', importing);
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByText('0 technicians created')).toBeVisible(importing);
  await expect(page.getByText('2 already present')).toBeVisible();
  const tree = await app.bridge.core.org.tree(setup);
  expect(tree.technicians.map((technician) => technician.email).sort()).toEqual(['anna@example-msp.nl', 'henk@example-msp.nl', 'piet@example-msp.nl']);

  // Headers out of order: refused at upload, before anything is written, naming the problem and the line.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await upload.setInputFiles({ name: 'reordered.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('Name;Nickname', 'Nickname;Name'), 'utf8') });
  await expect(page.getByRole('alert')).toContainText('The file was not imported', importing);
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await expect(page.getByRole('alert')).toContainText('Line 1: The header “Name” is not in its place. Keep the headers in the sample file’s order.');
  await app.shot(page, 'technician-import-refused');
  expect((await app.bridge.core.org.tree(setup)).technicians).toHaveLength(3);
  // No password crossed back to the page in any answer.
  expect(app.responses.filter((response) => response.channel === 'org:checkTechnicianFile').length).toBeGreaterThanOrEqual(4);
  for (const secret of PASSWORDS) expect(app.responses.some((response) => response.body.includes(secret))).toBe(false);
});
