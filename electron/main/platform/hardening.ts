/** App-wide guards: no navigation away, no new windows, no webviews, no permissions. */
import { app, shell, type Session } from 'electron';
import { isAppUrl, isSafeExternalUrl } from '../security/navigation-policy';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    const stay = (event: { preventDefault(): void }, url: string) => {
      if (!isAppUrl(url)) event.preventDefault();
    };
    contents.on('will-navigate', stay);
    contents.on('will-frame-navigate', (event) => stay(event, event.url));
    contents.on('will-redirect', stay);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Vetted https links open in the user's browser, after this handler returns.
      if (isSafeExternalUrl(url)) setImmediate(() => void shell.openExternal(url));
      return { action: 'deny' };
    });
  });
}
