/**
 * A preview's tables for people without the app (preview:export): as CSV, one file per table in a folder chosen in a
 * dialog, named after the preview file ("<preview>-<table>.csv", the table's name translated); or as one printable HTML report saved where a
 * dialog says. Built by shared/preview/preview-export-*.ts in the caller's language, each file written atomically.
 * The drift table is the last apply check's, when there was one.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImportDraft } from '../../../shared/import/draft';
import type { ExportFormat, SavedFileResult } from '../../../shared/preview/preview-api';
import { exportBaseName, previewCsvFiles } from '../../../shared/preview/preview-export-csv';
import { previewHtmlReport } from '../../../shared/preview/preview-export-html';
import type { PreviewExportInput } from '../../../shared/preview/preview-export-tables';
import { DomainError } from '../base/domain-error';
import { translatorFor } from './main-translator';
import type { PreviewDeps, Review } from './preview-reviews';

/** Writes a file whole or not at all: a temporary file beside it, then renamed over it. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx', mode: 0o600, flush: true });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    // The preview files' own "could not be written" (folder gone, read-only, disk full): no file and no temporary file is left.
    throw new DomainError('PREVIEW_FILE_REFUSED', `The export could not be written: ${error instanceof Error ? error.message : String(error)}.`, { problem: 'write-failed' });
  }
}

export async function exportPreview(deps: PreviewDeps, review: Review, draft: ImportDraft, format: ExportFormat): Promise<SavedFileResult> {
  const { document, contacts } = review.opened;
  const { language, t } = await translatorFor(deps.preferences.get().language);
  const name = exportBaseName(basename(review.path));
  const target = format === 'csv' ? await deps.dialogs.chooseFolder(review.caller) : await deps.dialogs.chooseSaveFile(review.caller, { suggestedName: `${name}-${t('previewExport.files.report')}.html`, extension: '.html' });
  if (target === null) return { outcome: 'cancelled' };
  const input: PreviewExportInput = {
    meta: { psa: document.psa, createdByName: document.createdBy.name, createdAt: document.createdAt, fetchedAt: document.fetchedAt, fileName: basename(review.path), filter: document.filter },
    rows: document.reconciliation.inPsa,
    notInPsa: document.reconciliation.notInPsa,
    contacts: await contacts.all(),
    contactMatches: await contacts.allMatches(),
    draft,
    drift: review.lastDrift,
    t,
    locale: language,
  };
  const savedAt = deps.clock.now().toISOString();
  if (format === 'html') {
    await writeFileAtomically(target, previewHtmlReport(input, deps.clock.now()));
    return { outcome: 'saved', path: target, fileName: basename(target), savedAt };
  }
  const files = previewCsvFiles(input);
  for (const file of files) await writeFileAtomically(join(target, file.name), file.text);
  return { outcome: 'saved', path: target, fileName: basename(target), savedAt };
}
