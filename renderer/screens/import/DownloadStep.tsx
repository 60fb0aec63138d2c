import { useTranslation } from 'react-i18next';
import type { FetchProgress } from '../../../shared/psa/records';
import { displayLocale } from '../../app/format';

/** Step 2: the download, with a progress bar per phase and Cancel. */
export function DownloadStep({ progress, psaName, onCancel }: { readonly progress: Partial<Record<FetchProgress['phase'], FetchProgress>>; readonly psaName: string; readonly onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.language);
  const bar = (phase: FetchProgress['phase']) => {
    const value = progress[phase];
    const done = value?.done ?? 0;
    const total = value?.total ?? null;
    const label = t(phase === 'companies' ? 'wizard.progressCompanies' : 'wizard.progressContacts', { done: done.toLocaleString(locale), total: total === null ? t('wizard.counting') : total.toLocaleString(locale) });
    return (
      <div className="progress-row" key={phase}>
        <span>{label}</span>
        <progress max={total ?? undefined} value={total === null ? undefined : done} aria-label={label} />
      </div>
    );
  };
  return (
    <section className="wizard-step" aria-label={t('wizard.downloading', { psa: psaName })}>
      <h2 tabIndex={-1}>{t('wizard.downloading', { psa: psaName })}</h2>
      {bar('companies')}
      {bar('contacts')}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
