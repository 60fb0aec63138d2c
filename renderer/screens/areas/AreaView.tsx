import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import type { Area } from '../../store/slices/navigation.slice';
import { ManagedCompaniesArea } from './companies/ManagedCompaniesArea';
import { ImportHistoryArea } from './history/ImportHistoryArea';
import { PsaArea } from './psa/PsaArea';
import { TechnicianImportPage } from '../tech-import/TechnicianImportPage';
import { SettingsArea } from './SettingsArea';
import { TechniciansArea } from '../org/TechniciansArea';

/** Areas later issues fill; until then each shows what will appear there. */
export function AreaView({ area }: { readonly area: Area }) {
  const { t } = useTranslation();
  if (area === 'settings') return <SettingsArea />;
  if (area === 'psaImport') return <PsaArea />;
  if (area === 'managedCompanies') return <ManagedCompaniesArea />;
  if (area === 'importHistory') return <ImportHistoryArea />;
  if (area === 'technicians') return <TechniciansArea />;
  if (area === 'technicianImport') return <TechnicianImportPage />;
  return (
    <>
      <header className="content-header">
        <h1>{t(`areas.${area}.title`)}</h1>
      </header>
      <EmptyState title={t(`areas.${area}.emptyTitle`)} body={t(`areas.${area}.emptyBody`)} note={t('areas.comingSoon')} />
    </>
  );
}
