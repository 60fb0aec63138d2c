import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCompanyRow, ReconciliationView } from '../../../shared/import/session';
import { api, unwrap } from '../../api/client';
import { matchesSearch } from '../../app/search';
import { DataTable } from '../../components/data-table/DataTable';
import { useAppStore } from '../../store';
import { ManageUsersDialog } from './ManageUsersDialog';
import { useWizardSources } from './wizard-sources';
import { effectiveChoice, NO_CHOICES, type UserSelection } from './plan-builder';
import { SeatCounter, SeatWarning } from './SeatCheck';
import { freeSeats, seatDemand } from './seats';

/** Step 4: "Companies to import and map", with "Manage users" per company. */
/** `continueLabel`: what Continue does here (in a preview under review: apply to this workspace). */
export function UsersStep({ view, onBack, onContinue, continueLabel }: { readonly view: ReconciliationView; readonly onBack: () => void; readonly onContinue: () => void; readonly continueLabel?: string }) {
  const { t } = useTranslation();
  const choices = useAppStore((state) => state.wizard?.choices ?? NO_CHOICES);
  const setUserChoices = useAppStore((state) => state.setUserChoices);
  const replaceUserChoices = useAppStore((state) => state.replaceUserChoices);
  const [managing, setManaging] = useState<ImportCompanyRow | null>(null);
  const [search, setSearch] = useState('');
  const selected = useMemo(() => view.inPsa.filter((row) => choices.selected[row.psaCompanyId]), [view, choices.selected]);
  const visible = useMemo(() => selected.filter((row) => matchesSearch(row.name, search)), [selected, search]);
  // Seats: asked for by the selection, free in the pool (read again when the window regains focus: Settings may have changed them).
  const [licenses, setLicenses] = useState<{ readonly seats: number; readonly inUse: number } | null>(null);
  useEffect(() => {
    const load = () => void unwrap(api().settings.licenses()).then(setLicenses, () => undefined);
    load();
    window.addEventListener('focus', load);
    return () => window.removeEventListener('focus', load);
  }, []);
  const demand = useMemo(() => seatDemand(view.inPsa, choices), [view, choices]);
  const free = licenses ? freeSeats(licenses) : null;
  // Offline, this workstation's seats are not the workspace's the preview is for: the apply-later checks them there.
  const offline = useWizardSources().offline;
  const short = !offline && free !== null && demand.total > free;
  const warning = useRef<HTMLParagraphElement>(null);
  /** The contact choices before the last "every contact" / "no contact", for its undo. */
  const [undo, setUndo] = useState<{ readonly action: 'all' | 'none'; readonly users: Readonly<Record<string, UserSelection>> } | null>(null);
  const grant = (action: 'all' | 'none') => {
    setUndo({ action, users: choices.users });
    setUserChoices(
      selected.map((row) => row.psaCompanyId),
      action === 'all' ? 'all' : {},
    );
  };
  const keepSeats = (keep: ReadonlySet<string>) => {
    const next = { ...choices.users };
    for (const entry of demand.companies) if (!keep.has(entry.row.psaCompanyId)) delete next[entry.row.psaCompanyId];
    setUndo(null);
    replaceUserChoices(next);
  };
  const targetOf = (row: ImportCompanyRow) => {
    const choice = effectiveChoice(row, choices);
    return choice?.kind === 'map' ? choice.managedCompanyId : null;
  };

  const columns = useMemo<Array<ColumnDef<ImportCompanyRow, unknown>>>(
    () => [
      { id: 'name', header: t('wizard.columns.name'), accessorFn: (row) => row.name, meta: { width: 'minmax(180px, 2fr)', wrap: true } },
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
          if (chosen === 'all') return t('wizard.usersAll', { count: row.original.contacts });
          if (!chosen) return t('wizard.usersDefault');
          const count = Object.keys(chosen).length;
          return count === 0 ? t('wizard.usersNone') : t('wizard.usersChosen', { count });
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
        <button type="button" className="ghost small" onClick={() => grant('all')}>
          {t('wizard.grantAll')}
        </button>
        <button type="button" className="ghost small" onClick={() => grant('none')}>
          {t('wizard.grantNone')}
        </button>
        {undo ? (
          <button
            type="button"
            className="ghost small"
            onClick={() => {
              replaceUserChoices(undo.users);
              setUndo(null);
            }}
          >
            {t(undo.action === 'all' ? 'wizard.undoGrantAll' : 'wizard.undoGrantNone')}
          </button>
        ) : null}
      </div>
      <DataTable rows={visible} columns={columns} rowId={(row) => row.psaCompanyId} label={t('wizard.usersTitle')} fitRows />
      <SeatCounter selected={demand.total} free={offline ? null : free} />
      {short && free !== null ? <SeatWarning demand={demand} free={free} onChoose={keepSeats} onContinueAnyway={onContinue} focusRef={warning} /> : null}
      <div className="actions">
        <button type="button" className="ghost" onClick={onBack}>
          {t('common.back')}
        </button>
        {/* Short of seats, Continue first points at the warning; "Continue anyway" there goes on. */}
        <button type="button" className="primary" onClick={() => (short ? warning.current?.focus() : onContinue())}>
          {continueLabel ?? t('wizard.continue')}
        </button>
      </div>
      {managing ? (
        <ManageUsersDialog
          row={managing}
          managedCompanyId={targetOf(managing)}
          current={choices.users[managing.psaCompanyId]}
          onClose={() => setManaging(null)}
          onSave={(users) => {
            setUserChoices([managing.psaCompanyId], users);
            setUndo(null);
            setManaging(null);
          }}
        />
      ) : null}
    </section>
  );
}
