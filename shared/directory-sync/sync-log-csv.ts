/**
 * The sync log as CSV ("Active Directory logging", exported): one row per entry — each change a run made (or, for a
 * dry run, would make) and each problem or failure — with its run's time, trigger and outcome, in the reader's
 * language. RFC 4180 with a byte order mark, formula-looking cells made text (as the preview exports). Pure.
 */
import Papa from 'papaparse';
import { CSV_FORMULA_START } from '../preview/preview-export-csv';
import { isErrorCode } from '../ipc/result';
import { parseChangeDetail, type SyncLogEntry, type SyncRun } from './schemas';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

const COLUMNS = ['startedAt', 'trigger', 'by', 'mode', 'outcome', 'kind', 'what', 'name', 'email', 'group', 'changes', 'userDn'] as const;

const show = (value: unknown, t: Translate): string => (value === null || value === undefined ? '' : typeof value === 'boolean' ? t(value ? 'syncExport.yes' : 'syncExport.no') : String(value));

function describeEntry(entry: SyncLogEntry, failure: SyncRun['failure'], t: Translate): { what: string; group: string; changes: string } {
  if (entry.kind === 'change') {
    const detail = parseChangeDetail(entry.detail);
    const changes = Object.entries(detail.fields ?? {}).map(([field, { from, to }]) => `${t(`syncExport.field.${field}`)}: ${show(from, t)} → ${show(to, t)}`);
    if (detail.reason) changes.push(t(`syncExport.reason.${detail.reason}`));
    if (detail.releasesMobileLicense) changes.push(t('syncExport.mobileReleased'));
    return { what: t(`syncExport.action.${entry.code}`), group: detail.group ?? '', changes: changes.join('; ') };
  }
  if (entry.kind === 'problem') return { what: t(`syncExport.problem.${entry.code}`, { detail: entry.detail }), group: '', changes: '' };
  // A failure reads as the error's message, in the reader's language, with the names it gives (host, DN).
  const fields = failure?.code === entry.code ? failure.fields : {};
  return { what: t(`errors.${isErrorCode(entry.code) ? entry.code : 'INTERNAL'}`, { detail: entry.detail, ...fields }), group: '', changes: entry.detail };
}

export function syncLogCsv(runs: readonly { run: SyncRun; entries: readonly SyncLogEntry[] }[], t: Translate, formatDate: (iso: string) => string): string {
  const data: string[][] = [];
  for (const { run, entries } of runs) {
    const base = [formatDate(run.startedAt), t(`syncExport.trigger.${run.trigger}`), run.by, t(run.dryRun ? 'syncExport.dryRun' : 'syncExport.sync'), t(`syncExport.outcome.${run.outcome}`)];
    if (entries.length === 0) data.push([...base, '', '', '', '', '', '', '']);
    for (const entry of entries) {
      const { what, group, changes } = describeEntry(entry, run.failure, t);
      data.push([...base, t(`syncExport.kind.${entry.kind}`), what, entry.name, entry.email, group, changes, entry.userDn]);
    }
  }
  const fields = COLUMNS.map((column) => t(`syncExport.column.${column}`));
  return '\uFEFF' + Papa.unparse({ fields, data }, { newline: '\r\n', escapeFormulae: CSV_FORMULA_START }) + '\r\n';
}
