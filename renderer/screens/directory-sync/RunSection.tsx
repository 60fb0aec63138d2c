import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncChange, SyncCounts, SyncProblem } from '../../../shared/directory-sync/schemas';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { DataTable } from '../../components/data-table/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { useAction } from '../org/use-action';
import { changeText } from './change-text';
import { actionLabel, problemMessage } from './problem-message';

type ChangeRow = SyncChange & { readonly key: string };
type ProblemRow = SyncProblem & { readonly key: string };
const TABLE_HEIGHT = 320;
const ROW_HEIGHT = 56;
const COUNT_KEYS = ['users', 'created', 'updated', 'disabled', 'unchanged', 'problems'] as const;

/** A run's counts as short sentences in the language's plural forms: "3 created", "1 problem". */
export function countLines(t: TFunction, counts: SyncCounts, keys: ReadonlyArray<(typeof COUNT_KEYS)[number]> = COUNT_KEYS): string[] {
  return keys.map((key) => t(`directorySync.run.counts.${key}`, { count: counts[key] }));
}

/** Under a table the report filled only in part: how many rows the run has, and where to find them all. */
function MoreRows({ kind, shown, more }: { readonly kind: 'changes' | 'problems'; readonly shown: number; readonly more: number }) {
  const { t } = useTranslation();
  if (more === 0) return null;
  return <p className="muted">{t(`directorySync.run.more.${kind}`, { shown, total: shown + more })}</p>;
}

