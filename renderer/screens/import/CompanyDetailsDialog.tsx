import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedCompany } from '../../../shared/directory/schemas';
import type { ImportCompanyRow } from '../../../shared/import/session';
import { api, unwrap } from '../../api/client';
import { matchesSearch } from '../../app/search';
import { Dialog } from '../../components/Dialog';
import type { CompanyChoice } from './plan-builder';

/** "Manage" → Company details: use an existing managed company, or (un)map and create a new one. */
export function CompanyDetailsDialog({ row, current, onSave, onClose }: { readonly row: ImportCompanyRow; readonly current: CompanyChoice | null; readonly onSave: (choice: CompanyChoice) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [companies, setCompanies] = useState<ManagedCompany[]>([]);
  const [search, setSearch] = useState(row.name);
  const [picked, setPicked] = useState<{ id: string; name: string } | 'new' | null>(current?.kind === 'map' ? { id: current.managedCompanyId, name: current.managedCompanyName } : current?.kind === 'create' ? 'new' : null);
  useEffect(() => void unwrap(api().directory.listCompanies()).then(setCompanies), []);
  const matches = useMemo(() => companies.filter((company) => matchesSearch(company.name, search)).slice(0, 50), [companies, search]);
  const replacing = row.status === 'mapped' && row.managedCompany ? row.managedCompany.id : undefined;

  const save = () => {
    if (picked === null) return;
    const moving = replacing && (picked === 'new' || picked.id !== replacing) ? { replacing } : {};
    onSave(picked === 'new' ? { kind: 'create', ...moving } : { kind: 'map', managedCompanyId: picked.id, managedCompanyName: picked.name, ...moving });
  };

  return (
    <Dialog title={`${t('wizard.companyDetails')}: ${row.name}`} onClose={onClose}>
      <input type="search" className="search" aria-label={t('wizard.searchManaged')} placeholder={t('wizard.searchManaged')} value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
      <ul className="pick-list" role="listbox" aria-label={t('wizard.searchManaged')}>
        {matches.map((company) => (
          <li key={company.id} role="option" aria-selected={picked !== 'new' && picked?.id === company.id}>
            <button type="button" className="ghost" onClick={() => setPicked({ id: company.id, name: company.name })}>
              {company.name}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className={picked === 'new' ? 'chosen' : ''} aria-pressed={picked === 'new'} onClick={() => setPicked('new')}>
        {replacing ? t('wizard.unmapCreate') : t('wizard.createNew')}
      </button>
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={save} disabled={picked === null}>
          {t('common.save')}
        </button>
      </div>
    </Dialog>
  );
}
