/** Decisions for Electron's navigation and window-open guards, kept pure so they are unit-tested. */
import { APP_ORIGIN } from '../../../shared/security/csp';
import { originOf } from '../ipc/sender-check';

/** The window may only ever show the app's own pages. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/**
 * Links the user may open in their browser: plain https URLs without embedded
 * credentials. Everything else (file:, smb:, javascript:, custom schemes) is refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}
