/**
 * Settings → Workspace, through the registrar as the app's window calls it, against a real PostgreSQL
 * server: Test connection names each failure, a team workspace is created on an empty database with its
 * first Master Administrator, a second workstation joins it, and a workstation whose team server is down
 * starts on its local workspace and says why.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TeamConnection, TeamProbe, WorkspaceStatus } from '../../shared/workspace/connection';
import type { Core } from '../../electron/main/core/create-core';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { appSender, callAs, startCore } from '../support/core';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { startPsaSimulator } from '../fakes/psa-sim/server';
import { simCredentials } from '../support/psa-sim';
import { usePgCluster } from '../support/postgres/use-cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const cluster = usePgCluster();

const ADMIN = { name: 'Mira de Vries', email: 'mira@example.com', password: 'Harbour-Lantern-Quiet-77' };

function connectionTo(database: string, overrides: Partial<TeamConnection> = {}): TeamConnection {
  return { host: cluster().host, port: cluster().port, database, user: cluster().user, tls: 'disable', caFile: null, ...overrides };
}

async function refusal(core: Core, channel: string, payload: unknown): Promise<string> {
  const result = await core.registrar.invoke(channel, payload, appSender());
  if (result.ok) throw new Error(`${channel} was not refused`);
  return result.error.code;
}

function watchSwitches(core: Core): string[] {
  const seen: string[] = [];
  core.events.subscribe((_session, channel, payload) => {
    if (channel === 'event:workspaceChanged') seen.push((payload as { kind: string }).kind);
  });
  return seen;
}

describe('Test connection', () => {
  it('names each failure: wrong password, no server, no database, TLS the server does not offer, someone else’s tables, a newer schema', async () => {
    const core = await startCore(tempDir());
    const database = await cluster().createDatabase();
    const probe = (connection: TeamConnection, password: string | null = cluster().password) => callAs<TeamProbe>(core, 'window-1', 'workspace:test', { connection, password });

    expect(await probe(connectionTo(database))).toEqual({ outcome: 'reachable', state: 'empty', serverVersion: expect.stringMatching(/^1\d\.\d+$/), administrators: 0 });
    expect(await probe(connectionTo(database), 'not-the-password')).toEqual({ outcome: 'failed', failure: 'auth-failed' });
    expect(await probe(connectionTo(database, { port: 1 }))).toEqual({ outcome: 'failed', failure: 'unreachable' });
    expect(await probe(connectionTo('no_such_database'))).toEqual({ outcome: 'failed', failure: 'database-missing' });
    expect(await probe(connectionTo(database, { tls: 'require' }))).toEqual({ outcome: 'failed', failure: 'tls' });
    // No password typed and none stored for this connection: the form says to type it.
    expect(await refusal(core, 'workspace:test', { connection: connectionTo(database), password: null })).toBe('WORKSPACE_PASSWORD_NEEDED');

    const foreign = await cluster().createDatabase();
    await cluster().sql(foreign, 'CREATE TABLE invoices (id int)');
    expect(await probe(connectionTo(foreign))).toMatchObject({ outcome: 'reachable', state: 'foreign' });
    expect(await refusal(core, 'workspace:createTeam', { connection: connectionTo(foreign), password: cluster().password, admin: ADMIN })).toBe('WORKSPACE_FOREIGN');
    expect((await cluster().sql(foreign, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]).toEqual({ n: 1 });
    await core.close();
  }, 60_000);

  it('refuses a team workspace last opened by a newer MSP Roster, before changing anything', async () => {
    const first = await startCore(tempDir());
    const database = await cluster().createDatabase();
    await callAs(first, 'window-1', 'workspace:createTeam', { connection: connectionTo(database), password: cluster().password, admin: ADMIN });
    await first.close();
    await cluster().sql(database, "INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (999, 'from-the-future', 'x', '2027-01-01')");
    const other = await startCore(tempDir());
    expect(await callAs(other, 'window-1', 'workspace:test', { connection: connectionTo(database), password: cluster().password })).toEqual({ outcome: 'failed', failure: 'schema-newer' });
    expect(await refusal(other, 'workspace:join', { connection: connectionTo(database), password: cluster().password })).toBe('WORKSPACE_SCHEMA_NEWER');
    expect(other.workspace.kind).toBe('sqlite');
    await other.close();
  }, 60_000);
});

describe('a team workspace', () => {
  it('is created on an empty database with its first Master Administrator signed in, and a second workstation joins it', async () => {
    const database = await cluster().createDatabase();
    const a = await startCore(tempDir());
    const switches = watchSwitches(a);
    expect(await callAs<WorkspaceStatus>(a, 'window-1', 'workspace:status')).toMatchObject({ current: { kind: 'local' }, teams: [], unavailable: null });

    await callAs(a, 'window-1', 'workspace:createTeam', { connection: connectionTo(database), password: cluster().password, admin: ADMIN });
    expect(switches).toEqual(['team']);
    expect(a.workspace.kind).toBe('postgres');
    // The window that created it is signed in there as its Master Administrator.
    expect(await callAs(a, 'window-1', 'auth:status')).toMatchObject({ initialized: true, session: { email: ADMIN.email, role: 'master_admin' } });
    expect(await callAs(a, 'window-1', 'app:info')).toMatchObject({ workspaceKind: 'postgres' });
    const status = await callAs<WorkspaceStatus>(a, 'window-1', 'workspace:status');
    expect(status.current).toMatchObject({ kind: 'team', connection: { database } });
    expect(status.teams).toEqual([expect.objectContaining({ hasPassword: true, connection: connectionTo(database) })]);
    await callAs(a, 'window-1', 'directory:createCompany', { name: 'Bakker Installatie B.V.' });
    // A second database on the same server cannot be "created" over this one.
    expect(await refusal(a, 'workspace:createTeam', { connection: connectionTo(database), password: cluster().password, admin: ADMIN })).toBe('WORKSPACE_NOT_EMPTY');

    const b = await startCore(tempDir());
    expect(await refusal(b, 'workspace:join', { connection: connectionTo(await cluster().createDatabase()), password: cluster().password })).toBe('WORKSPACE_EMPTY');
    expect(await callAs(b, 'window-1', 'workspace:test', { connection: connectionTo(database), password: cluster().password })).toMatchObject({ state: 'workspace', administrators: 1 });
    await callAs(b, 'window-1', 'workspace:join', { connection: connectionTo(database), password: cluster().password });
    expect(await callAs(b, 'window-1', 'auth:status')).toEqual({ initialized: true, session: null });
    await callAs(b, 'window-1', 'auth:signIn', { email: ADMIN.email, password: ADMIN.password });
    expect(await callAs<{ name: string }[]>(b, 'window-1', 'directory:listCompanies')).toEqual([expect.objectContaining({ name: 'Bakker Installatie B.V.' })]);

    // Back to local: the local workspace is as it was (empty, no administrator), the team is remembered.
    await callAs(b, 'window-1', 'workspace:useLocal');
    expect(b.workspace.kind).toBe('sqlite');
    expect(await callAs(b, 'window-1', 'auth:status')).toEqual({ initialized: false, session: null });
    expect((await callAs<WorkspaceStatus>(b, 'window-1', 'workspace:status')).teams).toHaveLength(1);
    await a.close();
    await b.close();
  }, 90_000);

  it('opens again at the next start; a server that is down leaves the local workspace open with the reason, until it is back', async () => {
    const database = await cluster().createDatabase();
    const dataDir = tempDir();
    const cipher = new EphemeralCipher();
    const first = await startCore(dataDir, cipher);
    await callAs(first, 'window-1', 'workspace:createTeam', { connection: connectionTo(database), password: cluster().password, admin: ADMIN });
    await first.close();

    const again = await startCore(dataDir, cipher);
    expect(again.workspace.kind).toBe('postgres');
    expect(await callAs(again, 'window-1', 'auth:status')).toEqual({ initialized: true, session: null });
    await again.close();

    cluster().stop();
    try {
      const down = await startCore(dataDir, cipher);
      expect(down.workspace.kind).toBe('sqlite');
      expect((await callAs<WorkspaceStatus>(down, 'window-1', 'workspace:status')).unavailable).toMatchObject({ failure: 'unreachable', connection: { database } });
      await down.close();
    } finally {
      cluster().start();
    }
    const back = await startCore(dataDir, cipher);
    expect(back.workspace.kind).toBe('postgres');
    // Forgetting the open workspace is refused; after switching to local it is forgotten with its password.
    const key = (await callAs<WorkspaceStatus>(back, 'window-1', 'workspace:status')).teams[0]!.key;
    expect(await refusal(back, 'workspace:forget', { key })).toBe('VALIDATION_FAILED');
    await callAs(back, 'window-1', 'workspace:useLocal');
    expect(await callAs<WorkspaceStatus>(back, 'window-1', 'workspace:forget', { key })).toMatchObject({ teams: [] });
    expect(back.vault.has(`workspace-password:${key}`)).toBe(false);
    await back.close();
  }, 90_000);
});

describe('PSA tenants on a team workspace', () => {
  it('records the tenant of the first connection and refuses credentials that reach another one, on connect and at import start', async () => {
    const [teamSim, otherSim] = await Promise.all([startPsaSimulator({ seed: 3, companies: 5, contactsPerCompany: 1 }), startPsaSimulator({ seed: 4, companies: 5, contactsPerCompany: 1 })]);
    try {
      const database = await cluster().createDatabase();
      const a = await startCore(tempDir());
      await callAs(a, 'window-1', 'workspace:createTeam', { connection: connectionTo(database), password: cluster().password, admin: ADMIN });
      await callAs(a, 'window-1', 'psa:connect', { credentials: simCredentials(teamSim, 'connectwise') });

      // B worked alone first, connected to another tenant, then joins the team: its import is refused before any lock is taken.
      const b = await startCore(tempDir());
      await callAs(b, 'window-1', 'auth:createFirstAdmin', { name: 'Joost Bakker', email: 'joost@example.com', password: ADMIN.password });
      await callAs(b, 'window-1', 'psa:connect', { credentials: simCredentials(otherSim, 'connectwise') });
      await callAs(b, 'window-1', 'workspace:join', { connection: connectionTo(database), password: cluster().password });
      await callAs(b, 'window-1', 'auth:signIn', { email: ADMIN.email, password: ADMIN.password });
      expect(await refusal(b, 'import:start', { psa: 'connectwise', filter: DEFAULT_PSA_FILTER })).toBe('PSA_TENANT_MISMATCH');
      expect(await b.locks.holder('connectwise')).toBeNull();
      // Connecting to the other tenant is refused too, and nothing is stored; the team's tenant is accepted.
      expect(await refusal(b, 'psa:connect', { credentials: simCredentials(otherSim, 'connectwise', { companyId: 'simmsp' }) })).toBe('PSA_TENANT_MISMATCH');
      await callAs(b, 'window-1', 'psa:connect', { credentials: simCredentials(teamSim, 'connectwise') });
      expect(await callAs(b, 'window-1', 'import:start', { psa: 'connectwise', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'started' });
      await a.close();
      await b.close();
    } finally {
      await Promise.all([teamSim.close(), otherSim.close()]);
    }
  }, 90_000);
});

describe('moving the local workspace into a team', () => {
  it('copies everything, keeps the Master Administrator signed in and a backup beside the local file; a second move or a move from a team is refused', async () => {
    const database = await cluster().createDatabase();
    const core = await startCore(tempDir());
    await callAs(core, 'window-1', 'auth:createFirstAdmin', ADMIN);
    for (const name of ['Bakker Installatie B.V.', 'Çelik Bouw', 'Émile & Zonen']) await callAs(core, 'window-1', 'directory:createCompany', { name });
    const before = await callAs<{ name: string }[]>(core, 'window-1', 'directory:listCompanies');

    const report = await callAs<{ tables: { table: string; rows: number }[]; backupFile: string }>(core, 'window-1', 'workspace:moveToTeam', { connection: connectionTo(database), password: cluster().password });
    expect(report.tables).toEqual(expect.arrayContaining([{ table: 'administrators', rows: 1 }, { table: 'managed_companies', rows: 3 }]));
    expect(existsSync(report.backupFile)).toBe(true);
    expect(core.workspace.kind).toBe('postgres');
    expect(await callAs(core, 'window-1', 'auth:status')).toMatchObject({ session: { email: ADMIN.email, role: 'master_admin' } });
    expect(await callAs(core, 'window-1', 'directory:listCompanies')).toEqual(before);
    expect((await cluster().sql(database, 'SELECT count(*)::int AS n FROM managed_companies')).rows[0]).toEqual({ n: 3 });
    expect(await refusal(core, 'workspace:moveToTeam', { connection: connectionTo(database), password: cluster().password })).toBe('WORKSPACE_NOT_LOCAL');
    await core.close();

    // Another workstation's local workspace cannot be moved into the team's database now that it holds data.
    const other = await startCore(tempDir());
    await callAs(other, 'window-1', 'auth:createFirstAdmin', { ...ADMIN, email: 'joost@example.com' });
    expect(await refusal(other, 'workspace:moveToTeam', { connection: connectionTo(database), password: cluster().password })).toBe('WORKSPACE_NOT_EMPTY');
    expect(other.workspace.kind).toBe('sqlite');
    expect((await cluster().sql(database, 'SELECT email FROM administrators')).rows).toEqual([{ email: ADMIN.email }]);
    await other.close();
  }, 90_000);
});
