/**
 * Settings → Directory sync as a Master Administrator uses it: the connection form sends what was typed (a blank bind
 * password keeps the saved one), the port follows the security choice, Test connection answers with counts or a
 * translated error, Add pair reads groups from the directory, Save sends the config, a run shows its progress, counts
 * and changes, and the sync log lists the runs and opens one.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DIRECTORY_SYNC_CONFIG,
  type DirectorySyncConfig,
  type DirectorySyncSettings,
  type SyncLogEntry,
  type SyncReport,
  type SyncRun,
} from '../../shared/directory-sync/schemas';
import type { AppApi } from '../../shared/ipc/api';
import type { OrgTree } from '../../shared/org/schemas';
import { DirectorySyncArea } from '../../renderer/screens/directory-sync/DirectorySyncArea';
import { useAppStore } from '../../renderer/store';
import { gridSize, renderIn } from './render';

type Listener = (payload: unknown) => void;
type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
const listeners = new Map<string, Set<Listener>>();
const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
const ok = (value: unknown): Promise<Answer> => Promise.resolve({ ok: true, value });
const refused = (code: string, fields?: Record<string, string>): Promise<Answer> => Promise.resolve({ ok: false, error: { code, message: code, ...(fields ? { fields } : {}) } });

const SAVED_CONFIG: DirectorySyncConfig = {
  connection: {
    kind: 'active-directory',
    host: 'dc01.example.com',
    port: 636,
    security: 'ldaps',
    caCertificate: null,
    bindDn: 'CN=svc-roster,DC=example,DC=com',
    baseDn: 'DC=example,DC=com',
    disabledAttribute: null,
    disabledValue: '',
  },
  pairs: [],
  schedule: { everyMinutes: null },
  newTechnicianLicenses: { standard: true, mobile: false },
};
const settingsOf = (config: DirectorySyncConfig, bindPasswordSaved: boolean): DirectorySyncSettings => ({ config, bindPasswordSaved, defaultPasswordSet: true, serviceToken: null, nextRunAt: null });

const TREE: OrgTree = {
  groups: [
    { id: 1, name: 'Service desk', parentId: null, description: '', rights: [], manageable: true },
    { id: 2, name: 'Nights', parentId: 1, description: '', rights: [], manageable: true },
  ],
  technicians: [],
  canCreateTopLevel: true,
};

const RUN: SyncRun = {
  id: 'run-1',
  startedAt: '2026-12-01T09:00:00.000Z',
  finishedAt: '2026-12-01T09:00:04.000Z',
  trigger: 'app',
  by: 'Marloes',
  dryRun: true,
  outcome: 'problems',
  counts: { created: 3, updated: 1, disabled: 1, unchanged: 40, problems: 1, users: 46 },
  failure: null,
};
const FAILED_RUN: SyncRun = {
  ...RUN,
  id: 'run-0',
  startedAt: '2026-11-30T09:00:00.000Z',
  trigger: 'service',
  by: 'sync01',
  dryRun: false,
  outcome: 'failed',
  counts: { created: 0, updated: 0, disabled: 0, unchanged: 0, problems: 0, users: 0 },
  failure: { code: 'DIRECTORY_UNREACHABLE', detail: 'connect ECONNREFUSED', fields: { host: 'dc01.example.com:636' } },
};
const REPORT: SyncReport = {
  run: RUN,
  changes: [
    {
      action: 'create',
      technicianId: null,
      name: 'Anouk de Vries',
      email: 'anouk@example.com',
      groupId: 2,
      groupName: 'Nights',
      userDn: 'CN=Anouk,DC=example,DC=com',
      fields: { name: { from: null, to: 'Anouk de Vries' } },
      reason: null,
      releasesMobileLicense: false,
    },
    {
      action: 'disable',
      technicianId: 't-9',
      name: 'Bram Jansen',
      email: 'bram@example.com',
      groupId: 1,
      groupName: 'Service desk',
      userDn: 'CN=Bram,DC=example,DC=com',
      fields: { enabled: { from: true, to: false } },
      reason: 'removed-from-group',
      releasesMobileLicense: true,
    },
  ],
  problems: [{ code: 'no-email', userDn: 'CN=Cor,DC=example,DC=com', name: 'Cor', email: '', detail: '' }],
  more: { changes: 0, problems: 0 },
  directoryUnchangedSince: null,
};
const ENTRIES: SyncLogEntry[] = [
  { runId: 'run-1', at: RUN.finishedAt, kind: 'problem', code: 'email-taken', name: 'Dirk', email: 'dirk@example.com', userDn: 'CN=Dirk,DC=example,DC=com', detail: 'dirk@old.example.com' },
  {
    runId: 'run-1',
    at: RUN.finishedAt,
    kind: 'change',
    code: 'disable',
    name: 'Bram Jansen',
    email: 'bram@example.com',
    userDn: '',
    detail: JSON.stringify({ group: 'Service desk', fields: { enabled: { from: true, to: false }, mobileLicense: { from: true, to: false } }, reason: 'deleted', releasesMobileLicense: true }),
  },
];

let settings: DirectorySyncSettings;
let runs: SyncRun[];
const calls: Array<{ readonly method: string; readonly input: unknown }> = [];
let testAnswer: () => Promise<Answer>;
let releaseRun: (() => void) | null = null;
let syncNowAnswer: () => Promise<Answer>;

const record = (method: string, input?: unknown) => calls.push({ method, input });
const callsOf = (method: string) => calls.filter((call) => call.method === method).map((call) => call.input);

const fakeApi = {
  on: (event: string, listener: Listener) => {
    const set = listeners.get(event) ?? listeners.set(event, new Set()).get(event)!;
    set.add(listener);
    return () => set.delete(listener);
  },
  org: { tree: () => ok(TREE) },
  directorySync: {
    settings: () => ok(settings),
    save: (input: { config: DirectorySyncConfig; bindPassword: string | null }) => {
      record('save', input);
      settings = { ...settings, config: input.config, bindPasswordSaved: settings.bindPasswordSaved || input.bindPassword !== null };
      return ok(settings);
    },
    test: (input: unknown) => {
      record('test', input);
      return testAnswer();
    },
    groups: (input: { search: string }) => {
      record('groups', input);
      const all = [
        { dn: 'CN=Helpdesk,OU=Groups,DC=example,DC=com', name: 'Helpdesk', description: '' },
        { dn: 'CN=Field engineers,OU=Groups,DC=example,DC=com', name: 'Field engineers', description: '' },
      ];
      return ok({ groups: all.filter((group) => group.name.toLowerCase().includes(input.search.toLowerCase())), truncated: false });
    },
    dryRun: () => {
      record('dryRun');
      return new Promise<Answer>((resolve) => {
        releaseRun = () => {
          runs = [RUN, ...runs];
          resolve({ ok: true, value: REPORT });
        };
      });
    },
    syncNow: () => {
      record('syncNow');
      return syncNowAnswer();
    },
    cancel: () => {
      record('cancel');
      return ok({ cancelled: true });
    },
    runs: () => ok(runs),
    entries: (input: unknown) => {
      record('entries', input);
      return ok(ENTRIES);
    },
    setDefaultPassword: (input: unknown) => {
      record('setDefaultPassword', input);
      settings = { ...settings, defaultPasswordSet: true };
      return ok(settings);
    },
    generateToken: () => {
      record('generateToken');
      settings = { ...settings, serviceToken: { createdAt: RUN.startedAt, createdByName: 'Marloes', lastUsedAt: null } };
      return ok({ token: 'mspr_svc_0123456789abcdef', info: settings.serviceToken });
    },
    revokeToken: () => {
      record('revokeToken');
      settings = { ...settings, serviceToken: null };
      return ok(settings);
    },
    exportLog: (input: unknown) => {
      record('exportLog', input);
      return ok({ outcome: 'saved', path: '/tmp/sync.csv', fileName: 'sync.csv', savedAt: RUN.finishedAt });
    },
  },
} as unknown as AppApi;

const state = () => useAppStore.getState();

beforeEach(() => {
  Object.defineProperty(window, 'api', { value: fakeApi, configurable: true });
  listeners.clear();
  calls.length = 0;
  settings = settingsOf(SAVED_CONFIG, true);
  runs = [];
  testAnswer = () => ok({ serverName: 'dc01.example.com', users: 1234, groups: 1, more: false, elapsedMs: 420 });
  releaseRun = null;
  syncNowAnswer = () => ok({ ...REPORT, run: { ...RUN, dryRun: false } });
  useAppStore.setState({ area: 'directorySync', session: { adminId: 'm-1', name: 'Marloes', email: 'm@example.com', role: 'master_admin', mustChangePassword: false, rights: [] } });
});
afterEach(() => {
  state().dsDiscard();
  useAppStore.setState({ pendingArea: null, unsavedChanges: false, dsReport: null, dsRunProblem: null, dsSelectedRunId: null, dsEntries: null, dsRuns: null, dsSettings: null, dsDraft: null, dsBaseline: null });
});

async function open(language: 'en' | 'nl' = 'en') {
  await renderIn(language, <DirectorySyncArea />);
  await screen.findByRole('heading', { name: language === 'en' ? 'Connection' : 'Verbinding' });
}

describe('the connection form', () => {
  it('saves what was typed, and a blank bind password as null (keep the saved one)', async () => {
    const user = userEvent.setup();
    await open();
    expect(screen.getByLabelText('Bind password')).toHaveProperty('placeholder', 'Saved on this workstation');
    const host = screen.getByLabelText('Server');
    await user.clear(host);
    await user.type(host, 'dc02.example.com');
    expect(screen.getByText('You have unsaved changes.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Directory sync settings saved.')).toBeTruthy();
    const [saved] = callsOf('save') as Array<{ config: DirectorySyncConfig; bindPassword: string | null }>;
    expect(saved?.bindPassword).toBeNull();
    expect(saved?.config.connection).toEqual({ ...SAVED_CONFIG.connection, host: 'dc02.example.com' });
    expect(state().unsavedChanges).toBe(false);
  });

  it('refuses to save an incomplete connection, says which fields, and sends the typed password once they are right', async () => {
    settings = settingsOf(DEFAULT_DIRECTORY_SYNC_CONFIG, false);
    const user = userEvent.setup();
    await open();
    expect(screen.getByLabelText('Bind password')).toHaveProperty('placeholder', '');
    await user.type(screen.getByLabelText('Server'), 'ldap://dc01');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByText('Some fields need attention before this can be saved or tested.')).toBeTruthy();
    expect(screen.getByText('Enter the server’s host name or IP address, without ldap:// and without a port.')).toBeTruthy();
    expect(screen.getByText('Enter the bind password: this workstation has none saved.')).toBeTruthy();
    expect(screen.getByLabelText('Server').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('save')).toHaveLength(0);

    const host = screen.getByLabelText('Server');
    await user.clear(host);
    await user.type(host, 'dc01.example.com');
    await user.type(screen.getByLabelText('Bind DN'), 'CN=svc,DC=example,DC=com');
    await user.type(screen.getByLabelText('Bind password'), 'S3cret!bind');
    await user.type(screen.getByLabelText('Base DN'), 'DC=example,DC=com');
    expect(screen.queryByText('Some fields need attention before this can be saved or tested.')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Directory sync settings saved.');
    const [saved] = callsOf('save') as Array<{ config: DirectorySyncConfig; bindPassword: string | null }>;
    expect(saved?.bindPassword).toBe('S3cret!bind');
    expect(saved?.config.connection).toMatchObject({ host: 'dc01.example.com', port: 636, security: 'ldaps', bindDn: 'CN=svc,DC=example,DC=com', baseDn: 'DC=example,DC=com' });
    // The password is not kept in the form once saved: the field is blank again and says a saved one is kept.
    expect(screen.getByLabelText('Bind password')).toHaveProperty('value', '');
    expect(screen.getByLabelText('Bind password')).toHaveProperty('placeholder', 'Saved on this workstation');
  });

  it('moves the port with the security choice until the user types one, and warns about no encryption', async () => {
    settings = settingsOf(DEFAULT_DIRECTORY_SYNC_CONFIG, false);
    const user = userEvent.setup();
    await open();
    const port = screen.getByLabelText('Port');
    expect(port).toHaveProperty('value', '636');
    await user.selectOptions(screen.getByLabelText('Security'), 'starttls');
    expect(port).toHaveProperty('value', '389');
    expect(screen.queryByRole('note')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Security'), 'none');
    expect(screen.getByRole('note').textContent).toContain('Without encryption the bind password');
    await user.selectOptions(screen.getByLabelText('Security'), 'ldaps');
    expect(port).toHaveProperty('value', '636');

    await user.clear(port);
    await user.type(port, '10636');
    await user.selectOptions(screen.getByLabelText('Security'), 'starttls');
    expect(port).toHaveProperty('value', '10636');
  });

  it('shows another directory’s disabled attribute only for other LDAP directories', async () => {
    const user = userEvent.setup();
    await open();
    expect(screen.queryByLabelText('Disabled attribute (optional)')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Directory'), 'ldap');
    await user.type(screen.getByLabelText('Disabled attribute (optional)'), 'nsAccountLock');
    await user.type(screen.getByLabelText('Disabled value'), 'TRUE');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Directory sync settings saved.');
    const [saved] = callsOf('save') as Array<{ config: DirectorySyncConfig }>;
    expect(saved?.config.connection).toMatchObject({ kind: 'ldap', disabledAttribute: 'nsAccountLock', disabledValue: 'TRUE' });
  });
});

describe('Test connection', () => {
  it('shows the server, the users and groups found (plural forms, the language’s numbers) and the time it took', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const status = (await screen.findByText(/Connected to/)).closest('[role="status"]');
    expect(status?.textContent).toContain('Connected to dc01.example.com in 0.4 s.');
    expect(status?.textContent).toContain('Found under the base DN: 1,234 users and 1 group.');
    expect(callsOf('test')).toEqual([{ connection: SAVED_CONFIG.connection, bindPassword: null }]);
  });

  it('in Dutch, with Dutch numbers', async () => {
    const user = userEvent.setup();
    await open('nl');
    await user.click(screen.getByRole('button', { name: 'Verbinding testen' }));
    expect((await screen.findByText(/Gevonden onder de basis-DN/)).textContent).toBe('Gevonden onder de basis-DN: 1.234 gebruikers en 1 groep.');
  });

  it('shows the core’s error in words, with what it names', async () => {
    testAnswer = () => refused('DIRECTORY_UNREACHABLE', { host: 'dc01.example.com' });
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The directory server dc01.example.com does not answer. Check the host name and port, and that this computer can reach it (firewall, VPN).',
    );
  });
});

describe('sync pairs', () => {
  it('adds a pair chosen from the directory’s groups and the technician groups (with their paths), and saves it', async () => {
    const user = userEvent.setup();
    await open();
    expect(screen.getByText('No pairs yet. Add a directory group and the technician group its users go to.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add pair' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a sync pair' });
    await user.type(within(dialog).getByLabelText('Search directory groups'), 'help');
    await user.click(await within(dialog).findByRole('radio', { name: 'Helpdesk' }, { timeout: 2000 }));
    expect(within(dialog).queryByRole('radio', { name: 'Field engineers' })).toBeNull();
    // Typing paused once: one search for it (not one per key).
    expect((callsOf('groups') as Array<{ search: string }>).map((call) => call.search)).toEqual(['help']);
    await user.click(within(dialog).getByRole('radio', { name: 'Service desk / Nights' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    const table = screen.getByRole('table', { name: 'Sync pairs' });
    expect(within(table).getByText('Helpdesk')).toBeTruthy();
    expect(within(table).getByText('Service desk / Nights')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Directory sync settings saved.');
    const [saved] = callsOf('save') as Array<{ config: DirectorySyncConfig }>;
    expect(saved?.config.pairs).toEqual([{ sourceDn: 'CN=Helpdesk,OU=Groups,DC=example,DC=com', sourceName: 'Helpdesk', groupId: 2 }]);
  });

  it('asks for both groups before adding', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('button', { name: 'Add pair' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a sync pair' });
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Choose a directory group and a technician group.');
  });
});

describe('saving and leaving', () => {
  it('sends the schedule and the licenses for new technicians, and refuses a schedule under 5 minutes', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('radio', { name: 'Every' }));
    const minutes = screen.getByLabelText('Minutes between syncs');
    await user.clear(minutes);
    await user.type(minutes, '2');
    await user.click(screen.getByRole('checkbox', { name: 'Mobile license' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter a number of minutes from 5 to 1440.')).toBeTruthy();
    expect(callsOf('save')).toHaveLength(0);

    await user.clear(minutes);
    await user.type(minutes, '30');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Directory sync settings saved.');
    const [saved] = callsOf('save') as Array<{ config: DirectorySyncConfig }>;
    expect(saved?.config.schedule).toEqual({ everyMinutes: 30 });
    expect(saved?.config.newTechnicianLicenses).toEqual({ standard: true, mobile: true });
  });

  it('asks before leaving with unsaved changes, and discards them when told to', async () => {
    const user = userEvent.setup();
    await open();
    await user.type(screen.getByLabelText('Base DN'), ',X');
    await act(async () => state().goTo('settings'));
    expect(state().area).toBe('directorySync');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Discard changes' }));
    expect(state().area).toBe('settings');
    expect(state().unsavedChanges).toBe(false);
  });
});

describe('runs and the sync log', () => {
  gridSize({ clientHeight: 480, clientWidth: 900 });

  it('shows a dry run’s progress, then its counts, changes and problems, and exports it', async () => {
    const user = userEvent.setup();
    await open();
    expect(screen.getByRole('region', { name: 'No syncs yet' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Dry run' }));
    await act(async () => emit('directorySyncProgress', { stage: 'reading-users', done: 1200, total: 2000 }));
    expect(screen.getByText('Reading users: 1,200 of 2,000')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await act(async () => releaseRun?.());

    expect(await screen.findByRole('heading', { name: 'Dry run: what a sync would do' })).toBeTruthy();
    const counts = screen.getByRole('list', { name: 'What the run counted' });
    expect(within(counts).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['46 users read', '3 created', '1 updated', '1 disabled', '40 unchanged', '1 problem']);
    const changes = screen.getByRole('grid', { name: 'Changes' });
    expect(within(changes).getByText('Anouk de Vries')).toBeTruthy();
    expect(within(changes).getByText('status: enabled → disabled; Mobile license released')).toBeTruthy();
    expect(within(changes).getByText('Removed from the directory group')).toBeTruthy();
    const problems = screen.getByRole('grid', { name: 'Problems' });
    expect(within(problems).getByText('The directory user has no email address: no technician can be made for them.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Saved as sync.csv.')).toBeTruthy();
    expect(callsOf('exportLog')).toEqual([{ runId: 'run-1' }]);
    // The log shows the run now.
    expect(await screen.findByRole('grid', { name: 'Sync runs' })).toBeTruthy();
  });

  it('says the counts in Dutch, in Dutch plural forms and numbers', async () => {
    const user = userEvent.setup();
    await open('nl');
    await user.click(screen.getByRole('button', { name: 'Proefrun' }));
    await act(async () => emit('directorySyncProgress', { stage: 'writing', done: 1500, total: 2000 }));
    expect(screen.getByText('Wijzigingen opslaan: 1.500 van 2.000')).toBeTruthy();
    // While writing, the run can no longer be cancelled: it finishes.
    expect(screen.getByRole('button', { name: 'Annuleren' })).toHaveProperty('disabled', true);
    await act(async () => releaseRun?.());
    const counts = await screen.findByRole('list', { name: 'Wat de run heeft geteld' });
    expect(within(counts).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['46 gebruikers gelezen', '3 aangemaakt', '1 bijgewerkt', '1 uitgeschakeld', '40 ongewijzigd', '1 probleem']);
    expect(within(screen.getByRole('grid', { name: 'Wijzigingen' })).getByText('Uit de directorygroep gehaald')).toBeTruthy();
  });

  it('says why Sync now was refused (another sync is running), and shows a finished sync’s counts', async () => {
    syncNowAnswer = () => refused('DIRECTORY_SYNC_RUNNING', { by: 'the service on sync01' });
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A directory sync is running already (the service on sync01). Wait for it to finish, then try again.');

    // A big run's report carries its first rows only: the screen says how many more the log holds.
    syncNowAnswer = () => ok({ ...REPORT, run: { ...RUN, dryRun: false }, more: { changes: 1_498, problems: 0 } });
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByRole('heading', { name: 'Sync finished' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Showing the first 2 of 1,500 changes. The sync log lists every one; Export CSV saves them all.')).toBeTruthy();
    expect(screen.queryByText(/of .* problems/)).toBeNull();
    expect(screen.queryByText(/has not changed since/)).toBeNull();
    expect(callsOf('syncNow')).toHaveLength(2);

    // A sync of a directory whose change mark had not moved says so, and from when its read is.
    syncNowAnswer = () => ok({ ...REPORT, run: { ...RUN, dryRun: false }, changes: [], directoryUnchangedSince: '2026-12-02T08:45:00.000Z' });
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    const since = new Date('2026-12-02T08:45:00.000Z').toLocaleString('en');
    expect(await screen.findByText(`The directory has not changed since it was read on ${since}, so the technicians were compared with that read. A change in the directory is read on the next run.`)).toBeTruthy();
  });

  it('cancels a running dry run', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByRole('button', { name: 'Dry run' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(callsOf('cancel')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Cancelling …' })).toHaveProperty('disabled', true);
  });

  it('lists the runs with who started them and a failure in words, and opens a run’s entries', async () => {
    runs = [RUN, FAILED_RUN];
    const user = userEvent.setup();
    await open();
    const grid = await screen.findByRole('grid', { name: 'Sync runs' });
    expect(within(grid).getByText('By the service')).toBeTruthy();
    expect(within(grid).getByText('Failed: The directory server dc01.example.com:636 does not answer. Check the host name and port, and that this computer can reach it (firewall, VPN).')).toBeTruthy();
    expect(within(grid).getByText('3 created, 1 updated, 1 disabled, 1 problem')).toBeTruthy();

    const when = new Date(RUN.startedAt).toLocaleString('en');
    await user.click(within(grid).getByRole('button', { name: `Show the run of ${when}` }));
    const entries = await screen.findByRole('grid', { name: `Entries of the run of ${when}` });
    expect(within(entries).getByText('The email address is in use by another account (dirk@old.example.com).')).toBeTruthy();
    // A logged change reads as words, not the JSON the core keeps.
    expect(within(entries).getByText('status: enabled → disabled; mobile license: yes → no')).toBeTruthy();
    expect(callsOf('entries')).toEqual([{ runId: 'run-1' }]);
    await user.click(screen.getByRole('button', { name: 'Export this run' }));
    await user.click(screen.getByRole('button', { name: 'Export the whole log' }));
    expect(callsOf('exportLog')).toEqual([{ runId: 'run-1' }, { runId: null }]);
  });

  it('follows a run elsewhere (directorySyncChanged)', async () => {
    await open();
    expect(screen.getByRole('region', { name: 'No syncs yet' })).toBeTruthy();
    runs = [FAILED_RUN];
    await act(async () => emit('directorySyncChanged', {}));
    expect(await screen.findByRole('grid', { name: 'Sync runs' })).toBeTruthy();
  });
});

describe('new technicians and the service token', () => {
  it('sets the default password on its own, after checking the confirmation', async () => {
    settings = { ...settingsOf(SAVED_CONFIG, true), defaultPasswordSet: false };
    const user = userEvent.setup();
    await open();
    expect(screen.getByText('No default password yet: the sync creates no technicians until one is set.')).toBeTruthy();
    await user.type(screen.getByLabelText('Default password'), 'Welkom-bij-Roster-2026');
    await user.type(screen.getByLabelText('Confirm default password'), 'Welkom-bij-Roster-2025');
    await user.click(screen.getByRole('button', { name: 'Set default password' }));
    expect(screen.getByText('The passwords do not match.')).toBeTruthy();
    expect(callsOf('setDefaultPassword')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Confirm default password'));
    await user.type(screen.getByLabelText('Confirm default password'), 'Welkom-bij-Roster-2026');
    await user.click(screen.getByRole('button', { name: 'Set default password' }));
    expect(await screen.findByText('A default password is set.')).toBeTruthy();
    expect(callsOf('setDefaultPassword')).toEqual([{ password: 'Welkom-bij-Roster-2026' }]);
    expect(screen.getByText('The default password for new technicians is set.')).toBeTruthy();
    expect(screen.getByLabelText('Default password')).toHaveProperty('value', '');
  });

  it('copies a new token to the clipboard, or shows it selected when the clipboard refuses; replacing and revoking ask first', async () => {
    const user = userEvent.setup();
    // After userEvent.setup(), which puts its own clipboard in place.
    const copied: string[] = [];
    let refuse = false;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (refuse ? Promise.reject(new Error('denied')) : (copied.push(text), Promise.resolve())) },
    });
    await open();
    expect(screen.getByText('No service token yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Generate and copy' }));
    expect(await screen.findByText(/The new service token is on your clipboard/)).toBeTruthy();
    expect(copied).toEqual(['mspr_svc_0123456789abcdef']);
    expect(await screen.findByText(/Created .* by Marloes\./)).toBeTruthy();

    // A token exists now: a new one replaces it, so the screen asks first.
    refuse = true;
    await user.click(screen.getByRole('button', { name: 'Generate and copy' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Replace the service token?' });
    await user.click(within(ask).getByRole('button', { name: 'Generate a new token' }));
    expect(await screen.findByText(/The clipboard refused the token/)).toBeTruthy();
    const field = screen.getByLabelText('New service token');
    expect(field).toHaveProperty('value', 'mspr_svc_0123456789abcdef');
    expect(field).toHaveProperty('readOnly', true);
    expect(callsOf('generateToken')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    const revoke = await screen.findByRole('alertdialog', { name: 'Revoke the service token?' });
    await user.click(within(revoke).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('No service token yet.')).toBeTruthy();
    expect(screen.queryByLabelText('New service token')).toBeNull();
    expect(callsOf('revokeToken')).toHaveLength(1);
  });
});
