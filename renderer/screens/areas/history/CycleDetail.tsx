import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorTextKey } from '../../../../shared/import/outcome-errors';
import type { CycleError, ImportCycleDetail } from '../../../../shared/import/history';
import { api, unwrap } from '../../../api/client';
import { downloadCsv } from '../../../app/download-csv';
import { can, canImportFrom } from '../../../app/permissions';
import { useAppStore } from '../../../store';
import { DataTable } from '../../../components/data-table/DataTable';
import { changeCsvRows, changeLines, formatWhen } from './history-format';
import { UndoDialog } from './UndoDialog';

type ErrorRow = CycleError & { readonly key: string };
const ERROR_ROW_HEIGHT = 56;
const ERRORS_HEIGHT = 320;

/** One import of the history: its results (counts and errors) as the wizard showed them, its changes as CSV, and Undo. */
export function CycleDetail({ id, onBack, onChanged }: { readonly id: string; readonly onBack: () => void; readonly onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const session = useAppStore((state) => state.session);
  const [detail, setDetail] = useState<ImportCycleDetail | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => void unwrap(api().history.detail({ id })).then(setDetail), [id]);
  useEffect(load, [load]);
  // Opening an import moves focus to its heading (the Open button that had it is gone); so does an undo, which removes Undo.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = detail !== null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  const refocus = useRef(false);
  useEffect(() => {
    // Once the dialog is gone (while it is open, the page behind it cannot take focus).
    if (refocus.current && !confirming) {
      refocus.current = false;
      heading.current?.focus();
    }
  }, [confirming]);

  const errors = useMemo<ErrorRow[]>(() => (detail?.errors ?? []).map((error, index) => ({ ...error, key: String(index) })), [detail]);
  const columns = useMemo<Array<ColumnDef<ErrorRow, unknown>>>(
    () => [
      { id: 'subject', header: t('wizard.errorColumns.subject'), accessorFn: (row) => (row.type === 'user' ? `${row.email ?? row.psaId} (${row.name})` : row.name || row.psaId), meta: { width: 'minmax(160px, 1fr)' } },
      { id: 'message', header: t('wizard.errorColumns.message'), accessorFn: (row) => t(`${errorTextKey(row.error)}.message`), meta: { width: 'minmax(180px, 1.2fr)' } },
      { id: 'explanation', header: t('wizard.errorColumns.explanation'), accessorFn: (row) => [t(`${errorTextKey(row.error)}.remedy`), row.detail].filter(Boolean).join(' '), meta: { width: 'minmax(220px, 2fr)' } },
    ],
    [t],
  );

  if (!detail) return <p className="muted">{t('app.loading')}</p>;
  const { cycle } = detail;
  const when = formatWhen(cycle.startedAt, i18n.language);
  const { companies, users } = cycle.counts.outcomes;
  const lines = changeLines(t, cycle.counts.changes);

  const exportChanges = () =>
    void unwrap(api().history.changes({ id })).then((rows) => downloadCsv(changeCsvRows(rows), `msp-roster-import-changes-${cycle.startedAt.slice(0, 10)}.csv`));

  return (
    <>
      <header className="content-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('history.detailTitle', { psa: t(`psa.${cycle.psa}`), when })}
        </h1>
        <p className="muted">
          {t('history.ranBy', { name: cycle.actorName })} · {t(`history.status.${cycle.status}`)}
        </p>
        {cycle.undoneAt && cycle.undoneBy ? <p className="muted">{t('history.undoneBy', { name: cycle.undoneBy, when: formatWhen(cycle.undoneAt, i18n.language) })}</p> : null}
      </header>
      {notice ? (
        <p className="status ok" role="status">
          {notice}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="cycle-results">
        <h2 id="cycle-results">{t('wizard.resultsTitle')}</h2>
        <p>{t('wizard.resultsCompanies', companies)}</p>
        <p>{t('wizard.resultsUsers', users)}</p>
        <h3>{t('history.changesTitle')}</h3>
        {lines.length === 0 ? (
          <p className="muted">{t('history.undoNothing')}</p>
        ) : (
          <ul className="change-lines">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <h3>{t('wizard.errorsTitle')}</h3>
        {errors.length === 0 ? (
          <p className="muted">{t('wizard.noErrors')}</p>
        ) : (
          <DataTable rows={errors} columns={columns} rowId={(row) => row.key} label={t('wizard.errorsTitle')} rowHeight={ERROR_ROW_HEIGHT} height={ERRORS_HEIGHT} fitRows className="wrap" />
        )}
        <div className="actions">
          <button type="button" onClick={onBack}>
            {t('history.back')}
          </button>
          {can(session, 'export') ? (
            <button type="button" onClick={exportChanges}>
              {t('history.exportChanges')}
            </button>
          ) : null}
          {cycle.undoable && can(session, 'companies:manage') && canImportFrom(session, cycle.psa) ? (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('history.undo')}
            </button>
          ) : cycle.status !== 'undone' ? (
            <span className="muted">{t('history.onlyLast')}</span>
          ) : null}
        </div>
      </section>
      {confirming ? (
        <UndoDialog
          cycle={cycle}
          when={when}
          onClose={() => setConfirming(false)}
          onUndone={(undone) => {
            setConfirming(false);
            setDetail({ ...detail, cycle: undone });
            setNotice(t('history.undone'));
            onChanged();
            // Focus would go back to Undo, which is no longer there: the heading takes it.
            refocus.current = true;
          }}
        />
      ) : null}
    </>
  );
}
