import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PsaConnectionStatus } from '../../../../shared/psa/credentials';
import { api, unwrap } from '../../../api/client';
import { canImportFrom, isAdministrator } from '../../../app/permissions';
import { useAppStore } from '../../../store';
import { ImportWizard } from '../../import/ImportWizard';
import { ConnectionCard } from './ConnectionCard';
import { UnfinishedImports } from './UnfinishedImports';
import { PreviewsCard } from '../../preview/PreviewsCard';

/** "PSA import": connect Datto Autotask and ConnectWise PSA. The import wizard builds on these connections. */
export function PsaArea() {
  const { t } = useTranslation();
  const wizard = useAppStore((state) => state.wizard);
  const session = useAppStore((state) => state.session);
  // Administrators see both PSAs (to connect them); a technician sees those their group may import from.
  const shown = (all: PsaConnectionStatus[]) => (isAdministrator(session) ? all : all.filter((status) => canImportFrom(session, status.psa)));
  const [connections, setConnections] = useState<PsaConnectionStatus[] | null>(null);
  const refresh = useCallback(() => void unwrap(api().psa.connections()).then(setConnections), []);
  const inWizard = wizard !== null;
  // Refreshed whenever the wizard closes: the connection may have changed meanwhile.
  useEffect(() => {
    if (!inWizard) refresh();
  }, [inWizard, refresh]);
  // When the wizard closes (Done, Cancel), focus goes to this page's heading, not to <body> with the button that had it.
  const heading = useRef<HTMLHeadingElement>(null);
  const wasInWizard = useRef(inWizard);
  useEffect(() => {
    if (wasInWizard.current && !inWizard) heading.current?.focus();
    wasInWizard.current = inWizard;
  }, [inWizard]);
  if (wizard) return <ImportWizard psa={wizard.psa} />;

  return (
    <>
      <header className="content-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('psa.title')}
        </h1>
        <p className="muted">{t('psa.intro')}</p>
      </header>
      <UnfinishedImports />
      {connections ? shown(connections).map((status) => <ConnectionCard key={status.psa} status={status} onChanged={refresh} />) : <p className="muted">{t('app.loading')}</p>}
      <PreviewsCard />
    </>
  );
}
