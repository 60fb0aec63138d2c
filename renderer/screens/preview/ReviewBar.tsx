import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../../shared/preview/preview-api';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { reviewUnsaved, type ReviewState } from '../../store/slices/preview.slice';
import { PsaChangesDialog } from './PsaChangesDialog';

/**
 * Above a preview under review: what it is (who saved it, when, from which PSA), that it is offline (no PSA
 * connection, no lock), and what can be done with it: Save (Ctrl+S), export, refresh from the PSA.
 */
export function ReviewBar({ review }: { readonly review: ReviewState }) {
  const { t, i18n } = useTranslation();
  const unsaved = useAppStore((state) => reviewUnsaved(state.wizard));
  const { savePreview, exportPreview, refreshPreviewFromPsa, dismissPsaChanges } = useAppStore.getState();
  const { pending, error, fields, run } = useSubmit();
  // What was just done, for the decisions it was done with: after a change the line says "Unsaved changes" again.
  const choices = useAppStore((state) => state.wizard?.choices);
  const [said, setSaid] = useState<{ readonly text: string; readonly choices: unknown }>({ text: '', choices: undefined });
  const setStatus = (text: string) => setSaid({ text, choices: useAppStore.getState().wizard?.choices });
  const status = said.choices === choices ? said.text : '';
  const { preview } = review;
  const psaName = t(`psa.${preview.psa}`);

  const save = () =>
    void run(async () => {
      await savePreview();
      setStatus(t('review.saved', { file: preview.fileName }));
    });
  const exportAs = (format: ExportFormat) =>
    void run(async () => {
      const saved = await exportPreview(format);
      if (saved.outcome === 'saved') setStatus(t('review.exported', { file: saved.fileName }));
    });
  const refresh = () =>
    void run(async () => {
      setStatus(t('review.refreshing', { psa: psaName }));
      try {
        await refreshPreviewFromPsa();
      } finally {
        setStatus('');
      }
    });

  // Ctrl+S (⌘S) saves, as in any editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="review-bar" aria-label={t('review.barLabel')}>
      <p className="review-meta">
        <span className="badge">{t('review.offline')}</span>{' '}
        {t('review.meta', {
          psa: psaName,
          name: preview.createdBy.name,
          saved: formatDateTime(preview.createdAt, i18n.language),
          fetched: formatDateTime(preview.fetchedAt, i18n.language),
        })}{' '}
        {t('unfinished.companies', { count: preview.companies })} · {t('unfinished.contacts', { count: preview.contacts })}
      </p>
      {preview.migratedFrom !== null ? <p className="muted">{t('review.migrated', { version: preview.migratedFrom })}</p> : null}
      <div className="actions review-actions">
        {/* aria-disabled, not disabled: after a save, focus stays where the technician left it. */}
        <button type="button" className={unsaved ? 'primary' : ''} onClick={() => (unsaved ? save() : undefined)} aria-disabled={!unsaved} aria-keyshortcuts="Control+S">
          {t('review.save')}
        </button>
        <button type="button" onClick={() => exportAs('csv')} aria-busy={pending}>
          {t('review.exportCsv')}
        </button>
        <button type="button" onClick={() => exportAs('html')} aria-busy={pending}>
          {t('review.exportHtml')}
        </button>
        <button type="button" onClick={refresh} aria-busy={pending}>
          {t('review.refresh', { psa: psaName })}
        </button>
        <span className="muted" role="status">
          {status || (unsaved ? t('review.unsaved') : t('review.savedAt', { when: formatDateTime(review.savedAt, i18n.language) }))}
        </span>
      </div>
      <ErrorAlert code={error} fields={fields} />
      {review.changes ? <PsaChangesDialog changes={review.changes} psaName={psaName} onClose={dismissPsaChanges} /> : null}
    </section>
  );
}
