import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAssetPath } from '../../electron/main/protocol/assets';
import { isAppUrl, isSafeExternalUrl } from '../../electron/main/security/navigation-policy';

const ROOT = resolve('/srv/msp-roster/out/renderer');

describe('app:// asset resolution', () => {
  it('serves files inside the renderer folder, index.html for /', () => {
    expect(resolveAssetPath(ROOT, '/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAssetPath(ROOT, '/assets/index-abc.js')).toBe(join(ROOT, 'assets/index-abc.js'));
    expect(resolveAssetPath(ROOT, '/assets/with%20space.css')).toBe(join(ROOT, 'assets/with space.css'));
  });

  for (const attack of ['/../secret', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/a%5c..%5c..%5cwin.ini', '/%00index.html', '/C:/Windows/win.ini', '/./index.html', '/%E0%A4%A']) {
    it(`refuses ${attack}`, () => expect(resolveAssetPath(ROOT, attack)).toBeNull());
  }

  it('labels content types', () => {
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('navigation and external links', () => {
  it('allows only the app origin in the window', () => {
    expect(isAppUrl('app://bundle/index.html')).toBe(true);
    for (const url of ['app://bundle.evil/index.html', 'app://x.evil/', 'https://bundle/', 'javascript:alert(1)', 'file:///etc/passwd', 'http://127.0.0.1/']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('opens only plain https links externally', () => {
    expect(isSafeExternalUrl('https://www.autotask.net/help')).toBe(true);
    for (const url of ['http://example.com', 'file:///C:/Windows', 'smb://server/share', 'javascript:alert(1)', 'ms-msdt:/id', 'https://user:pass@example.com/', 'not a url']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
