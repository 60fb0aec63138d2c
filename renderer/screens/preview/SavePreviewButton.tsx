import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';

/** "Save preview" on the companies and users steps: the download, its reconciliation and the decisions so far, to a file to review elsewhere. */
export function SavePreviewButton() {
  const { t } = useTranslation();
  const saveImportAsPreview = useAppStore((state) => state.saveImportAsPreview);
  const { pending, error, fields, run } = useSubmit();
  const [saved, setSaved] = useState<string | null>(null);
  const save = () =>
    void run(async () => {
      setSaved(null);
      const result = await saveImportAsPreview();
      if (result.outcome === 'saved') setSaved(result.fileName);
    });
  return (
    <div className="preview-save">
      {/* Not disabled while saving: focus stays on it (useSubmit ignores a second press meanwhile). */}
      <button type="button" className="small" onClick={save} aria-busy={pending}>
        {pending ? t('review.savingPreview') : t('review.savePreview')}
      </button>
      <span className="muted" role="status">
        {saved ? t('review.savedPreview', { file: saved }) : ''}
      </span>
      <ErrorAlert code={error} fields={fields} />
    </div>
  );
}
