import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PsaConnectionStatus } from '../../../../shared/psa/credentials';
import { api, unwrap } from '../../../api/client';
import { useAppStore } from '../../../store';
import { ImportWizard } from '../../import/ImportWizard';
import { ConnectionCard } from './ConnectionCard';

/** "PSA import": connect Datto Autotask and ConnectWise PSA. The import wizard builds on these connections. */
export function PsaArea() {
  const { t } = useTranslation();
  const wizard = useAppStore((state) => state.wizard);
  const [connections, setConnections] = useState<PsaConnectionStatus[] | null>(null);
  const refresh = useCallback(() => void unwrap(api().psa.connections()).then(setConnections), []);
  const inWizard = wizard !== null;
  // Refreshed whenever the wizard closes: the connection may have changed meanwhile.
  useEffect(() => {
    if (!inWizard) refresh();
  }, [inWizard, refresh]);
  if (wizard) return <ImportWizard psa={wizard.psa} />;

  return (
    <>
      <header className="content-header">
        <h1>{t('psa.title')}</h1>
        <p className="muted">{t('psa.intro')}</p>
      </header>
      {connections ? connections.map((status) => <ConnectionCard key={status.psa} status={status} onChanged={refresh} />) : <p className="muted">{t('app.loading')}</p>}
    </>
  );
}
