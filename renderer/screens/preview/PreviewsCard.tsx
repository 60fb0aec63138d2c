import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewSource } from '../../../shared/preview/preview-api';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';

/**
 * "Import previews": open a `.msp-preview` file (a dialog, this workstation's recent ones, or the file the app was
 * opened with) to review it offline — no PSA connection and no lock needed — and apply it later.
 */
export function PreviewsCard() {
  const { t, i18n } = useTranslation();
  const recent = useAppStore((state) => state.recentPreviews);
  const { loadRecentPreviews, openPreview } = useAppStore.getState();
  const { pending, error, fields, run } = useSubmit();
  const [opening, setOpening] = useState<string | null>(null);
  useEffect(() => void loadRecentPreviews().catch(() => undefined), [loadRecentPreviews]);
  const requested = useAppStore((state) => state.previewRequest);

  const open = (from: PreviewSource) =>
    void run(async () => {
      setOpening(from.kind === 'recent' ? from.path : 'dialog');
      try {
        await openPreview(from);
      } finally {
        setOpening(null);
      }
    });

  // A file the app was opened with opens by itself once this page shows (after the sign-in, or the wizard closed).
  const autoOpened = useRef<string | null>(null);
  useEffect(() => {
    if (!requested || autoOpened.current === requested) return;
    autoOpened.current = requested;
    open({ kind: 'recent', path: requested });
  });

  const requestedName = requested ? (recent?.find((entry) => entry.path === requested)?.fileName ?? requested) : null;
  return (
    <section className="panel previews-card" aria-labelledby="import-previews">
      <h2 id="import-previews">{t('review.previewsTitle')}</h2>
      <p className="muted">{t('review.previewsIntro')}</p>
      {requested && requestedName ? (
        <div className="alert" role="status">
          <p>{t('review.requested', { file: requestedName })}</p>
          <button type="button" className="primary small" onClick={() => open({ kind: 'recent', path: requested })} disabled={pending}>
            {t('review.openRequested')}
          </button>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => open({ kind: 'dialog' })} disabled={pending}>
          {opening === 'dialog' ? t('review.opening') : t('review.openPreview')}
        </button>
      </div>
      <ErrorAlert code={error} fields={fields} />
      {recent === null ? null : recent.length === 0 ? (
        <p className="muted">{t('review.noRecent')}</p>
      ) : (
        <>
          <h3>{t('review.recentTitle')}</h3>
          <ul className="unfinished-list recent-previews">
            {recent.map((entry) => (
              <li key={entry.path}>
                <div>
                  <p className="unfinished-what">{entry.fileName}</p>
                  <p className="muted">
                    {t(`psa.${entry.psa}`)} · {t('unfinished.companies', { count: entry.companies })} · {t('review.savedBy', { name: entry.createdByName, when: formatDateTime(entry.savedAt, i18n.language) })}
                  </p>
                </div>
                <button type="button" onClick={() => open({ kind: 'recent', path: entry.path })} disabled={pending} aria-label={t('review.openLabel', { file: entry.fileName })}>
                  {opening === entry.path ? t('review.opening') : t('review.open')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
