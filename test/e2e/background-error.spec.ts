import { EventEmitter } from 'node:events';
import { UnhandledErrors, type ProcessEvents } from '../../electron/main/guard/unhandled-errors';
import { expect, test } from '../support/app-fixture';

test('a failure nobody handled in main is a notice the technician can dismiss, and the app keeps working', async ({ app, page }) => {
  await app.open();
  await expect(page.getByRole('heading', { name: 'Welcome to MSP Roster' })).toBeVisible();
  // The guard the Electron entry and the bridge install, fed by a stand-in for `process`.
  const guard = new UnhandledErrors({ sinks: { log: app.bridge.core.log, events: app.bridge.core.events } });
  const target = new EventEmitter();
  const uninstall = guard.install(target as unknown as ProcessEvents);
  target.emit('unhandledRejection', new Error('HTTP 401 from company/companies/statuses'));
  uninstall();

  const notice = page.getByRole('status').filter({ hasText: 'Something went wrong in the background' });
  await expect(notice).toContainText('MSP Roster kept running');
  await app.shot(page, 'background-error');
  // Not blocking: the form under it still takes input.
  await page.getByLabel('Name').fill('Mira Jansen');
  await expect(page.getByLabel('Name')).toHaveValue('Mira Jansen');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
