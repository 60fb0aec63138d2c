/**
 * The managed companies list follows the directory: when main says it changed (another workstation's import or
 * new company), the list is fetched again and shown, with the technician's search kept; a burst of changes is one
 * fetch per quarter second at most, and this window's own import applying refetches once, when it ends.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedCompany } from '../../shared/directory/schemas';
import type { AppApi } from '../../shared/ipc/api';
import { DIRECTORY_REFETCH_EVERY_MS } from '../../renderer/app/use-directory-changed';
import { ManagedCompaniesArea } from '../../renderer/screens/areas/companies/ManagedCompaniesArea';
import { useAppStore } from '../../renderer/store';
import { gridSize, renderIn } from './render';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));

const company = (id: string, name: string): ManagedCompany => ({ id, name, origin: 'psa-import', createdAt: '2026-11-30T10:00:00.000Z', lastImportedAt: null, users: 0, licensedUsers: 0, mappings: [] });
let directory: ManagedCompany[] = [];
let fetches = 0;

const fakeApi = {
  on: (event: string, listener: Listener) => {
    const set = listeners.get(event) ?? listeners.set(event, new Set()).get(event)!;
    set.add(listener);
    return () => set.delete(listener);
  },
  directory: {
    listCompanies: () => {
      fetches++;
      return Promise.resolve({ ok: true, value: directory });
    },
  },
} as unknown as AppApi;

const sleep = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

beforeEach(() => {
  Object.defineProperty(window, 'api', { value: fakeApi, configurable: true });
  listeners.clear();
  directory = [company('m1', 'Bakker Bouw'), company('m2', 'Jansen Installatietechniek')];
  fetches = 0;
});
afterEach(() => useAppStore.getState().closeWizard());

describe('the managed companies list, live', () => {
  gridSize({ clientHeight: 480, clientWidth: 900 });

  it('shows another workstation’s new company after directoryChanged and keeps the search text', async () => {
    const user = userEvent.setup();
    await renderIn('en', <ManagedCompaniesArea />);
    expect(await screen.findByText('Jansen Installatietechniek')).toBeTruthy();
    const search = screen.getByRole('searchbox', { name: 'Search companies' });
    await user.type(search, 'jansen');
    expect(screen.queryByText('Bakker Bouw')).toBeNull();

    // Another workstation imports Jansen Techniek: main tells every window the directory changed.
    directory = [...directory, company('m3', 'Jansen Techniek')];
    const before = fetches;
    await act(async () => emit('directoryChanged', {}));
    expect(await screen.findByText('Jansen Techniek')).toBeTruthy();
    expect(fetches).toBe(before + 1);
    expect(screen.getByRole('searchbox', { name: 'Search companies' })).toHaveProperty('value', 'jansen');
    expect(screen.queryByText('Bakker Bouw')).toBeNull();
    expect(screen.getByText('Jansen Installatietechniek')).toBeTruthy();
  });

  it('fetches once per quarter second at most during a burst', async () => {
    await renderIn('en', <ManagedCompaniesArea />);
    await screen.findByText('Bakker Bouw');
    const before = fetches;
    // An import's batches, heard one after another for about 600 ms.
    for (let i = 0; i < 12; i++) {
      await act(async () => emit('directoryChanged', {}));
      await sleep(50);
    }
    await sleep(DIRECTORY_REFETCH_EVERY_MS + 50);
    const during = fetches - before;
    expect(during).toBeGreaterThanOrEqual(2);
    expect(during).toBeLessThanOrEqual(4);
  });

  it('does not refetch per batch while this window’s own import applies: once, when it ends', async () => {
    await renderIn('en', <ManagedCompaniesArea />);
    await screen.findByText('Bakker Bouw');
    act(() => useAppStore.setState({ wizard: { ...wizardApplying() } }));
    const before = fetches;
    for (let i = 0; i < 5; i++) await act(async () => emit('directoryChanged', {}));
    await sleep(DIRECTORY_REFETCH_EVERY_MS + 50);
    expect(fetches).toBe(before);
    directory = [...directory, company('m4', 'Zeeland Handwerk')];
    act(() => useAppStore.setState({ wizard: { ...wizardApplying(), step: 'results' } }));
    expect(await screen.findByText('Zeeland Handwerk')).toBeTruthy();
    expect(fetches).toBe(before + 1);
  });
});

function wizardApplying() {
  useAppStore.getState().openWizard('autotask');
  const wizard = useAppStore.getState().wizard!;
  return { ...wizard, step: 'applying' as const };
}
