import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { collatorFor } from '../../../shared/i18n/collate';
import { useAppStore } from '../../store';
import { AddPairDialog } from './AddPairDialog';
import { groupPaths } from './group-paths';

/** 2. Sync pairs: which directory group's users go to which technician group, and the rules a sync follows. */
export function PairsSection() {
  const { t, i18n } = useTranslation();
  const pairs = useAppStore((state) => state.dsDraft?.pairs ?? []);
  const groups = useAppStore((state) => state.dsGroups);
  const remove = useAppStore((state) => state.dsRemovePair);
  const [adding, setAdding] = useState(false);
  const paths = useMemo(() => groupPaths(groups ?? [], collatorFor(i18n.language).compare), [groups, i18n.language]);
  const groupLabel = (id: number) => paths.find((group) => group.id === id)?.label ?? t('directorySync.pairs.missingGroup', { id });

  return (
    <section className="panel" aria-labelledby="ds-pairs">
      <h2 id="ds-pairs">{t('directorySync.pairs.title')}</h2>
      <p className="field-hint">{t('directorySync.pairs.rules')}</p>
      {pairs.length === 0 ? (
        <p className="muted">{t('directorySync.pairs.empty')}</p>
      ) : (
        <div className="ds-capped">
          <table className="history-table" aria-label={t('directorySync.pairs.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('directorySync.pairs.source')}</th>
                <th scope="col">{t('directorySync.pairs.destination')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('directorySync.pairs.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair, index) => (
                <tr key={`${pair.sourceDn}→${pair.groupId}`}>
                  <td>
                    <span title={pair.sourceDn}>{pair.sourceName || pair.sourceDn}</span>
                  </td>
                  <td>{groupLabel(pair.groupId)}</td>
                  <td>
                    <button type="button" className="ghost" onClick={() => remove(index)} aria-label={t('directorySync.pairs.removeLabel', { source: pair.sourceName || pair.sourceDn, group: groupLabel(pair.groupId) })}>
                      {t('directorySync.pairs.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => setAdding(true)}>
          {t('directorySync.pairs.add')}
        </button>
      </div>
      {adding ? <AddPairDialog paths={paths} onClose={() => setAdding(false)} /> : null}
    </section>
  );
}
