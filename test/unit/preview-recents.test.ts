import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import { MAX_RECENT_PREVIEWS, PreviewRecents } from '../../electron/main/preview/preview-recents';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msp-recents-'));
  dirs.push(dir);
  return dir;
}

describe('recent previews (this workstation’s settings)', () => {
  it(`lists the newest first, at most ${MAX_RECENT_PREVIEWS}, without files that are gone; survives a restart`, () => {
    const dataDir = folder();
    let tick = Date.parse('2026-12-01T08:00:00Z');
    const recents = new PreviewRecents(createConfStore(dataDir), () => new Date((tick += 60_000)));
    const files = Array.from({ length: MAX_RECENT_PREVIEWS + 2 }, (_, index) => join(dataDir, `preview ${index}.msp-preview`));
    for (const file of files) {
      writeFileSync(file, 'x');
      recents.add({ path: file, psa: 'autotask', companies: 3, createdByName: 'Mira', savedAt: '2026-12-01T07:00:00.000Z' });
    }
    // Used again: to the top, once.
    recents.add({ path: files[5]!, psa: 'autotask', companies: 4, createdByName: 'Mira', savedAt: '2026-12-01T09:00:00.000Z' });
    rmSync(files[10]!);
    const again = new PreviewRecents(createConfStore(dataDir));
    const listed = again.list();
    expect(listed.map((entry) => entry.path)).toEqual([files[5], files[11], files[9], files[8], files[7], files[6], files[4], files[3], files[2]]);
    expect(listed[0]).toMatchObject({ fileName: 'preview 5.msp-preview', companies: 4, savedAt: '2026-12-01T09:00:00.000Z' });
    expect(again.allows(files[5]!)).toBe(true);
    expect(again.allows(files[0]!)).toBe(false);
    expect(again.allows(files[10]!)).toBe(false);
  });

  it('a file the OS handed over may be opened before it is listed; a damaged list reads as empty', () => {
    const dataDir = folder();
    const store = createConfStore(dataDir);
    const recents = new PreviewRecents(store);
    recents.handOff('/somewhere/handed.msp-preview');
    expect(recents.allows('/somewhere/handed.msp-preview')).toBe(true);
    expect(recents.allows('/somewhere/other.msp-preview')).toBe(false);
    store.set('previews.recent', [{ path: 42 }]);
    expect(recents.list()).toEqual([]);
  });
});
