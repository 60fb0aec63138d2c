import type { ColumnDef } from '@tanstack/react-table';
import Papa from 'papaparse';
import { useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorTextKey, type OutcomeError } from '../../../shared/import/outcome-errors';
import type { ImportResults } from '../../../shared/import/plan';
import type { PsaErrorView } from '../../../shared/psa/errors';
import { DataTable } from '../../components/data-table/DataTable';
import { errorRows, groupErrors, resultTotals, searchErrors, type ErrorGroup, type ErrorKind, type ErrorRow } from './result-groups';
import { NoMatch } from '../../components/NoMatch';
import { can } from '../../app/permissions';
import { useAppStore } from '../../store';

const NO_RESULTS: ImportResults = { companies: [], users: [] };
/** Two lines of text per error row; a group's list scrolls inside its height, so the page stays one screen. */
const ERROR_ROW_HEIGHT = 48;
/**
 * A list takes the window's height below where it starts, less the footer (Retry, Export, Done) and the
 * padding under the step, within these bounds: at 1024×640 the page still fits one screen (header and two rows).
 */
const GROUP_MIN_HEIGHT = 40 + 2 * ERROR_ROW_HEIGHT;
const GROUP_MAX_HEIGHT = 12 * ERROR_ROW_HEIGHT;
/** Under the footer: the step's own padding and margin, and the content area's padding. */
const BELOW_FOOTER = 64;

/** What became of "Retry the failed items", for the page to say. */
export interface RetryState {
  readonly busy: boolean;
  /** The lock was released or taken over since the import: nothing was retried. */
  readonly lockLost: boolean;
  /** The last retry: how many of the items it tried succeeded, and how many still failed. */
  readonly last: { readonly succeeded: number; readonly failed: number } | null;
}

/** Step 5: the results page — totals first, errors grouped by kind (each a searchable list), CSV export, retry of what failed. */
interface ResultsStepProps {
  /** Null when the import stopped before applying anything (locked, download failed). */
  readonly results: ImportResults | null;
  /** What stopped it, and what it concerns (the integration). */
  readonly failure: { readonly error: PsaErrorView; readonly subject: string } | null;
  readonly names: ReadonlyMap<string, string>;
  readonly onDone: () => void;
  /** "Retry the failed items"; absent where nothing can be retried (an import that never ran, a past import). */
  readonly onRetry?: (() => void) | undefined;
  readonly retry?: RetryState | undefined;
}

