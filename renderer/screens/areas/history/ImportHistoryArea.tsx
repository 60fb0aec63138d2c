import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCycle } from '../../../../shared/import/history';
import { api, unwrap } from '../../../api/client';
import { displayLocale } from '../../../app/format';
import { useDirectoryChanged } from '../../../app/use-directory-changed';
import { EmptyState } from '../../../components/EmptyState';
import { areasFor } from '../../../app/permissions';
import { useAppStore } from '../../../store';
import { CycleDetail } from './CycleDetail';
import { formatWhen } from './history-format';

/** "Import history": every import cycle, newest first; each opens its results, exports its changes, and the last can be undone. */
export function ImportHistoryArea() {
  const { t, i18n } = useTranslation();
  const goTo = useAppStore((state) => state.goTo);
  const mayImport = useAppStore((state) => areasFor(state.session, ['psaImport']).length > 0);
  const [cycles, setCycles] = useState<ImportCycle[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const refresh = useCallback(() => void unwrap(api().history.list()).then(setCycles), []);
  useEffect(refresh, [refresh]);
  // An import or undo on another workstation (or window) shows up without a reload.
  useDirectoryChanged(refresh);
  const number = new Intl.NumberFormat(displayLocale(i18n.language));
  const heading = useRef<HTMLHeadingElement>(null);
  // Back on the list from an import, focus is on its heading (the Back button that had it is gone).
  const cameBack = useRef(false);
  useEffect(() => {
    if (cameBack.current && openId === null) {
      cameBack.current = false;
      heading.current?.focus();
    }
  }, [openId]);

  if (openId) {
    return (
      <CycleDetail
        id={openId}
        onBack={() => {
          setOpenId(null);
          refresh();
          cameBack.current = true;
        }}
        onChanged={refresh}
      />
    );
  }

  return (
    <>
      <header className="content-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('history.title')}
        </h1>
        <p className="muted">{t('history.intro')}</p>
      </header>
      {cycles === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : cycles.length === 0 ? (
        <EmptyState title={t('history.emptyTitle')} body={t('history.emptyBody')}>
          {mayImport ? (
            <button type="button" className="primary" onClick={() => goTo('psaImport')}>
              {t('history.goToPsa')}
            </button>
          ) : null}
        </EmptyState>
      ) : (
        <section className="panel">
          <table className="history-table" aria-label={t('history.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('history.columns.when')}</th>
                <th scope="col">{t('history.columns.who')}</th>
                <th scope="col">{t('history.columns.psa')}</th>
                <th scope="col">{t('history.columns.companies')}</th>
                <th scope="col">{t('history.columns.users')}</th>
                <th scope="col">{t('history.columns.errors')}</th>
                <th scope="col">{t('history.columns.status')}</th>
                <th scope="col">{t('history.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((cycle) => {
                const { companies, users } = cycle.counts.outcomes;
                const when = formatWhen(cycle.startedAt, i18n.language);
                return (
                  <tr key={cycle.id} className={cycle.status === 'undone' ? 'undone' : undefined}>
                    <td>{when}</td>
                    <td>{cycle.actorName}</td>
                    <td>{t(`psa.${cycle.psa}`)}</td>
                    <td>{t('history.companiesCell', companies)}</td>
                    <td>{t('history.usersCell', users)}</td>
                    <td>{number.format(companies.failed + users.failed)}</td>
                    <td>{t(`history.status.${cycle.status}`)}</td>
                    <td>
                      <button type="button" onClick={() => setOpenId(cycle.id)} aria-label={t('history.openLabel', { when })}>
                        {t('history.open')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
