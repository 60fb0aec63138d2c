import type { ColumnDef } from '@tanstack/react-table';
import Papa from 'papaparse';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorTextKey, type OutcomeError } from '../../../shared/import/outcome-errors';
import type { ImportResults } from '../../../shared/import/plan';
import type { PsaErrorView } from '../../../shared/psa/errors';
import { DataTable } from '../../components/data-table/DataTable';

const NO_RESULTS: ImportResults = { companies: [], users: [] };
/** Two lines of text per error row; the list scrolls inside this height, so Export and Done stay on screen however many rows fail. */
const ERROR_ROW_HEIGHT = 56;
const ERRORS_HEIGHT = 320;

interface ErrorRow {
  readonly key: string;
  readonly subject: string;
  readonly kind: PsaErrorView['kind'] | OutcomeError;
  readonly detail: string | null | undefined;
}

/** Step 5: the results page — counts, every error with the seed's message next to what it concerns, CSV export. */
interface ResultsStepProps {
  /** Null when the import stopped before applying anything (locked, download failed). */
  readonly results: ImportResults | null;
  /** What stopped it, and what it concerns (the integration). */
  readonly failure: { readonly error: PsaErrorView; readonly subject: string } | null;
  readonly names: ReadonlyMap<string, string>;
  readonly onDone: () => void;
}

export function ResultsStep({ results: given, failure, names, onDone }: ResultsStepProps) {
  const { t } = useTranslation();
  const results = given ?? NO_RESULTS;
  const count = <T extends { outcome: string }>(items: readonly T[], outcome: string) => items.filter((item) => item.outcome === outcome).length;
  const errors = useMemo<ErrorRow[]>(
    () =>
      [
        ...(failure ? [{ subject: failure.subject, kind: failure.error.kind, detail: failure.error.detail }] : []),
        ...results.companies.filter((company) => company.error).map((company) => ({ subject: company.name || names.get(company.psaCompanyId) || company.psaCompanyId, kind: company.error!, detail: company.detail })),
        ...results.users.filter((user) => user.error).map((user) => ({ subject: `${user.email ?? user.psaContactId} (${names.get(user.psaCompanyId) ?? user.psaCompanyId})`, kind: user.error!, detail: user.detail })),
      ].map((row, index) => ({ ...row, key: String(index) })),
    [results, failure, names],
  );
  // Virtualized (DataTable): an import of 100,000 users with 50 seats has ~99,950 error rows, and only the visible ones are rendered.
  const columns = useMemo<Array<ColumnDef<ErrorRow, unknown>>>(
    () => [
      { id: 'subject', header: t('wizard.errorColumns.subject'), accessorFn: (row) => row.subject, meta: { width: 'minmax(160px, 1fr)' } },
      { id: 'message', header: t('wizard.errorColumns.message'), accessorFn: (row) => t(`${errorTextKey(row.kind)}.message`), meta: { width: 'minmax(180px, 1.2fr)' } },
      {
        id: 'explanation',
        header: t('wizard.errorColumns.explanation'),
        // The accessor is the whole text (sorting, the cell's title); the cell shows the detail muted.
        accessorFn: (row) => [t(`${errorTextKey(row.kind)}.remedy`), row.detail].filter(Boolean).join(' '),
        cell: ({ row }) => (
          <>
            {t(`${errorTextKey(row.original.kind)}.remedy`)}
            {row.original.detail ? <span className="muted"> {row.original.detail}</span> : null}
          </>
        ),
        meta: { width: 'minmax(220px, 2fr)' },
      },
    ],
    [t],
  );

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
    <section className="wizard-step" aria-label={t('wizard.resultsTitle')}>
      <h2>{t('wizard.resultsTitle')}</h2>
      <p role="status">{t('wizard.resultsCompanies', { created: count(results.companies, 'created'), mapped: count(results.companies, 'mapped'), failed: count(results.companies, 'failed') })}</p>
      <p>{t('wizard.resultsUsers', { imported: count(results.users, 'imported'), mapped: count(results.users, 'mapped'), failed: count(results.users, 'failed') })}</p>
      <h3>{t('wizard.errorsTitle')}</h3>
      {errors.length === 0 ? (
        <p className="muted">{t('wizard.noErrors')}</p>
      ) : (
        <DataTable rows={errors} columns={columns} rowId={(row) => row.key} label={t('wizard.errorsTitle')} rowHeight={ERROR_ROW_HEIGHT} height={ERRORS_HEIGHT} fitRows className="wrap" />
      )}
      <div className="actions">
        <button type="button" onClick={exportCsv}>
          {t('wizard.exportCsv')}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          {t('wizard.done')}
        </button>
      </div>
    </section>
  );
}
