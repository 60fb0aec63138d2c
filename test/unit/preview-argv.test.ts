import { describe, expect, it } from 'vitest';
import { previewPathFromArgv } from '../../electron/main/preview/preview-argv';

describe('previewPathFromArgv', () => {
  it('finds the preview file a double-click or a second launch passes', () => {
    expect(previewPathFromArgv(['/opt/MSP Roster/msp-roster', '/home/ann/Previews/Acme.msp-preview'])).toBe('/home/ann/Previews/Acme.msp-preview');
    // Windows: Chromium's switches are added in front of the file; case of the extension does not matter.
    expect(previewPathFromArgv(['C:\\Apps\\MSP Roster.exe', '--allow-file-access-from-files', '--original-process-start-time=1', '/data/ACME.MSP-PREVIEW'])).toBe('/data/ACME.MSP-PREVIEW');
  });

  it('resolves a relative path against the launching folder', () => {
    expect(previewPathFromArgv(['msp-roster', 'Acme.msp-preview'], '/home/ann')).toBe('/home/ann/Acme.msp-preview');
  });

  it('answers null without a preview file: the executable, an unpackaged app folder, switches, other files and URLs', () => {
    expect(previewPathFromArgv(['/opt/msp-roster'])).toBeNull();
    expect(previewPathFromArgv(['electron', '.', '--inspect=9229'])).toBeNull();
    expect(previewPathFromArgv(['msp-roster', 'notes.txt', '--file=evil.msp-preview'])).toBeNull();
    expect(previewPathFromArgv(['msp-roster', 'https://example.com/x.msp-preview'])).toBeNull();
    // The executable itself is never taken, whatever its name.
    expect(previewPathFromArgv(['/tmp/x.msp-preview'])).toBeNull();
  });
});
