import { useTranslation } from 'react-i18next';

/** A search that found nothing: says so in the list's own words, and offers to clear the search. */
export function NoMatch({ message, onClear }: { readonly message: string; readonly onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="no-match">
      <p className="muted">{message}</p>
      <button type="button" className="small" onClick={onClear}>
        {t('common.clearSearch')}
      </button>
    </div>
  );
}
