/**
 * Property: a preview file damaged in any way (bytes flipped, cut or inserted), opened through the app's own channel,
 * is either opened (and closes again) or refused with PREVIEW_FILE_REFUSED naming a known problem — never another
 * error — and the workspace is exactly as it was: a bad file changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { writePreviewFile } from '../../electron/main/preview/preview-file';
import type { ScriptedFileDialogs } from '../../electron/main/preview/scripted-file-dialogs';
import { PREVIEW_PROBLEMS } from '../../shared/preview/preview-document';
import { appSender, callAs, startCore } from '../support/core';
import { buildPreviewDocument } from '../support/preview-documents';
import { byteDamage } from '../support/preview-files';

const PASSWORD = 'Harbour-Lantern-Quiet-49!';
let dir: string;
let core: Core;
let valid: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'msp-roster-preview-open-fuzz-'));
  core = await startCore(join(dir, 'data'));
  await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: PASSWORD }, appSender('A'));
  await callAs(core, 'A', 'directory:createCompany', { name: 'Acme Limited' });
  const file = join(dir, 'valid.msp-preview');
  await writePreviewFile(file, buildPreviewDocument({ companies: 8, contacts: 24 }));
  valid = readFileSync(file);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a bad file could have changed: the directory, the locks, the kept downloads, the import history. */
async function workspaceNow(): Promise<string> {
  const [companies, lock, kept, history] = await Promise.all([
    callAs(core, 'A', 'directory:listCompanies'),
    callAs(core, 'A', 'locks:holder', { psa: 'autotask' }),
    callAs(core, 'A', 'import:kept'),
    callAs(core, 'A', 'history:list'),
  ]);
  return JSON.stringify({ companies, lock, kept, history });
}

const damage = byteDamage;

describe('damaged preview files opened in the app', () => {
  it('are opened or refused by name, and never change the workspace', async () => {
    const before = await workspaceNow();
    const dialogs = core.previews.deps.dialogs as ScriptedFileDialogs;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(damage, async (mutate) => {
        const path = join(dir, `case-${runs++}.msp-preview`);
        writeFileSync(path, mutate(valid));
        dialogs.answerNext('open', path);
        const result = await core.registrar.invoke('preview:open', { from: { kind: 'dialog' } }, appSender('A'));
        if (result.ok) {
          const value = result.value as { outcome: string; preview?: { reviewId: string } };
          if (value.preview) await callAs(core, 'A', 'preview:close', { reviewId: value.preview.reviewId });
        } else {
          expect(result.error.code).toBe('PREVIEW_FILE_REFUSED');
          expect(PREVIEW_PROBLEMS).toContain(result.error.fields?.['problem']);
        }
        expect(await workspaceNow()).toBe(before);
      }),
      { numRuns: 40 },
    );
  });
});
