import type { TFunction } from 'i18next';
import { CHANGE_KINDS, type ChangeCounts, type CycleChangeRow } from '../../../../shared/import/history';
import { formatDateTime } from '../../../app/format';

export const formatWhen = formatDateTime;

/**
 * A cycle's change counts as sentences, none for kinds it did not make: what it did ("3 managed companies created"),
 * or, for the undo confirmation, what undoing it reverses ("3 managed companies created (removed again)").
 */
export function changeLines(t: TFunction, changes: ChangeCounts, as: 'done' | 'undo' = 'done'): string[] {
  const keys = (Object.keys(changes) as Array<keyof ChangeCounts>).filter((key) => changes[key] > 0);
  return keys.map((key) => (as === 'undo' ? t(`history.undoes.${key}`, { count: changes[key] }) : t(`history.changes.${key}`, { count: changes[key] })));
}

/** The CSV rows of a cycle's changes: one per change, the kind as a stable word a spreadsheet can filter on. */
export function changeCsvRows(rows: readonly CycleChangeRow[]): Array<Record<string, string>> {
  const order = new Map(CHANGE_KINDS.map((kind, index) => [kind, index]));
  return [...rows]
    .sort((a, b) => (order.get(a.change) ?? 0) - (order.get(b.change) ?? 0))
    .map((row) => ({ change: row.change, psaId: row.psaId, managedId: row.managedId, name: row.name, email: row.email, before: row.before, after: row.after }));
}
