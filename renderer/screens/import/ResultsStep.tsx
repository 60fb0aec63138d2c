import Papa from 'papaparse';
import { useTranslation } from 'react-i18next';
import { errorTextKey, type OutcomeError } from '../../../shared/import/outcome-errors';
import type { ImportResults } from '../../../shared/import/plan';
import type { PsaErrorView } from '../../../shared/psa/errors';

const NO_RESULTS: ImportResults = { companies: [], users: [] };

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
  const errors = [
    ...(failure ? [{ subject: failure.subject, kind: failure.error.kind, detail: failure.error.detail }] : []),
    ...results.companies.filter((company) => company.error).map((company) => ({ subject: company.name || names.get(company.psaCompanyId) || company.psaCompanyId, kind: company.error!, detail: company.detail })),
    ...results.users.filter((user) => user.error).map((user) => ({ subject: `${user.email ?? user.psaContactId} (${names.get(user.psaCompanyId) ?? user.psaCompanyId})`, kind: user.error!, detail: user.detail })),
  ];

  // The message and what to do in the user's language, and the kind itself so a spreadsheet can filter on it.
  const errorColumns = (kind: OutcomeError | null) =>
    kind ? { error: t(`${errorTextKey(kind)}.message`), errorKind: kind, whatToDo: t(`${errorTextKey(kind)}.remedy`) } : { error: '', errorKind: '', whatToDo: '' };
  const exportCsv = () => {
    const rows = [
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
        <table className="errors-table">
          <thead>
            <tr>
              <th>{t('wizard.errorColumns.subject')}</th>
              <th>{t('wizard.errorColumns.message')}</th>
              <th>{t('wizard.errorColumns.explanation')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              <tr key={index} data-error-kind={error.kind}>
                <td>{error.subject}</td>
                <td>{t(`${errorTextKey(error.kind)}.message`)}</td>
                <td>
                  {t(`${errorTextKey(error.kind)}.remedy`)}
                  {error.detail ? <span className="muted"> {error.detail}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
