import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/ipc/result';
import type { SnapshotSummary } from '../../../../shared/import/snapshot';
import { api, errorCodeOf, unwrap } from '../../../api/client';
import { formatDateTime } from '../../../app/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAppStore } from '../../../store';

/**
 * "Unfinished imports": the signed-in person's downloads kept in the workspace and not applied yet, newest first,
 * each with Resume. Shown only when there is one (a fresh workspace shows the connections alone).
 */
export function UnfinishedImports() {
  const { t, i18n } = useTranslation();
  const resumeImport = useAppStore((state) => state.resumeImport);
  const [kept, setKept] = useState<SnapshotSummary[]>([]);
  const [resuming, setResuming] = useState<string | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  useEffect(() => {
    let live = true;
    void unwrap(api().import.kept()).then(
      (list) => {
        if (live) setKept(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (kept.length === 0) return null;

  const resume = async (snapshot: SnapshotSummary) => {
    setResuming(snapshot.id);
    setError(null);
    try {
      await resumeImport(snapshot);
    } catch (caught) {
      setError(errorCodeOf(caught));
      setResuming(null);
    }
  };

  return (
    <section className="panel unfinished-imports" aria-labelledby="unfinished-imports">
      <h2 id="unfinished-imports">{t('unfinished.title')}</h2>
      <p className="muted">{t('unfinished.intro')}</p>
      <ErrorAlert code={error} />
      <ul className="unfinished-list">
        {kept.map((snapshot) => {
          const when = formatDateTime(snapshot.fetchedAt, i18n.language);
          const psa = t(`psa.${snapshot.psa}`);
          return (
            <li key={snapshot.id}>
              <div>
                <p className="unfinished-what">{t('unfinished.downloaded', { psa, when })}</p>
                <p className="muted">
                  {t('unfinished.companies', { count: snapshot.companies })} · {t('unfinished.contacts', { count: snapshot.contacts })} ·{' '}
                  {snapshot.draftUpdatedAt ? t('unfinished.decisionsKept', { when: formatDateTime(snapshot.draftUpdatedAt, i18n.language) }) : t('unfinished.noDecisions')}
                </p>
              </div>
              <button type="button" onClick={() => void resume(snapshot)} disabled={resuming !== null} aria-label={t('unfinished.resumeLabel', { psa, when })}>
                {resuming === snapshot.id ? t('unfinished.resuming') : t('unfinished.resume')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