/** 6. Run: *Dry run* and *Sync now* with their progress and Cancel, then what the run did (or would do). */
export function RunSection() {
  const { t, i18n } = useTranslation();
  const running = useAppStore((state) => state.dsRunning);
  const cancelling = useAppStore((state) => state.dsCancelling);
  const progress = useAppStore((state) => state.dsProgress);
  const report = useAppStore((state) => state.dsReport);
  const problem = useAppStore((state) => state.dsRunProblem);
  const start = useAppStore((state) => state.dsRun);
  const cancel = useAppStore((state) => state.dsCancel);
  const progressed = useAppStore((state) => state.dsProgressed);
  const dirty = useAppStore((state) => state.unsavedChanges);
  const heading = useRef<HTMLHeadingElement>(null);
  const exporting = useAction();
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => (running ? api().on('directorySyncProgress', progressed) : undefined), [running, progressed]);
  useEffect(() => {
    // The buttons that started it were replaced by the progress: the keyboard goes on to the result.
    if (report) heading.current?.focus();
  }, [report]);

  const changes = useMemo<ChangeRow[]>(() => (report?.changes ?? []).map((change, index) => ({ ...change, key: String(index) })), [report]);
  const problems = useMemo<ProblemRow[]>(() => (report?.problems ?? []).map((entry, index) => ({ ...entry, key: String(index) })), [report]);
  const changeColumns = useMemo<Array<ColumnDef<ChangeRow, unknown>>>(
    () => [
      { id: 'action', header: t('directorySync.run.columns.action'), accessorFn: (row) => actionLabel(t, row.action), meta: { width: '100px' } },
      { id: 'name', header: t('directorySync.run.columns.name'), accessorFn: (row) => row.name, meta: { width: 'minmax(130px, 1fr)', wrap: true } },
      { id: 'email', header: t('directorySync.run.columns.email'), accessorFn: (row) => row.email, meta: { width: 'minmax(160px, 1fr)', wrap: true, drop: 2, mergeInto: 'name' } },
      { id: 'group', header: t('directorySync.run.columns.group'), accessorFn: (row) => row.groupName, meta: { width: 'minmax(120px, 1fr)', wrap: true, drop: 3 } },
      { id: 'changes', header: t('directorySync.run.columns.changes'), accessorFn: (row) => changeText(t, row), meta: { width: 'minmax(180px, 2fr)', wrap: true } },
      { id: 'reason', header: t('directorySync.run.columns.reason'), accessorFn: (row) => (row.reason ? t(`directorySync.run.reasons.${row.reason}`) : ''), meta: { width: 'minmax(120px, 1fr)', wrap: true, drop: 1, mergeInto: 'changes' } },
    ],
    [t],
  );
  const problemColumns = useMemo<Array<ColumnDef<ProblemRow, unknown>>>(
    () => [
      { id: 'name', header: t('directorySync.run.columns.name'), accessorFn: (row) => row.name || row.userDn, meta: { width: 'minmax(140px, 1fr)', wrap: true } },
      { id: 'email', header: t('directorySync.run.columns.email'), accessorFn: (row) => row.email, meta: { width: 'minmax(160px, 1fr)', wrap: true, drop: 1, mergeInto: 'name' } },
      { id: 'problem', header: t('directorySync.run.columns.problem'), accessorFn: (row) => problemMessage(t, row.code, row.detail), meta: { width: 'minmax(220px, 2fr)', wrap: true } },
    ],
    [t],
  );

  const exportRun = (runId: string) =>
    void exporting.run(async () => {
      setExported(null);
      const saved = await unwrap(api().directorySync.exportLog({ runId }));
      if (saved.outcome === 'saved') setExported(saved.fileName);
    });

  return (
    <section className="panel wide" aria-labelledby="ds-run">
      <h2 id="ds-run">{t('directorySync.run.title')}</h2>
      <p className="field-hint">{t('directorySync.run.intro')}</p>
      {dirty ? <p className="status warn">{t('directorySync.run.unsavedFirst')}</p> : null}
      {running ? (
        <div className="tech-import-progress">
          <progress aria-label={t('directorySync.run.progressLabel')} max={progress?.total || undefined} value={progress && progress.total ? progress.done : undefined} />
          <p aria-live="polite">{progress ? t(`directorySync.run.stages.${progress.stage}`, { done: progress.done, total: progress.total }) : t('directorySync.run.starting')}</p>
          <button type="button" onClick={cancel} disabled={cancelling || progress?.stage === 'writing'}>
            {cancelling ? t('directorySync.run.cancelling') : t('directorySync.run.cancel')}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void start('dry-run')}>
            {t('directorySync.run.dryRun')}
          </button>
          <button type="button" className="primary" onClick={() => void start('sync')}>
            {t('directorySync.run.syncNow')}
          </button>
        </div>
      )}
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
      {report ? (
        <div className="ds-report">
          <h3 ref={heading} tabIndex={-1}>
            {report.run.dryRun ? t('directorySync.run.dryRunResult') : t('directorySync.run.syncResult')}
          </h3>
          <ul className="tech-import-counts" aria-label={t('directorySync.run.countsLabel')}>
            {countLines(t, report.run.counts).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {report.directoryUnchangedSince ? <p className="muted">{t('directorySync.run.directoryUnchanged', { when: formatDateTime(report.directoryUnchangedSince, i18n.language) })}</p> : null}
          {changes.length === 0 ? (
            <p className="muted">{t('directorySync.run.noChanges')}</p>
          ) : (
            <>
              <h4>{t('directorySync.run.changesTitle')}</h4>
              <DataTable rows={changes} columns={changeColumns} rowId={(row) => row.key} label={t('directorySync.run.changesTitle')} rowHeight={ROW_HEIGHT} height={TABLE_HEIGHT} fitRows />
              <MoreRows kind="changes" shown={changes.length} more={report.more.changes} />
            </>
          )}
          {problems.length > 0 ? (
            <>
              <h4>{t('directorySync.run.problemsTitle')}</h4>
              <DataTable rows={problems} columns={problemColumns} rowId={(row) => row.key} label={t('directorySync.run.problemsTitle')} rowHeight={ROW_HEIGHT} height={TABLE_HEIGHT} fitRows />
              <MoreRows kind="problems" shown={problems.length} more={report.more.problems} />
            </>
          ) : null}
          <div className="actions">
            <button type="button" onClick={() => exportRun(report.run.id)} disabled={exporting.pending}>
              {t('directorySync.run.exportCsv')}
            </button>
          </div>
          <p role="status" className="muted">
            {exported ? t('directorySync.run.exported', { file: exported }) : null}
          </p>
          <ErrorAlert code={exporting.problem?.code ?? null} fields={exporting.problem?.fields ?? null} />
        </div>
      ) : null}
    </section>
  );
}
