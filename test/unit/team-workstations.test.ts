/**
 * Several workstations on one team workspace: each a separate OS process with a full set of services
 * (test/support/team-workstation.ts) on one real PostgreSQL server. The integration lock and the license
 * pool must hold between them: never two holders, never a seat granted twice, a stalled holder's writes
 * refused; a killed holder or a restarted server leaves whole batches only.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/main/base/domain-error';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import { writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import type { Workspace } from '../../electron/main/db/workspace';
import { readLicenses } from '../../electron/main/directory/licenses';
import { applyImport, LICENSE_SEATS_KEY } from '../../electron/main/import/apply-import';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import { en } from '../../shared/i18n/locales/en';
import { syntheticImport } from '../support/import-fixtures';
import { startPgCluster, type PgCluster } from '../support/postgres/cluster';
import type { WorkstationConnection } from '../support/team-workstation';
import { bundleWorkstation, startWorkstation, type Workstation } from '../support/workstation-bundle';

let cluster: PgCluster;
let script: string;
beforeAll(async () => {
  [cluster, script] = await Promise.all([startPgCluster(), bundleWorkstation()]);
}, 120_000);
afterAll(() => {
  cluster?.destroy();
  if (script) rmSync(script, { force: true });
});

/** A fresh, migrated team workspace; returns how workstations connect to it. */
async function teamDatabase(extra: Partial<WorkstationConnection> = {}): Promise<WorkstationConnection> {
  const database = await cluster.createDatabase('team');
  const connection = { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database };
  await (await PostgresWorkspace.open({ connection })).workspace.close();
  return { ...connection, ...extra };
}

async function openTeam(connection: WorkstationConnection): Promise<Workspace> {
  const { host, port, user, password, database } = connection;
  return (await PostgresWorkspace.open({ connection: { host, port, user, password, database } })).workspace;
}

function workstation(connection: WorkstationConnection, role: string, ...args: Array<string | number>): Promise<Workstation> {
  return startWorkstation(script, connection, role, ...args);
}

async function count(database: string, sql: string): Promise<number> {
  return Number((await cluster.sql(database, sql)).rows[0].count);
}

