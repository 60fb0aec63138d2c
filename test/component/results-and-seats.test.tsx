/** The results page's error groups, the users step's seat counter and warning, and the Settings seats form. */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportResults, UserOutcome } from '../../shared/import/plan';
import { fail, ok } from '../../shared/ipc/result';
import { SettingsArea } from '../../renderer/screens/areas/SettingsArea';
import { ResultsStep } from '../../renderer/screens/import/ResultsStep';
import { SeatCounter, SeatWarning } from '../../renderer/screens/import/SeatCheck';
import { seatDemand } from '../../renderer/screens/import/seats';
import { NO_CHOICES, type WizardChoices } from '../../renderer/screens/import/plan-builder';
import { useAppStore } from '../../renderer/store';
import { unmappedCompanyRow } from '../support/company-rows';
import { gridSize, renderIn } from './render';

const failedUser = (index: number, error: UserOutcome['error'] = 'not-enough-licenses'): UserOutcome => ({
  psaContactId: `c${index}`,
  psaCompanyId: index % 2 ? 'p1' : 'p2',
  email: `user${index}@example.com`,
  outcome: 'failed',
  userId: null,
  error,
  detail: null,
});

function manyFailures(count: number): ImportResults {
  return {
    companies: [
      { psaCompanyId: 'p1', name: 'Bakkerij Het Korenaar', outcome: 'created', managedCompanyId: 'm1', error: null, detail: null },
      { psaCompanyId: 'p2', name: 'Fysiotherapie Zuid', outcome: 'created', managedCompanyId: 'm2', error: null, detail: null },
      { psaCompanyId: 'p3', name: 'Gone BV', outcome: 'failed', managedCompanyId: null, error: 'managed-company-gone', detail: null },
    ],
    users: [
      { psaContactId: 'ok', psaCompanyId: 'p1', email: 'ok@example.com', outcome: 'imported', userId: 'u1', error: null, detail: null },
      ...Array.from({ length: count }, (_, index) => failedUser(index)),
      failedUser(count, 'contact-without-email'),
    ],
  };
}

const names = new Map([
  ['p1', 'Bakkerij Het Korenaar'],
  ['p2', 'Fysiotherapie Zuid'],
]);

