/**
 * Licenses before they run out, on the users step: a running "N selected ·
 * M seats free", and — when the selection asks for more seats than are free —
 * a warning before Continue that lets the technician choose who gets seats.
 * Which companies keep their contacts is decided by `allocateSeats` (pure).
 */
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useId, useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table/DataTable';
import { Dialog } from '../../components/Dialog';
import { allocateSeats, type SeatDemand } from './seats';

export function SeatCounter({ selected, free }: { readonly selected: number; readonly free: number | null }) {
  const { t } = useTranslation();
  const short = free !== null && selected > free;
  return (
    <p role="status" className={short ? 'seat-counter short' : 'seat-counter'}>
      {t('wizard.seatsSelected', { count: selected })}
      {free === null ? '' : ` · ${t('wizard.seatsFree', { count: free })}`}
    </p>
  );
}

interface SeatWarningProps {
  readonly demand: { readonly companies: readonly SeatDemand[]; readonly total: number };
  readonly free: number;
  /** The companies that keep their selected contacts; the others go back to those imported before. */
  readonly onChoose: (keep: ReadonlySet<string>) => void;
  readonly onContinueAnyway: () => void;
  /** Continue moves focus here while the selection is short of seats. */
  readonly focusRef?: Ref<HTMLParagraphElement>;
}

/** Shown while the selection asks for more seats than are free: what happens, and the choices. */
export function SeatWarning({ demand, free, onChoose, onContinueAnyway, focusRef }: SeatWarningProps) {
  const { t } = useTranslation();
  const heading = useId();
  const [choosing, setChoosing] = useState(false);
  return (
    <section className="seat-warning" aria-labelledby={heading}>
      <p id={heading} ref={focusRef} tabIndex={-1} className="alert-title">
        {t('wizard.seatsShort', { count: free, needed: demand.total })}
      </p>
      <p className="muted">{t('wizard.seatsShortHint')}</p>
      <div className="actions">
        <button type="button" onClick={() => setChoosing(true)}>
          {t('wizard.seatsChoose')}
        </button>
        <button type="button" onClick={onContinueAnyway}>
          {t('wizard.seatsContinueAnyway')}
        </button>
      </div>
      {choosing ? (
        <ChooseSeatsDialog
          demand={demand.companies}
          free={free}
          onClose={() => setChoosing(false)}
          onSave={(keep) => {
            setChoosing(false);
            onChoose(keep);
          }}
        />
      ) : null}
    </section>
  );
}

/** Fits the dialog in a 640 px window with its intro, counter and buttons. */
const SEAT_LIST_HEIGHT = 300;

/** "Choose who gets seats": companies with their seats, preselected as `allocateSeats` would, those chosen explicitly first. */
export function ChooseSeatsDialog({ demand, free, onSave, onClose }: { readonly demand: readonly SeatDemand[]; readonly free: number; readonly onSave: (keep: ReadonlySet<string>) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState<ReadonlySet<string>>(() => allocateSeats(demand, free));
  const ordered = useMemo(() => [...demand.filter((entry) => entry.explicit), ...demand.filter((entry) => !entry.explicit)], [demand]);
  const used = demand.reduce((sum, entry) => (kept.has(entry.row.psaCompanyId) ? sum + entry.seats : sum), 0);
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setKept((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  // A grid, not a list of checkboxes: one Tab stop and only the rows in view, so 2,000 companies open at once.
  const columns = useMemo<Array<ColumnDef<SeatDemand, unknown>>>(
    () => [
      {
        id: 'company',
        header: t('wizard.columns.name'),
        enableSorting: false,
        meta: { width: 'minmax(200px, 1fr)', wrap: true },
        cell: ({ row }) => (
          <label className="seat-choice">
            <input type="checkbox" checked={kept.has(row.original.row.psaCompanyId)} onChange={(event) => toggle(row.original.row.psaCompanyId, event.target.checked)} />
            <span>
              {t('wizard.companySeats', { name: row.original.row.name, count: row.original.seats })}
              {row.original.explicit ? <span className="muted"> · {t('wizard.chosenExplicitly')}</span> : null}
            </span>
          </label>
        ),
      },
    ],
    [t, kept, toggle],
  );
  return (
    <Dialog title={t('wizard.seatsDialogTitle')} onClose={onClose}>
      <p className="muted">{t('wizard.seatsDialogIntro')}</p>
      <p role="status" className={used > free ? 'seat-counter short' : 'seat-counter'}>
        {t('wizard.seatsUsed', { count: free, used })}
      </p>
      <DataTable
        rows={ordered}
        columns={columns}
        rowId={(entry) => entry.row.psaCompanyId}
        label={t('wizard.seatsDialogTitle')}
        height={SEAT_LIST_HEIGHT}
        fitRows
        className="wrap seat-list"
        onToggleRow={(entry) => toggle(entry.row.psaCompanyId, !kept.has(entry.row.psaCompanyId))}
      />
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => onSave(kept)}>
          {t('wizard.seatsApply')}
        </button>
      </div>
    </Dialog>
  );
}
