import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncLogEntry, SyncRun } from '../../../shared/directory-sync/schemas';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { DataTable } from '../../components/data-table/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { useAction } from '../org/use-action';
import { loggedChangeText } from './change-text';
import { failureMessage, entryText } from './problem-message';
import { countLines } from './RunSection';

type EntryRow = SyncLogEntry & { readonly key: string };
const RUNS_HEIGHT = 300;
const ENTRIES_HEIGHT = 320;
const ROW_HEIGHT = 56;

/**
 * 7. Sync log (Active Directory logging / Logboekregistratie Active Directory): every run, wherever it ran, with its
 * counts or its failure; a run's entries on request; export of one run or of the whole log.
 */
export function SyncLogSection() {
  const { t, i18n } = useTranslation();
  const runs = useAppStore((state) => state.dsRuns);
  const selectedId = useAppStore((state) => state.dsSelectedRunId);
  const entries = useAppStore((state) => state.dsEntries);
  const select = useAppStore((state) => state.dsSelectRun);
  const loadRuns = useAppStore((state) => state.dsLoadRuns);
  const exporting = useAction();
  const [exported, setExported] = useState<string | null>(null);
  const entriesHeading = useRef<HTMLHeadingElement>(null);
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const selected = useMemo(() => runs?.find((run) => run.id === selectedId) ?? null, [runs, selectedId]);
  const selectedFailure = selected?.failure ?? null;

  useEffect(() => {
    if (selectedId) entriesHeading.current?.focus();
  }, [selectedId]);

  const runColumns = useMemo<Array<ColumnDef<SyncRun, unknown>>>(
    () => [
      { id: 'when', header: t('directorySync.log.columns.when'), accessorFn: (run) => run.startedAt, cell: ({ row }) => formatDateTime(row.original.startedAt, i18n.language), meta: { width: '150px', wrap: true } },
      { id: 'trigger', header: t('directorySync.log.columns.trigger'), accessorFn: (run) => t(`directorySync.log.triggers.${run.trigger}`), meta: { width: '110px', wrap: true, drop: 2 } },
      { id: 'by', header: t('directorySync.log.columns.by'), accessorFn: (run) => run.by, meta: { width: 'minmax(100px, 1fr)', wrap: true, drop: 1, mergeInto: 'trigger' } },
      { id: 'type', header: t('directorySync.log.columns.type'), accessorFn: (run) => (run.dryRun ? t('directorySync.log.types.dryRun') : t('directorySync.log.types.sync')), meta: { width: '90px' } },
      {
        id: 'outcome',
        header: t('directorySync.log.columns.outcome'),
        accessorFn: (run) => (run.failure ? `${t(`directorySync.log.outcomes.${run.outcome}`)}: ${failureMessage(t, run.failure)}` : t(`directorySync.log.outcomes.${run.outcome}`)),
        meta: { width: 'minmax(120px, 1.5fr)', wrap: true },
      },
      {
        id: 'counts',
        header: t('directorySync.log.columns.counts'),
        accessorFn: (run) => (run.outcome === 'failed' ? '' : countLines(t, run.counts, ['created', 'updated', 'disabled', 'problems']).join(', ')),
        meta: { width: 'minmax(140px, 1.5fr)', wrap: true },
      },
      {
        id: 'open',
        header: t('directorySync.log.columns.open'),
        enableSorting: false,
        cell: ({ row }) => (
          <button type="button" className="ghost" onClick={() => void select(row.original.id)} aria-label={t('directorySync.log.showLabel', { when: formatDateTime(row.original.startedAt, i18n.language) })}>
            {t('directorySync.log.show')}
          </button>
        ),
        meta: { width: '90px', sticky: true },
      },
    ],
    [t, i18n.language, select],
  );
  const entryRows = useMemo<EntryRow[]>(() => (entries ?? []).map((entry, index) => ({ ...entry, key: String(index) })), [entries]);
  const entryColumns = useMemo<Array<ColumnDef<EntryRow, unknown>>>(
    () => [
      { id: 'kind', header: t('directorySync.log.columns.kind'), accessorFn: (entry) => t(`directorySync.log.kinds.${entry.kind}`), meta: { width: '100px' } },
      { id: 'name', header: t('directorySync.run.columns.name'), accessorFn: (entry) => entry.name || entry.userDn, meta: { width: 'minmax(130px, 1fr)', wrap: true } },
      { id: 'email', header: t('directorySync.run.columns.email'), accessorFn: (entry) => entry.email, meta: { width: 'minmax(160px, 1fr)', wrap: true, drop: 1, mergeInto: 'name' } },
      { id: 'what', header: t('directorySync.log.columns.what'), accessorFn: (entry) => entryText(t, entry, selectedFailure), meta: { width: 'minmax(200px, 2fr)', wrap: true } },
      { id: 'detail', header: t('directorySync.log.columns.detail'), accessorFn: (entry) => (entry.kind === 'change' ? loggedChangeText(t, entry.detail) : ''), meta: { width: 'minmax(140px, 1fr)', wrap: true, drop: 2, mergeInto: 'what' } },
    ],
    [t, selectedFailure],
  );

  const exportLog = (runId: string | null) =>
    void exporting.run(async () => {
      setExported(null);
      const saved = await unwrap(api().directorySync.exportLog({ runId }));
      if (saved.outcome === 'saved') setExported(saved.fileName);
    });

  return (
    <section className="panel wide" aria-labelledby="ds-log">
      <h2 id="ds-log">{t('directorySync.log.title')}</h2>
      <p className="field-hint">{t('directorySync.log.intro')}</p>
      {runs === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : runs.length === 0 ? (
        <EmptyState title={t('directorySync.log.emptyTitle')} body={t('directorySync.log.emptyBody')} />
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => void loadRuns()}>
              {t('directorySync.log.refresh')}
            </button>
            <button type="button" onClick={() => exportLog(null)} disabled={exporting.pending}>
              {t('directorySync.log.exportAll')}
            </button>
          </div>
          <DataTable rows={runs} columns={runColumns} rowId={(run) => run.id} label={t('directorySync.log.listLabel')} rowHeight={ROW_HEIGHT} height={RUNS_HEIGHT} fitRows />
        </>
      )}
      <p role="status" className="muted">
        {exported ? t('directorySync.run.exported', { file: exported }) : null}
      </p>
      <ErrorAlert code={exporting.problem?.code ?? null} fields={exporting.problem?.fields ?? null} />
      {selected ? (
        <div className="ds-entries">
          <h3 ref={entriesHeading} tabIndex={-1}>
            {t('directorySync.log.entriesLabel', { when: when(selected.startedAt) })}
          </h3>
          {selected.failure ? <p className="alert">{failureMessage(t, selected.failure)}</p> : null}
          {entries === null ? (
            <p className="muted">{t('app.loading')}</p>
          ) : entryRows.length === 0 ? (
            <p className="muted">{t('directorySync.log.noEntries')}</p>
          ) : (
            <DataTable rows={entryRows} columns={entryColumns} rowId={(entry) => entry.key} label={t('directorySync.log.entriesLabel', { when: when(selected.startedAt) })} rowHeight={ROW_HEIGHT} height={ENTRIES_HEIGHT} fitRows />
          )}
          <div className="actions">
            <button type="button" onClick={() => exportLog(selected.id)} disabled={exporting.pending}>
              {t('directorySync.log.exportRun')}
            </button>
            <button type="button" className="ghost" onClick={() => void select(null)}>
              {t('directorySync.log.hide')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
