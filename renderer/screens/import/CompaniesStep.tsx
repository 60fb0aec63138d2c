import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { ImportCompanyRow, NotInPsaRow, ReconciliationView } from '../../../shared/import/session';
import { compactDate, displayLocale } from '../../app/format';
import { matchesSearch } from '../../app/search';
import { DataTable } from '../../components/data-table/DataTable';
import { useAppStore } from '../../store';
import { CompanyDetailsDialog } from './CompanyDetailsDialog';
import { buildPlan, effectiveChoice, NO_CHOICES, type CompanyChoice } from './plan-builder';

const STATUSES = ['unmapped', 'possible-duplicate', 'ambiguous-duplicate', 'mapped'] as const;

/** Step 3: "Companies in / not in <PSA>", selection, and "Manage" per company. */
/** `onBack` absent: there is no filter to go back to (a preview under review); `cancelLabel` says what Cancel does there. */
export function CompaniesStep({
  view,
  psaName,
  onImportAndMap,
  onBack,
  onCancel,
  cancelLabel,
}: {
  readonly view: ReconciliationView;
  readonly psaName: string;
  readonly onImportAndMap: () => void;
  readonly onBack?: () => void;
  readonly onCancel: () => void;
  readonly cancelLabel?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.language);
  const choices = useAppStore((state) => state.wizard?.choices ?? NO_CHOICES);
  const setSelected = useAppStore((state) => state.setSelected);
  const setCompanyChoice = useAppStore((state) => state.setCompanyChoice);
  const setCompanyNote = useAppStore((state) => state.setCompanyNote);
  const [tab, setTab] = useState<'in' | 'notIn'>('in');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ImportCompanyRow['status'] | 'all'>('all');
  const [managing, setManaging] = useState<ImportCompanyRow | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // After the first paint of the table (bench:table measures from the data's arrival to here).
    requestAnimationFrame(() => performance.mark('msp:companies-rendered'));
  }, []);
  const visible = useMemo(() => view.inPsa.filter((row) => (status === 'all' || row.status === status) && matchesSearch(row.name, search)), [view, status, search]);
  const selectedCount = Object.keys(choices.selected).length;
  const describe = (choice: CompanyChoice | null, row?: ImportCompanyRow) => {
    const action = !choice ? t('wizard.actionChoose') : choice.kind === 'create' ? t('wizard.actionCreate') : t('wizard.actionMap', { name: choice.managedCompanyName });
    return choice?.kind === 'map' && choice.updateName && row ? t('decisions.actionRename', { action, name: row.name }) : action;
  };
  const renamed = useMemo(() => view.inPsa.filter((row) => row.renamedFrom !== null && row.managedCompany !== null), [view]);
  const toggleRename = (row: ImportCompanyRow) => {
    const choice = effectiveChoice(row, choices);
    if (choice?.kind !== 'map' || row.managedCompany === null || choice.managedCompanyId !== row.managedCompany.id) return;
    const { updateName, ...rest } = choice;
    setCompanyChoice(row.psaCompanyId, updateName ? rest : { ...rest, updateName: true });
    if (!updateName) setSelected([row.psaCompanyId], true);
  };

  const columns = useMemo<Array<ColumnDef<ImportCompanyRow, unknown>>>(
    () => [
      {
        id: 'select',
        header: '',
        enableSorting: false,
        meta: { width: '44px', label: t('wizard.columns.select') },
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`${t('wizard.columns.select')} ${row.original.name}`}
            checked={choices.selected[row.original.psaCompanyId] === true}
            onChange={(event) => setSelected([row.original.psaCompanyId], event.target.checked)}
          />
        ),
      },
      // Names wrap (namesakes differ at the end); in a narrow table Type and the PSA status show under the name.
      { id: 'name', header: t('wizard.columns.name'), accessorFn: (row) => row.name, meta: { width: 'minmax(150px, 2fr)', wrap: true } },
      { id: 'status', header: t('wizard.columns.status'), accessorFn: (row) => t(`wizard.status.${row.status}`), meta: { width: 'minmax(140px, 1.2fr)', wrap: true } },
      { id: 'type', header: t('wizard.columns.type'), accessorFn: (row) => row.typeLabel ?? '', meta: { width: '80px', drop: 1, mergeInto: 'name' } },
      { id: 'active', header: t('wizard.columns.psaStatus', { psa: psaName }), accessorFn: (row) => (row.active ? t('wizard.active') : t('wizard.inactive')), meta: { width: '80px', drop: 2, mergeInto: 'name' } },
      { id: 'lastImport', header: t('wizard.columns.lastImport'), accessorFn: (row) => row.lastImportedAt ?? '', cell: ({ row }) => (row.original.lastImportedAt ? compactDate(row.original.lastImportedAt, i18n.language) : t('wizard.never')), meta: { width: '84px', wrap: true } },
      // A cell renderer, not an accessor: TanStack caches accessor values per row, and choices change while rows do not.
      {
        id: 'action',
        header: t('wizard.columns.action'),
        enableSorting: false,
        cell: ({ row }) => {
          const note = choices.notes[row.original.psaCompanyId];
          return (
            <>
              {describe(effectiveChoice(row.original, choices), row.original)}
              {note ? <span className="row-note">{t('review.noteShown', { note })}</span> : null}
            </>
          );
        },
        meta: { width: 'minmax(120px, 1.5fr)', wrap: true },
      },
      {
        id: 'manage',
        header: '',
        enableSorting: false,
        meta: { width: '80px', sticky: true, label: t('wizard.manage') },
        cell: ({ row }) => (
          <button type="button" className="ghost small" onClick={() => setManaging(row.original)} aria-label={`${t('wizard.manage')} ${row.original.name}`}>
            {t('wizard.manage')}
          </button>
        ),
      },
    ],
    // describe reads choices; the table re-renders when they change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, psaName, choices, setSelected],
  );

  // Virtualized like the companies in the PSA: tens of thousands of mappings can fall outside a narrow filter.
  const notInColumns = useMemo<Array<ColumnDef<NotInPsaRow, unknown>>>(
    () => [
      { id: 'managed', header: t('wizard.notInColumns.managedCompany'), accessorFn: (row) => row.managedCompany.name, meta: { width: 'minmax(160px, 2fr)', wrap: true } },
      { id: 'psaName', header: t('wizard.notInColumns.psaName', { psa: psaName }), accessorFn: (row) => row.psaNameAtMapping, meta: { width: 'minmax(160px, 2fr)', wrap: true } },
      { id: 'psaId', header: t('wizard.notInColumns.psaId', { psa: psaName }), accessorFn: (row) => row.psaCompanyId, meta: { width: '110px', wrap: true } },
      { id: 'lastImport', header: t('wizard.columns.lastImport'), accessorFn: (row) => row.lastImportedAt, cell: ({ row }) => compactDate(row.original.lastImportedAt, i18n.language), meta: { width: '84px', wrap: true } },
    ],
    [t, i18n.language, psaName],
  );

  const importAndMap = () => {
    const { plan, needsChoice } = buildPlan(view.inPsa, choices);
    if (needsChoice.length > 0) setProblem(t('wizard.needsChoice', { names: needsChoice.map((row) => row.name).join(', ') }));
    else if (plan.companies.length === 0) setProblem(t('wizard.nothingSelected'));
    else onImportAndMap();
  };

  return (
    <section className="wizard-step" aria-label={t('wizard.steps.companies')}>
      <h2 tabIndex={-1}>{t('wizard.steps.companies')}</h2>
      <Tabs className="tabs" selectedKey={tab} onSelectionChange={(key) => setTab(key === 'notIn' ? 'notIn' : 'in')}>
        <TabList className="tab-list" aria-label={t('wizard.steps.companies')}>
          <Tab id="in">
            {t('wizard.tabIn', { psa: psaName })} ({view.inPsa.length.toLocaleString(locale)})
          </Tab>
          <Tab id="notIn">
            {t('wizard.tabNotIn', { psa: psaName })} ({view.notInPsa.length.toLocaleString(locale)})
          </Tab>
        </TabList>
        <TabPanel id="in" className="tab-panel">
          <div className="table-toolbar">
            <input type="search" className="search" aria-label={t('companies.search')} placeholder={t('companies.search')} value={search} onChange={(event) => setSearch(event.target.value)} />
            <label>
              {t('wizard.statusFilter')}{' '}
              <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
                <option value="all">{t('wizard.allStatuses')}</option>
                {STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {t(`wizard.status.${value}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="ghost small" onClick={() => setSelected(visible.map((row) => row.psaCompanyId), true)}>
              {t('wizard.selectAll')}
            </button>
            <button type="button" className="ghost small" onClick={() => setSelected(visible.map((row) => row.psaCompanyId), false)}>
              {t('wizard.selectNone')}
            </button>
            <span className="muted" role="status">
              {t('wizard.selectedCount', { count: selectedCount })}
            </span>
          </div>
          {renamed.length > 0 ? (
            <section className="renamed-panel" aria-label={t('decisions.renamedTitle', { count: renamed.length, formatted: renamed.length.toLocaleString(locale), psa: psaName })}>
              <h3>{t('decisions.renamedTitle', { count: renamed.length, formatted: renamed.length.toLocaleString(locale), psa: psaName })}</h3>
              <ul>
                {renamed.map((row) => {
                  const choice = effectiveChoice(row, choices);
                  const applies = choice?.kind === 'map' && choice.managedCompanyId === row.managedCompany?.id;
                  const on = applies && choice.kind === 'map' && choice.updateName === true;
                  return (
                    <li key={row.psaCompanyId}>
                      <span>{t('decisions.renamed', { psa: psaName, from: row.renamedFrom, to: row.name })}</span>
                      <button type="button" className="ghost small" aria-pressed={on} disabled={!applies} onClick={() => toggleRename(row)} aria-label={`${t('decisions.updateName')}: ${row.renamedFrom ?? ''} → ${row.name}`}>
                        {t('decisions.updateName')}
                      </button>
                      {on ? <span className="muted">{t('decisions.nameUpdated', { name: row.name })}</span> : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : null}
          <DataTable
            rows={visible}
            columns={columns}
            rowId={(row) => row.psaCompanyId}
            label={t('wizard.tabIn', { psa: psaName })}
            onToggleRow={(row) => setSelected([row.psaCompanyId], choices.selected[row.psaCompanyId] !== true)}
          />
        </TabPanel>
        <TabPanel id="notIn" className="tab-panel">
          <p className="muted">{t('wizard.notInHelp')}</p>
          <DataTable rows={view.notInPsa} columns={notInColumns} rowId={(row) => row.psaCompanyId} label={t('wizard.tabNotIn', { psa: psaName })} fitRows />
        </TabPanel>
      </Tabs>
      {problem ? (
        <div className="alert" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </button>
        {onBack ? (
          <button type="button" onClick={onBack}>
            {t('common.back')}
          </button>
        ) : null}
        <button type="button" className="primary" onClick={importAndMap}>
          {t('wizard.importAndMap')}
        </button>
      </div>
      {managing ? (
        <CompanyDetailsDialog
          row={managing}
          psaName={psaName}
          current={effectiveChoice(managing, choices)}
          note={choices.notes[managing.psaCompanyId] ?? ''}
          onClose={() => setManaging(null)}
          onSave={(choice, note) => {
            if (choice) {
              setCompanyChoice(managing.psaCompanyId, choice);
              setSelected([managing.psaCompanyId], true);
            }
            setCompanyNote(managing.psaCompanyId, note);
            setManaging(null);
            setProblem(null);
          }}
        />
      ) : null}
    </section>
  );
}