export function ResultsStep({ results: given, failure, names, onDone, onRetry, retry }: ResultsStepProps) {
  const { t } = useTranslation();
  const mayExport = useAppStore((state) => can(state.session, 'export'));
  const results = given ?? NO_RESULTS;
  const totals = useMemo(() => resultTotals(results), [results]);
  const groups = useMemo(() => groupErrors(errorRows(results, failure, names)), [results, failure, names]);
  const retryable = totals.companies.failed + totals.users.failed;
  const errorsHeading = useId();

  // The message and what to do in the user's language, and the kind itself so a spreadsheet can filter on it.
  const errorColumns = (kind: OutcomeError | PsaErrorView['kind'] | null) =>
    kind ? { error: t(`${errorTextKey(kind)}.message`), errorKind: kind, whatToDo: t(`${errorTextKey(kind)}.remedy`) } : { error: '', errorKind: '', whatToDo: '' };
  const exportCsv = () => {
    const rows = [
      // What stopped the import is an error on this page, so it is in the export too.
      ...(failure ? [{ type: 'integration', psaId: '', name: failure.subject, email: '', outcome: 'failed', ...errorColumns(failure.error.kind), detail: failure.error.detail ?? '' }] : []),
      ...results.companies.map((company) => ({ type: 'company', psaId: company.psaCompanyId, name: company.name, email: '', outcome: company.outcome, ...errorColumns(company.error), detail: company.detail ?? '' })),
      ...results.users.map((user) => ({ type: 'user', psaId: user.psaContactId, name: names.get(user.psaCompanyId) ?? '', email: user.email ?? '', outcome: user.outcome, ...errorColumns(user.error), detail: user.detail ?? '' })),
    ];
    const blob = new Blob([Papa.unparse(rows)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `msp-roster-import-results-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
  };

  return (
    <section className="wizard-step results-step" aria-label={t('wizard.resultsTitle')}>
      <h2>{t('wizard.resultsTitle')}</h2>
      <div role="status" className="results-totals">
        <p>{t('wizard.resultsCompanies', totals.companies)}</p>
        <p>{t('wizard.resultsUsers', totals.users)}</p>
        {results.users.length > 0 ? <p>{t('wizard.resultsGranted', { count: totals.granted })}</p> : null}
        {retry?.last ? <p>{t('wizard.retried', { succeeded: retry.last.succeeded, failed: retry.last.failed })}</p> : null}
      </div>
      <section className="results-errors" aria-labelledby={errorsHeading}>
        <h3 id={errorsHeading}>{t('wizard.errorsTitle')}</h3>
        {groups.length === 0 ? (
          <p className="muted">{t('wizard.noErrors')}</p>
        ) : (
          <ErrorGroups groups={groups} />
        )}
      </section>
      <div className="results-footer">
        {retry?.lockLost ? (
          <p className="alert" role="alert">
            {t('wizard.retryLockLost')}
          </p>
        ) : onRetry && retryable > 0 ? (
          <p className="muted">{retry?.busy ? t('wizard.retrying') : t('wizard.retryHint')}</p>
        ) : null}
        <div className="actions">
          {onRetry && retryable > 0 && !retry?.lockLost ? (
            <button type="button" onClick={onRetry} disabled={retry?.busy}>
              {t('wizard.retryFailed', { count: retryable })}
            </button>
          ) : null}
          {mayExport ? (
            <button type="button" onClick={exportCsv}>
              {t('wizard.exportCsv')}
            </button>
          ) : null}
          <button type="button" className="primary" onClick={onDone} disabled={retry?.busy}>
            {t('wizard.done')}
          </button>
        </div>
      </div>
    </section>
  );
}

/** One disclosure per kind of error, with its count; the largest is open to begin with. */
export function ErrorGroups({ groups }: { readonly groups: readonly ErrorGroup[] }) {
  const [open, setOpen] = useState<ReadonlySet<ErrorKind>>(() => new Set(groups[0] ? [groups[0].kind] : []));
  const toggle = (kind: ErrorKind) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(kind)) next.add(kind);
      return next;
    });
  return (
    <ul className="error-groups">
      {groups.map((group) => (
        <ErrorGroupItem key={group.kind} group={group} open={open.has(group.kind)} onToggle={() => toggle(group.kind)} />
      ))}
    </ul>
  );
}

function ErrorGroupItem({ group, open, onToggle }: { readonly group: ErrorGroup; readonly open: boolean; readonly onToggle: () => void }) {
  const { t } = useTranslation();
  const panel = useId();
  const [search, setSearch] = useState('');
  const panelRef = useRef<HTMLDivElement>(null);
  const height = useHeightBelow(panelRef, open);
  const message = t(`${errorTextKey(group.kind)}.message`);
  const shown = useMemo(() => searchErrors(group.rows, search), [group.rows, search]);
  const withDetail = useMemo(() => group.rows.some((row) => row.detail), [group.rows]);
  const columns = useMemo<Array<ColumnDef<ErrorRow, unknown>>>(
    () => [
      { id: 'subject', header: t('wizard.errorColumns.subject'), accessorFn: (row) => row.subject, meta: { width: 'minmax(200px, 1fr)' } },
      ...(withDetail
        ? [{ id: 'detail', header: t('wizard.errorColumns.explanation'), accessorFn: (row: ErrorRow) => row.detail ?? '', meta: { width: 'minmax(220px, 1.4fr)' } } satisfies ColumnDef<ErrorRow, unknown>]
        : []),
    ],
    [t, withDetail],
  );
  return (
    <li className="error-group">
      <h4>
        <button type="button" className="error-group-toggle" aria-expanded={open} aria-controls={open ? panel : undefined} onClick={onToggle}>
          <span aria-hidden="true" className="error-group-caret">
            {open ? '▾' : '▸'}
          </span>
          <span className="error-group-message">{message}</span>
          <span className="badge">{t('wizard.errorGroupCount', { count: group.rows.length })}</span>
        </button>
      </h4>
      <p className="muted error-group-remedy">{t(`${errorTextKey(group.kind)}.remedy`)}</p>
      {open ? (
        <div id={panel} className="error-group-panel" ref={panelRef}>
          {group.rows.length > 1 ? (
            <div className="table-toolbar">
              <input type="search" className="search" aria-label={t('wizard.errorSearch', { message })} placeholder={t('wizard.errorSearchPlaceholder')} value={search} onChange={(event) => setSearch(event.target.value)} />
              <span className="muted" aria-live="polite">
                {t('wizard.errorsShown', { count: group.rows.length, shown: shown.length })}
              </span>
            </div>
          ) : null}
          {shown.length === 0 ? (
            <NoMatch message={t('wizard.errorsNoMatch', { search })} onClear={() => setSearch('')} />
          ) : (
            <DataTable rows={shown} columns={columns} rowId={(row) => row.key} label={t('wizard.errorGroupList', { message })} rowHeight={ERROR_ROW_HEIGHT} height={height} fitRows className="wrap" />
          )}
        </div>
      ) : null}
    </li>
  );
}

/** The height left for a list from where it starts to the window's bottom (less the footer as it is laid out), kept up to date on resize. */
function useHeightBelow(ref: RefObject<HTMLDivElement | null>, active: boolean): number {
  const [value, setValue] = useState(GROUP_MIN_HEIGHT);
  useLayoutEffect(() => {
    if (!active) return;
    const measure = () => {
      const panel = ref.current;
      const list = panel?.querySelector('[role="grid"]') ?? panel;
      const top = list?.getBoundingClientRect().top ?? 0;
      const footer = panel?.closest('.results-step')?.querySelector<HTMLElement>('.results-footer');
      const room = (footer ? footer.offsetHeight + parseFloat(getComputedStyle(footer).marginTop) : 0) + BELOW_FOOTER;
      setValue(Math.round(Math.max(GROUP_MIN_HEIGHT, Math.min(GROUP_MAX_HEIGHT, window.innerHeight - top - room))));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, active]);
  return value;
}
