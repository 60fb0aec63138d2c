import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

/**
 * Main caught a failure nobody handled and kept running: say so without
 * blocking the screen, until dismissed. Details stay in main's log.
 */
export function BackgroundErrorNotice() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => api().on('backgroundError', () => setShown(true)), []);
  if (!shown) return null;
  return (
    <div className="alert background-error" role="status">
      <p>{t('backgroundError.message')}</p>
      <button type="button" onClick={() => setShown(false)}>
        {t('backgroundError.dismiss')}
      </button>
    </div>
  );
}
