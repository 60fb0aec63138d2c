import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedCompany } from '../../../../shared/directory/schemas';
import { sortByText } from '../../../../shared/i18n/collate';
import { api, unwrap } from '../../../api/client';
import { compactDate, formatNumber } from '../../../app/format';
import { matchesSearch } from '../../../app/search';
import { useDirectoryChanged } from '../../../app/use-directory-changed';
import { useSubmit } from '../../../app/use-submit';
import { DataTable } from '../../../components/data-table/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { areasFor, can, isMasterAdministrator } from '../../../app/permissions';
import { useAppStore } from '../../../store';
import { NewCompanyForm } from './NewCompanyForm';
import { RemoveCompanyDialog } from './RemoveCompanyDialog';
import { NoMatch } from '../../../components/NoMatch';

/** The managed-companies directory: search, create by hand, remove. */
export function ManagedCompaniesArea() {
  const { t, i18n } = useTranslation();
  const session = useAppStore((state) => state.session);
  const isMaster = isMasterAdministrator(session);
  const mayManage = can(session, 'companies:manage');
  const mayImport = areasFor(session, ['psaImport']).length > 0;
  const goTo = useAppStore((state) => state.goTo);
  const [companies, setCompanies] = useState<ManagedCompany[] | null>(null);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<ManagedCompany | null>(null);
  const { error, run } = useSubmit();
  const refresh = useCallback(() => void run(async () => setCompanies(await unwrap(api().directory.listCompanies()))), [run]);
  useEffect(refresh, [refresh]);
  // Another workstation (or window) changed the directory: the list follows; search and scroll stay as they are.
  // Not through `run`, which drops a call while one is under way: a change heard then must still be fetched. Only
  // the answer to the latest request is shown; a failure here says nothing (the next change or visit asks again).
  const latestFollow = useRef(0);
  const follow = useCallback(() => {
    const request = ++latestFollow.current;
    unwrap(api().directory.listCompanies()).then(
      (list) => {
        if (request === latestFollow.current) setCompanies(list);
      },
      () => undefined,
    );
  }, []);
  useDirectoryChanged(follow);

  const gone = useMemo(() => (companies ?? []).filter((company) => company.mappings.some((mapping) => mapping.goneFromPsa)).length, [companies]);
  // By name in the language's order (Çelik Bouw right after Bakker); the table's headers sort further.
  const ordered = useMemo(() => sortByText(companies ?? [], (company) => company.name, i18n.language), [companies, i18n.language]);
  const visible = useMemo(() => ordered.filter((company) => matchesSearch(company.name, search)), [ordered, search]);
  const columns = useMemo<Array<ColumnDef<ManagedCompany, unknown>>>(
    () => [
      { id: 'name', header: t('companies.columns.name'), accessorFn: (row) => row.name, meta: { width: 'minmax(160px, 2fr)', wrap: true } },
      { id: 'origin', header: t('companies.columns.origin'), accessorFn: (row) => t(`companies.origin.${row.origin}`), meta: { width: '110px', wrap: true } },
      {
        id: 'psa',
        header: t('companies.columns.psa'),
        accessorFn: (row) => row.mappings.map((mapping) => `${t(`psa.${mapping.psa}`)} #${mapping.psaCompanyId}`).join(', '),
        meta: { width: 'minmax(100px, 1fr)', wrap: true },
        cell: ({ row }) => (
          <span className="mappings">
            {row.original.mappings.map((mapping, index) => (
              <span key={`${mapping.psa}:${mapping.psaCompanyId}`}>
                {index > 0 ? ', ' : ''}
                {`${t(`psa.${mapping.psa}`)} #${mapping.psaCompanyId}`}
                {mapping.goneFromPsa ? (
                  <span className="badge warn gone" title={t('decisions.goneExplained', { psa: t(`psa.${mapping.psa}`), id: mapping.psaCompanyId })}>
                    {t('decisions.goneFromPsa', { psa: t(`psa.${mapping.psa}`) })}
                  </span>
                ) : null}
              </span>
            ))}
          </span>
        ),
      },
      { id: 'users', header: t('companies.columns.users'), accessorFn: (row) => row.users, meta: { width: '90px' }, cell: ({ row }) => t('companies.usersCell', { licensed: row.original.licensedUsers, total: row.original.users }) },
      {
        id: 'lastImport',
        header: t('decisions.lastImportColumn'),
        accessorFn: (row) => row.lastImportedAt ?? '',
        cell: ({ row }) => (row.original.lastImportedAt ? compactDate(row.original.lastImportedAt, i18n.language) : t('wizard.never')),
        meta: { width: '90px', wrap: true },
      },
      // Left out of a narrow table: the last import tells more.
      { id: 'created', header: t('companies.columns.created'), accessorFn: (row) => row.createdAt, cell: ({ row }) => compactDate(row.original.createdAt, i18n.language), meta: { width: '110px', wrap: true, drop: 1 } },
      {
        id: 'actions',
        header: '',
        enableSorting: false,
        meta: { width: '100px', sticky: true },
        cell: ({ row }) =>
          isMaster ? (
            <button type="button" className="ghost small" onClick={() => setRemoving(row.original)}>
              {t('companies.remove')}
            </button>
          ) : null,
      },
    ],
    [t, i18n.language, isMaster],
  );

  return (
    <>
      <header className="content-header with-actions">
        <h1>{t('companies.title')}</h1>
        {mayManage ? (
          <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
            {t('companies.new')}
          </button>
        ) : null}
      </header>
      {creating ? (
        <NewCompanyForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            refresh();
          }}
        />
      ) : null}
      <ErrorAlert code={error} />
      {companies === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : companies.length === 0 ? (
        <EmptyState title={t('companies.emptyTitle')} body={t('companies.emptyBody')}>
          {mayImport ? (
            <button type="button" className="primary" onClick={() => goTo('psaImport')}>
              {t('companies.importFromPsa')}
            </button>
          ) : null}
        </EmptyState>
      ) : (
        <section className="panel wide fill">
          {gone > 0 ? (
            <p className="status warn" data-testid="gone-summary">
              {t('decisions.goneCount', { count: gone, formatted: formatNumber(gone, i18n.language) })}
            </p>
          ) : null}
          <div className="table-toolbar">
            <input type="search" className="search" placeholder={t('companies.search')} aria-label={t('companies.search')} value={search} onChange={(event) => setSearch(event.target.value)} />
            <span className="muted" role="status">
              {t('companies.count', { shown: visible.length, count: companies.length })}
            </span>
          </div>
          {visible.length === 0 ? (
            <NoMatch message={t('companies.noMatch', { search })} onClear={() => setSearch('')} />
          ) : (
            <DataTable rows={visible} columns={columns} rowId={(row) => row.id} label={t('companies.title')} />
          )}
        </section>
      )}
      {removing ? (
        <RemoveCompanyDialog
          company={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setRemoving(null);
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
