import type { Area } from '../../store/slices/navigation.slice';
import { ManagedCompaniesArea } from './companies/ManagedCompaniesArea';
import { ImportHistoryArea } from './history/ImportHistoryArea';
import { PsaArea } from './psa/PsaArea';
import { TechnicianImportPage } from '../tech-import/TechnicianImportPage';
import { SettingsArea } from './SettingsArea';
import { TechniciansArea } from '../org/TechniciansArea';
import { DirectorySyncArea } from '../directory-sync/DirectorySyncArea';

/** The side navigation's areas, each its own screen. */
export function AreaView({ area }: { readonly area: Area }) {
  if (area === 'settings') return <SettingsArea />;
  if (area === 'psaImport') return <PsaArea />;
  if (area === 'managedCompanies') return <ManagedCompaniesArea />;
  if (area === 'importHistory') return <ImportHistoryArea />;
  if (area === 'technicians') return <TechniciansArea />;
  if (area === 'technicianImport') return <TechnicianImportPage />;
  return <DirectorySyncArea />;
}
