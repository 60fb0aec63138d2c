import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { createFirstAdmin, fillConnectionForm } from '../support/ui-flows';

test('connect ConnectWise and Autotask to the simulator, test, see the seed’s errors, disconnect', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  const connectwise = page.getByRole('region', { name: 'ConnectWise PSA' });
  const autotask = page.getByRole('region', { name: 'Datto Autotask' });
  await expect(connectwise.getByText('Not connected')).toBeVisible();
  await expect(autotask.getByText('Not connected')).toBeVisible();
  await app.shot(page, 'psa-not-connected');

  // An empty form: the seed's "Credentials are required".
  await connectwise.getByRole('button', { name: 'Connect' }).click();
  await connectwise.getByRole('button', { name: 'Test connection' }).click();
  await expect(connectwise.getByRole('alert')).toContainText('Credentials are required');

  // ConnectWise: test, then save.
  const cw = sim.credentials.connectwise;
  await fillConnectionForm(page, { 'Site (for example na.myconnectwise.net)': 'na.myconnectwise.net', 'Company ID': cw.companyId, 'Public key': cw.publicKey, 'Private key': cw.privateKey, 'Client ID': cw.clientId }, sim.url);
  await connectwise.getByRole('button', { name: 'Test connection' }).click();
  const visible = sim.data.companies.filter((company) => !company.deleted && !company.ownOrganisation).length;
  await expect(connectwise.getByRole('status')).toContainText(`${visible} companies are visible to this API user`);
  await app.shot(page, 'psa-connectwise-test-ok');
  await connectwise.getByRole('button', { name: 'Save and connect' }).click();
  await expect(connectwise.getByText('Connected', { exact: true })).toBeVisible();
  await expect(connectwise.getByText(`${cw.companyId} @ 127.0.0.1`)).toBeVisible();
  await expect(connectwise.getByLabel('Private key')).toHaveCount(0);

  // Autotask: a wrong secret is an authentication error; the right one connects.
  const at = sim.credentials.autotask;
  await autotask.getByRole('button', { name: 'Connect' }).click();
  await fillConnectionForm(page, { 'API username': at.username, Secret: 'not-the-secret', 'API integration code (tracking identifier)': at.integrationCode }, sim.url);
  await autotask.getByRole('button', { name: 'Test connection' }).click();
  await expect(autotask.getByRole('alert')).toContainText('Authentication error. Check your PSA provider credentials and try again.');
  await app.shot(page, 'psa-autotask-authentication-error');
  // Plain http to another host would send the secret in clear: refused on the field, nothing sent.
  const baseUrl = autotask.getByLabel('Custom API base URL');
  await baseUrl.fill('http://psa.example.com');
  await autotask.getByRole('button', { name: 'Test connection' }).click();
  await expect(autotask.getByText('Use https://. A plain http:// address would send your PSA credentials unencrypted')).toBeVisible();
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await baseUrl.fill(sim.url);
  await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');
  await autotask.getByLabel('Secret', { exact: true }).fill(at.secret);
  await autotask.getByRole('button', { name: 'Save and connect' }).click();
  await expect(autotask.getByText('Connected', { exact: true })).toBeVisible();
  await expect(autotask.getByText(at.username)).toBeVisible();

  // Forbidden: the API user loses its rights.
  const restore = sim.faults.add({ api: 'autotask', pathIncludes: '/query/count', fault: { kind: 'status', status: 403 } });
  await autotask.getByRole('button', { name: 'Test connection' }).click();
  await expect(autotask.getByRole('alert')).toContainText('We received a Forbidden error from your PSA provider.');
  await expect(autotask.getByText(/Last error/)).toBeVisible();
  await app.shot(page, 'psa-autotask-forbidden');
  restore();
  await autotask.getByRole('button', { name: 'Test connection' }).click();
  await expect(autotask.getByRole('status')).toContainText('companies are visible');

  // Disconnect wipes the credentials.
  await connectwise.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('alertdialog', { name: 'Disconnect: ConnectWise PSA' }).getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectwise.getByText('Not connected')).toBeVisible();
  expect(app.bridge.core.vault.has('psa/connectwise')).toBe(false);
  expect(app.bridge.core.vault.has('psa/autotask')).toBe(true);
  await app.shot(page, 'psa-connected');
});
