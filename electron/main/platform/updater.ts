/** Update checks for packaged builds; the feed comes from electron-builder's `publish` setting (app-update.yml). */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from '../logging/logger';

export function startUpdater(log: Logger): void {
  if (!app.isPackaged || process.env['MSP_ROSTER_DISABLE_UPDATES'] === '1') return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => log.warn('Update check failed', { error }));
}
