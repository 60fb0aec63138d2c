import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCycle } from '../../../../shared/import/history';
import type { PsaKind } from '../../../../shared/psa/kinds';
import { api, unwrap } from '../../../api/client';
import { formatWhen } from '../history/history-format';

/** The PSA card's "Last import": when, by whom, and what it brought in (from the import history). */
export function LastImport({ psa }: { readonly psa: PsaKind }) {
  const { t, i18n } = useTranslation();
  const [last, setLast] = useState<ImportCycle | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void unwrap(api().history.list()).then((cycles) => {
      if (live) setLast(cycles.find((cycle) => cycle.psa === psa) ?? null);
    });
    return () => {
      live = false;
    };
  }, [psa]);
  if (last === undefined) return null;
  if (last === null) {
    return (
      <>
        <dt>{t('history.lastImport')}</dt>
        <dd>{t('history.noImportYet')}</dd>
      </>
    );
  }
  const { companies, users } = last.counts.outcomes;
  return (
    <>
      <dt>{t('history.lastImport')}</dt>
      <dd data-testid={`last-import-${psa}`}>
        {t('history.lastImportValue', {
          when: formatWhen(last.startedAt, i18n.language),
          name: last.actorName,
          companies: t('history.lastImportCompanies', { count: companies.created + companies.mapped }),
          users: t('history.lastImportUsers', { count: users.imported + users.mapped }),
        })}
        {last.status === 'undone' ? ` ${t('history.lastImportUndone')}` : ''}
      </dd>
    </>
  );
}
