import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { UndoDialog } from '../../renderer/screens/areas/history/UndoDialog';
import { EMPTY_CYCLE_COUNTS, type ImportCycle } from '../../shared/import/history';
import type { IpcResult } from '../../shared/ipc/result';
import { renderIn } from './render';

const cycle: ImportCycle = {
  id: 'cycle-1',
  psa: 'autotask',
  actorName: 'Mira Jansen',
  startedAt: '2026-11-30T10:00:00.000Z',
  finishedAt: '2026-11-30T10:00:01.000Z',
  filter: null,
  status: 'completed',
  counts: { ...EMPTY_CYCLE_COUNTS, changes: { ...EMPTY_CYCLE_COUNTS.changes, companiesCreated: 1, usersCreated: 12, seatsGranted: 3 } },
  undoneAt: null,
  undoneBy: null,
  undoable: true,
};

function withUndo(result: IpcResult<ImportCycle>) {
  const undo = vi.fn(async () => result);
  Object.defineProperty(window, 'api', { value: { history: { undo } }, configurable: true });
  return undo;
}

describe('UndoDialog', () => {
  it('names what will be reversed, with plurals, in Dutch', async () => {
    withUndo({ ok: true, value: { ...cycle, status: 'undone', undoable: false } });
    await renderIn('nl', <UndoDialog cycle={cycle} when="30-11-2026 11:00" onClose={() => undefined} onUndone={() => undefined} />);
    const dialog = screen.getByRole('alertdialog', { name: 'De import van 30-11-2026 11:00 ongedaan maken?' });
    const lines = [...dialog.querySelectorAll('li')].map((item) => item.textContent);
    expect(lines).toEqual(['1 beheerd bedrijf aangemaakt (wordt weer verwijderd)', '12 gebruikers aangemaakt (worden weer verwijderd)', '3 licenties toegekend (worden teruggegeven)']);
  });

  it('undoes on confirmation, and shows a refusal’s reason with the company it names', async () => {
    const undo = withUndo({ ok: false, error: { code: 'UNDO_COMPANY_RENAMED', message: 'renamed', fields: { name: 'Acme B.V.', now: 'Acme Holding' } } });
    const onUndone = vi.fn();
    await renderIn('en', <UndoDialog cycle={cycle} when="30 Nov" onClose={() => undefined} onUndone={onUndone} />);
    await userEvent.click(screen.getByRole('button', { name: 'Undo the import' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The undo was refused: “Acme B.V.” was renamed to “Acme Holding” after this import. Give it its old name back, or keep the import.'));
    expect(undo).toHaveBeenCalledWith({ id: 'cycle-1' });
    expect(onUndone).not.toHaveBeenCalled();
  });
});
