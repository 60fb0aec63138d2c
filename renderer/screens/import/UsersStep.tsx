import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCompanyRow, ReconciliationView } from '../../../shared/import/session';
import { matchesSearch } from '../../app/search';
import { DataTable } from '../../components/data-table/DataTable';
import { useAppStore } from '../../store';
import { ManageUsersDialog } from './ManageUsersDialog';
import { effectiveChoice, NO_CHOICES } from './plan-builder';

/** Step 4: "Companies to import and map", with "Manage users" per company. */
export function UsersStep({ view, sessionId, onBack, onContinue }: { readonly view: ReconciliationView; readonly sessionId: string; readonly onBack: () => void; readonly onContinue: () => void }) {
  const { t } = useTranslation();
  const choices = useAppStore((state) => state.wizard?.choices ?? NO_CHOICES);
  const setUserChoices = useAppStore((state) => state.setUserChoices);
  const [managing, setManaging] = useState<ImportCompanyRow | null>(null);
  const [search, setSearch] = useState('');
  const selected = useMemo(() => view.inPsa.filter((row) => choices.selected[row.psaCompanyId]), [view, choices.selected]);
  const visible = useMemo(() => selected.filter((row) => matchesSearch(row.name, search)), [selected, search]);
  const targetOf = (row: ImportCompanyRow) => {
    const choice = effectiveChoice(row, choices);
    return choice?.kind === 'map' ? choice.managedCompanyId : null;
  };

  const columns = useMemo<Array<ColumnDef<ImportCompanyRow, unknown>>>(
    () => [
      { id: 'name', header: t('wizard.columns.name'), accessorFn: (row) => row.name, meta: { width: 'minmax(180px, 2fr)' } },
      {
        id: 'action',
        header: t('wizard.columns.action'),
        enableSorting: false,
        meta: { width: 'minmax(160px, 1fr)', wrap: true },
        cell: ({ row }) => {
          const choice = effectiveChoice(row.original, choices);
          return choice?.kind === 'map' ? t('wizard.actionMap', { name: choice.managedCompanyName }) : t('wizard.actionCreate');
        },
      },
      {
        id: 'users',
        header: t('wizard.columns.contacts'),
        enableSorting: false,
        meta: { width: 'minmax(160px, 1fr)', wrap: true },
        cell: ({ row }) => {
          const chosen = choices.users[row.original.psaCompanyId];
          return chosen === 'all' ? t('wizard.usersAll', { count: row.original.contacts }) : chosen ? t('wizard.usersChosen', { count: Object.keys(chosen).length }) : t('wizard.usersDefault');
        },
      },
      {
        id: 'manage',
        header: '',
        enableSorting: false,
        meta: { width: '164px', sticky: true, label: t('wizard.manageUsers') },
        cell: ({ row }) => (
          <button type="button" className="small" onClick={() => setManaging(row.original)} aria-label={`${t('wizard.manageUsers')} ${row.original.name}`}>
            {t('wizard.manageUsers')}
          </button>
        ),
      },
    ],
    [t, choices],
  );

  return (
    <section className="wizard-step" aria-label={t('wizard.usersTitle')}>
      <h2 tabIndex={-1}>{t('wizard.usersTitle')}</h2>
      <p className="muted">{t('wizard.usersIntro')}</p>
      <div className="table-toolbar">
        <input type="search" className="search" aria-label={t('companies.search')} placeholder={t('companies.search')} value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="button" className="ghost small" onClick={() => setUserChoices(selected.map((row) => row.psaCompanyId), 'all')}>
          {t('wizard.grantAll')}
        </button>
      </div>
      <DataTable rows={visible} columns={columns} rowId={(row) => row.psaCompanyId} label={t('wizard.usersTitle')} fitRows />
      <div className="actions">
        <button type="button" className="ghost" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="primary" onClick={onContinue}>
          {t('wizard.continue')}
        </button>
      </div>
      {managing ? (
        <ManageUsersDialog
          sessionId={sessionId}
          row={managing}
          managedCompanyId={targetOf(managing)}
          current={choices.users[managing.psaCompanyId]}
          onClose={() => setManaging(null)}
          onSave={(users) => {
            setUserChoices([managing.psaCompanyId], users);
            setManaging(null);
          }}
        />
      ) : null}
    </section>
  );
}