describe('workstations on one team workspace (separate processes, real PostgreSQL)', () => {
  it('never lets two workstations hold the integration lock at once, over many rounds with short leases', async () => {
    const connection = await teamDatabase();
    const STATIONS = 8;
    const ROUNDS = 12;
    const stations = await Promise.all(Array.from({ length: STATIONS }, () => workstation(connection, 'contend', ROUNDS, 300, 8, 5)));
    for (const station of stations) station.go();
    const holds = (await Promise.all(stations.map((station) => station.json<{ holds: Array<{ token: number; start: number; end: number }> }>()))).flatMap((answer) => answer.holds);
    await Promise.all(stations.map((station) => station.exited));

    expect(holds).toHaveLength(STATIONS * ROUNDS);
    // Intervals read from the database clock while each held the lock: in start order, none begins before the previous ended.
    holds.sort((a, b) => a.start - b.start);
    const overlaps = holds.filter((hold, index) => index > 0 && hold.start < holds[index - 1]!.end);
    expect(overlaps).toEqual([]);
    // Every acquisition got its own fencing token, larger than every one before it.
    expect(holds.map((hold) => hold.token)).toEqual([...holds.map((hold) => hold.token)].sort((a, b) => a - b));
    expect(new Set(holds.map((hold) => hold.token)).size).toBe(holds.length);
  }, 60_000);

  it('keeps a live lease from a workstation whose clock runs ten minutes ahead (leases are timed on the server’s clock)', async () => {
    const connection = await teamDatabase();
    const LEASE = 5_000;
    const holder = await workstation(connection, 'hold', LEASE, 2_000);
    const ahead = await workstation({ ...connection, clockSkewMs: 10 * 60_000 }, 'acquire-once', LEASE);
    const behind = await workstation({ ...connection, clockSkewMs: -10 * 60_000 }, 'takeover', LEASE, 1);
    holder.go();
    const { held } = await holder.json<{ held: number }>();
    ahead.go();
    expect(await ahead.json()).toMatchObject({ ok: false, heldBy: { holderAdminId: `admin-${holder.child.pid}` } });
    // Behind: takes over once the holder released, not ten minutes later.
    behind.go();
    const took = await behind.json<{ token: number; waitedMs: number }>();
    expect(took.token).toBeGreaterThan(held);
    expect(took.waitedMs).toBeLessThan(LEASE);
    expect(await holder.json()).toEqual({ released: true });
    expect(await behind.json()).toEqual({ finished: true });
    await Promise.all([holder.exited, ahead.exited, behind.exited]);
  }, 60_000);

  it('grants exactly the free seats when administrators on several workstations import at once; the rest get the license message', async () => {
    const connection = await teamDatabase();
    const SEATS = 20;
    const STATIONS = 6;
    const WANTED = 6; // users per workstation, one company (and transaction) each
    const team = await openTeam(connection);
    await team.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, SEATS));
    const stations = await Promise.all(Array.from({ length: STATIONS }, (_, index) => workstation(connection, 'grant', `ws${index}`, WANTED, 1)));
    for (const station of stations) station.go();
    const answers = await Promise.all(stations.map((station) => station.json<Record<string, number>>()));
    await Promise.all(stations.map((station) => station.exited));

    const total = (key: string) => answers.reduce((sum, answer) => sum + (answer[key] ?? 0), 0);
    expect(total('imported')).toBe(SEATS);
    expect(total('not-enough-licenses')).toBe(STATIONS * WANTED - SEATS);
    // What the user reads for those: the seed's message.
    expect(en.psaErrors['not-enough-licenses'].message).toBe('You do not have enough available licenses');
    expect(await readLicenses(team.read)).toEqual({ seats: SEATS, inUse: SEATS });
    expect(await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_users WHERE has_license = 1')).toBe(SEATS);
    await team.close();
  }, 60_000);

  it('hands the lock to another workstation when the holder stalls past its lease, and refuses the stalled holder’s next batch', async () => {
    const connection = await teamDatabase();
    const LEASE = 800;
    const BATCH = 2;
    const stalled = await workstation(connection, 'stall', LEASE, 10, BATCH, LEASE * 4);
    const taker = await workstation(connection, 'takeover', LEASE, 3);
    stalled.go();
    const { held } = await stalled.json<{ held: number }>();
    expect(await stalled.next()).toBe('stalled');
    taker.go();
    const took = await taker.json<{ token: number; waitedMs: number }>();
    // It waited for the stalled lease to run out (renewed at most a quarter lease before the stall).
    expect(took.waitedMs).toBeGreaterThan(LEASE / 2);
    expect(took.token).toBeGreaterThan(held);
    expect(await stalled.json()).toMatchObject({ refused: 'INTEGRATION_LOCKED' });
    expect(await taker.json()).toEqual({ finished: true });
    await Promise.all([stalled.exited, taker.exited]);

    // Of the stalled import only its first batch, written while it held the lock; all of the new holder's.
    expect(await count(connection.database, "SELECT COUNT(*) AS count FROM managed_companies WHERE name LIKE 'stalled %'")).toBe(BATCH);
    expect(await count(connection.database, "SELECT COUNT(*) AS count FROM managed_users WHERE email LIKE '%@stalled.example'")).toBe(BATCH * 2);
    expect(await count(connection.database, "SELECT COUNT(*) AS count FROM managed_companies WHERE name LIKE 'takeover %'")).toBe(3);
  }, 60_000);

  it('does not let a workstation frozen inside its fenced transaction block the takeover: the server ends that transaction, none of it is written', async () => {
    const connection = await teamDatabase({ idleInTransactionMs: 1_000 });
    const LEASE = 500;
    const frozen = await workstation(connection, 'freeze-in-transaction', LEASE, 4_000);
    const taker = await workstation(connection, 'takeover', LEASE, 1);
    frozen.go();
    expect(await frozen.next()).toBe('frozen');
    taker.go();
    const took = await taker.json<{ token: number; waitedMs: number }>();
    // Not as long as the freeze: the server ended the idle transaction, and with it its advisory lock.
    expect(took.waitedMs).toBeLessThan(3_500);
    expect(await taker.json()).toEqual({ finished: true });
    expect(await frozen.json()).toMatchObject({ refused: 'WORKSPACE_UNAVAILABLE' });
    await Promise.all([frozen.exited, taker.exited]);
    expect(await count(connection.database, "SELECT COUNT(*) AS count FROM managed_companies WHERE name = 'Written while frozen'")).toBe(0);
  }, 60_000);

  it('stays whole when a holder is killed mid-apply, and a re-run on another workstation finishes without duplicates', async () => {
    const connection = await teamDatabase();
    const COMPANIES = 1500;
    const PER_COMPANY = 5;
    const integrity = async () => ({
      companies: await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_companies'),
      users: await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_users'),
      importedWithoutMapping: await count(connection.database, "SELECT COUNT(*) AS count FROM managed_companies WHERE origin = 'psa-import' AND id NOT IN (SELECT managed_company_id FROM company_mappings)"),
      usersWithoutMapping: await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_users WHERE id NOT IN (SELECT user_id FROM contact_mappings)'),
    });
    const seen: number[] = [];
    for (const afterMs of [50 + Math.random() * 150, 250 + Math.random() * 300]) {
      const runner = await workstation(connection, 'apply', COMPANIES, PER_COMPANY, 5);
      expect(await runner.next()).toBe('started');
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      runner.child.kill('SIGKILL');
      await runner.exited;
      const state = await integrity();
      expect(state).toMatchObject({ importedWithoutMapping: 0, usersWithoutMapping: 0 });
      // Whole batches only: every company with all of its users.
      expect(state.users).toBe(state.companies * PER_COMPANY);
      seen.push(state.companies);
    }
    expect(seen.some((companies) => companies > 0 && companies < COMPANIES)).toBe(true);

    const team = await openTeam(connection);
    expect(await team.checkIntegrity()).toEqual([]);
    // The license rule: never more users with access than seats.
    const licenses = await readLicenses(team.read);
    expect(licenses.inUse).toBeLessThanOrEqual(licenses.seats);
    const locks = new IntegrationLocks(team);
    await locks.forceRelease('autotask', 'master'); // the killed runner never released its lock
    const acquired = await locks.acquire('autotask', { adminId: 'admin-1', name: 'Ann', session: 'rerun' });
    if (!acquired.ok) throw new Error('lock');
    const { fetched, plan } = syntheticImport(COMPANIES, PER_COMPANY);
    const results = await applyImport(plan, fetched, { workspace: team, locks, lock: acquired.lock, session: 'rerun', actorId: 'admin-1', psa: 'autotask' });
    expect(results.companies.filter((c) => c.outcome === 'mapped')).toHaveLength(seen.at(-1)!);
    expect(results.companies.filter((c) => c.outcome === 'created')).toHaveLength(COMPANIES - seen.at(-1)!);
    expect(await integrity()).toEqual({ companies: COMPANIES, users: COMPANIES * PER_COMPANY, importedWithoutMapping: 0, usersWithoutMapping: 0 });
    expect(await readLicenses(team.read)).toMatchObject({ inUse: COMPANIES * PER_COMPANY });
    expect(await team.checkIntegrity()).toEqual([]);
    await team.close();
  }, 60_000);

  it('fails an import with a clear error when the server restarts mid-import, keeps whole batches only, and works again once it is back', async () => {
    const connection = await teamDatabase();
    const COMPANIES = 2000;
    const PER_COMPANY = 5;
    const BATCH = 50;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const team = await openTeam(connection);
    try {
      await team.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, 1_000_000));
      const locks = new IntegrationLocks(team);
      const acquired = await locks.acquire('autotask', { adminId: 'admin-1', name: 'Ann', session: 'one' });
      if (!acquired.ok) throw new Error('lock');
      const { fetched, plan } = syntheticImport(COMPANIES, PER_COMPANY);
      let batches = 0;
      let restarting: Promise<void> | null = null;
      const context = { workspace: team, locks, lock: acquired.lock, session: 'one', actorId: 'admin-1', psa: 'autotask' as const, batchSize: BATCH };
      const failed = await applyImport(plan, fetched, {
        ...context,
        onProgress: () => {
          // A few batches in, the server stops (fast shutdown: open transactions are ended) while the next batch runs.
          if (++batches === 3) restarting = new Promise((resolve) => setTimeout(() => resolve(cluster.stop()), 5));
        },
      }).then(
        () => null,
        (error: unknown) => error,
      );
      await restarting;
      expect(failed).toBeInstanceOf(DomainError);
      expect(failed).toMatchObject({ code: 'WORKSPACE_UNAVAILABLE' });
      // Reads while the server is down fail the same clear way.
      await expect(readLicenses(team.read)).rejects.toMatchObject({ code: 'WORKSPACE_UNAVAILABLE' });

      cluster.start();
      // The same services, no restart of the process: the pool opens fresh connections.
      const companies = await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_companies');
      expect(companies % BATCH).toBe(0);
      expect(companies).toBeGreaterThanOrEqual(3 * BATCH);
      expect(companies).toBeLessThan(COMPANIES);
      expect(await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_users')).toBe(companies * PER_COMPANY);
      expect(await readLicenses(team.read)).toMatchObject({ inUse: companies * PER_COMPANY });

      const results = await applyImport(plan, fetched, context);
      expect(results.companies.filter((c) => c.outcome === 'mapped')).toHaveLength(companies);
      expect(await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_companies')).toBe(COMPANIES);
      expect(await count(connection.database, 'SELECT COUNT(*) AS count FROM managed_users')).toBe(COMPANIES * PER_COMPANY);
      expect(await team.checkIntegrity()).toEqual([]);
    } finally {
      await team.close();
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  }, 60_000);
});