describe('the results page', () => {
  it('shows totals first, then one group per kind of error with its count, the largest open; Retry names how many failed', async () => {
    const onRetry = vi.fn();
    await renderIn('en', <ResultsStep results={manyFailures(1200)} failure={null} names={names} onDone={() => undefined} onRetry={onRetry} />);
    const totals = screen.getByRole('status');
    expect(totals.textContent).toContain('Companies: 2 created, 0 mapped, 1 failed');
    expect(totals.textContent).toContain('Users: 1 imported, 0 mapped, 1,201 failed');
    expect(totals.textContent).toContain('1 user granted access');
    const errors = screen.getByRole('region', { name: 'Errors' });
    const toggles = within(errors).getAllByRole('button', { expanded: true }).concat(within(errors).getAllByRole('button', { expanded: false }));
    expect(toggles.map((toggle) => toggle.textContent)).toEqual([
      expect.stringContaining('You do not have enough available licenses1,200 errors'),
      expect.stringContaining('1 error'),
      expect.stringContaining('1 error'),
    ]);
    // One list per open group: the license group, labelled by its message.
    expect(screen.getAllByRole('grid')).toHaveLength(1);
    expect(screen.getByRole('grid', { name: 'Errors: You do not have enough available licenses' }).getAttribute('aria-rowcount')).toBe('1201');
    await userEvent.click(screen.getByRole('button', { name: 'Retry the 1,202 failed items' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('searches within a group, and opens and closes groups', async () => {
    await renderIn('en', <ResultsStep results={manyFailures(30)} failure={null} names={names} onDone={() => undefined} />);
    const search = screen.getByRole('searchbox', { name: 'Search errors: You do not have enough available licenses' });
    fireEvent.change(search, { target: { value: 'user7@' } });
    expect(screen.getByText('1 of 30 errors shown')).toBeTruthy();
    expect(screen.getByRole('grid', { name: /enough available licenses/ }).getAttribute('aria-rowcount')).toBe('2');
    fireEvent.change(search, { target: { value: 'nobody' } });
    expect(screen.getByText('No error matches “nobody”.')).toBeTruthy();
    expect(screen.queryAllByRole('grid')).toHaveLength(0);
    fireEvent.change(search, { target: { value: '' } });
    // No retry offered where the page was given none (an import that never ran).
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    const gone = screen.getByRole('button', { name: /The managed company to map to no longer exists/ });
    await userEvent.click(gone);
    expect(gone.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('grid')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: /enough available licenses/ }));
    expect(screen.getAllByRole('grid')).toHaveLength(1);
  });

  it('speaks Dutch with Dutch numbers and plurals', async () => {
    await renderIn('nl', <ResultsStep results={manyFailures(1200)} failure={null} names={names} onDone={() => undefined} onRetry={() => undefined} />);
    expect(screen.getByRole('status').textContent).toContain('1.201 mislukt');
    expect(screen.getByRole('button', { name: /1\.200 fouten/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'De 1.202 mislukte items opnieuw proberen' })).toBeTruthy();
  });

  it('says clearly when a retry was refused because the lock was taken over, and offers no second retry', async () => {
    await renderIn('en', <ResultsStep results={manyFailures(3)} failure={null} names={names} onDone={() => undefined} onRetry={() => undefined} retry={{ busy: false, lockLost: true, last: null }} />);
    expect(screen.getByRole('alert').textContent).toContain('the lock on this integration was released or taken over since the import');
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });
});

const company = (psaCompanyId: string, name: string, contacts: number) => unmappedCompanyRow(psaCompanyId, contacts, name);

describe('seats on the users step', () => {
  // Who gets seats is a grid the size of the dialog's list.
  gridSize({ clientWidth: 600, clientHeight: 300 });
  const rows = [company('a', 'Alpha', 40), company('b', 'Beta', 6), company('c', 'Gamma', 12)];
  const choices: WizardChoices = { ...NO_CHOICES, selected: { a: true, b: true, c: true }, users: { a: 'all', b: 'all', c: { x: { kind: 'create' }, y: { kind: 'create' } } } };

  it('counts what is selected against the seats free, with plurals and the language’s number format', async () => {
    const view = await renderIn('en', <SeatCounter selected={1360} free={1} />);
    expect(screen.getByRole('status').textContent).toBe('1,360 contacts selected · 1 seat free');
    view.unmount();
    await renderIn('nl', <SeatCounter selected={1} free={2500} />);
    expect(screen.getByRole('status').textContent).toBe('1 contactpersoon geselecteerd · 2.500 licenties vrij');
  });

  it('warns when the selection exceeds the free seats and lets the technician choose, those chosen explicitly first', async () => {
    const demand = seatDemand(rows, choices);
    const onChoose = vi.fn();
    const onContinueAnyway = vi.fn();
    await renderIn('en', <SeatWarning demand={demand} free={10} onChoose={onChoose} onContinueAnyway={onContinueAnyway} />);
    expect(screen.getByText('Not enough licenses: 48 contacts are selected, but only 10 seats are free. Contacts beyond the free seats would fail.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Choose who gets seats' }));
    const dialog = screen.getByRole('dialog', { name: 'Who gets seats' });
    const boxes = within(dialog).getAllByRole('checkbox');
    // Gamma's contacts were chosen under Manage users: listed first and kept; Beta still fits; Alpha does not.
    expect(boxes.map((box) => [box.closest('label')?.textContent, (box as HTMLInputElement).checked])).toEqual([
      ['Gamma: 2 contacts · chosen under Manage users', true],
      ['Alpha: 40 contacts', false],
      ['Beta: 6 contacts', true],
    ]);
    expect(within(dialog).getByRole('status').textContent).toBe('8 of 10 free seats used');
    await userEvent.click(boxes[2]!);
    expect(within(dialog).getByRole('status').textContent).toBe('2 of 10 free seats used');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use this selection' }));
    expect([...(onChoose.mock.calls[0]![0] as Set<string>)]).toEqual(['c']);
    await userEvent.click(screen.getByRole('button', { name: 'Continue anyway' }));
    expect(onContinueAnyway).toHaveBeenCalledOnce();
  });
});

describe('license seats in Settings', () => {
  afterEach(() => {
    useAppStore.setState({ session: null });
  });

  it('shows the core’s refusal of seats below the number in use, and of negative numbers, at the field', async () => {
    const setLicenseSeats = vi.fn(async ({ seats }: { seats: number }) =>
      seats < 0 ? fail('SEATS_NEGATIVE', 'negative') : seats < 7 ? fail('SEATS_BELOW_IN_USE', 'below', { inUse: '7' }) : ok({ seats, inUse: 7 }),
    );
    Object.defineProperty(window, 'api', {
      configurable: true,
      value: {
        vault: { status: async () => ok({ mode: 'keychain', backend: 'test', reason: null }) },
        app: { info: async () => ok({ version: '0.1.0', dataDir: '/tmp/x' }) },
        workspace: { status: async () => ok({ current: { kind: 'local', file: '/tmp/x/workspace.sqlite' }, teams: [], unavailable: null }) },
        settings: { licenses: async () => ok({ seats: 10, inUse: 7 }), setLicenseSeats, setLanguage: async () => ok({ language: 'system' }) },
      },
    });
    useAppStore.setState({ session: { adminId: 'a', name: 'Mira', email: 'mira@example.com', role: 'master_admin', mustChangePassword: false, rights: ['import:autotask', 'import:connectwise', 'companies:view', 'companies:manage', 'export'] } });
    await renderIn('en', <SettingsArea />);
    const field = await screen.findByLabelText('Total licenses');
    await userEvent.clear(field);
    await userEvent.type(field, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('7 licenses are in use, so the total cannot be lower. Remove users’ access first, or enter at least 7.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(field);
    await userEvent.type(field, '-3');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The number of licenses cannot be negative. Enter 0 or more.');
    await userEvent.clear(field);
    await userEvent.type(field, '12');
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByText(/7 of 12 are in use/)).toBeTruthy();
    expect(setLicenseSeats.mock.calls.map(([input]) => input.seats)).toEqual([5, -3, 12]);
  });
});
