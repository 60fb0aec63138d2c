/**
 * Move local → team: a real local workspace (SQLite file) copied into an empty team workspace on a real
 * PostgreSQL server (and, the same code, into another SQLite file). Afterwards the data is the same —
 * counts and a content checksum per table — and the team workspace works through the services.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/main/base/caller';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import * as directory from '../../electron/main/db/repositories/directory';
import * as directorySync from '../../electron/main/db/repositories/directory-sync';
import * as history from '../../electron/main/db/repositories/import-history';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { WorkspaceError, type Workspace } from '../../electron/main/db/workspace';
import { backupLocalWorkspace } from '../../electron/main/db/workspace-backup';
import { copyWorkspace, workspaceChecksums, type TableCopy } from '../../electron/main/db/workspace-copy';
import { tableCounts } from '../../electron/main/db/workspace-report';
import { WriteBuffer } from '../../electron/main/db/write-buffer';
import { createFileLogger, Redactor } from '../../electron/main/logging/logger';
import { createMemoryStore } from '../../electron/main/preferences/memory-store';
import { createServices, type Services } from '../../electron/main/services/create-services';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { TEST_PASSWORD_HASH_COST } from '../support/password-cost';
import { usePgCluster } from '../support/postgres/use-cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
const caller: Caller = { sessionKey: 'test' };

const cluster = usePgCluster();

function servicesOn(workspace: Workspace): Services {
  const dataDir = tempDir();
  const redactor = new Redactor();
  return createServices({ workspace, cipher: new EphemeralCipher(), settings: createMemoryStore(), log: createFileLogger({ dataDir, redactor, echo: false }), redactor, dataDir, signInFailureDelayMs: 1, passwordHashCost: TEST_PASSWORD_HASH_COST });
}

/**
 * A local workspace as the app leaves it after a while: two administrators (audit log), technician groups and a
 * technician, seats, companies
 * with users and PSA mappings, record history, an import cycle with its batches, a held integration lock.
 */
async function localWorkspace(scale = { companies: 40, usersPerCompany: 3 }): Promise<{ file: string; workspace: SqliteWorkspace }> {
  const file = join(tempDir(), 'workspace.sqlite');
  const { workspace } = await SqliteWorkspace.open({ file });
  const services = servicesOn(workspace);
  const admin = await services.auth.createFirstAdmin(caller, { name: 'Mira de Vries', email: 'Mira@Example.com', password: PASSWORD });
  // The organisation: a group nested under one created after it (its parent has the higher id), a technician, an assignment.
  const helpdesk = await services.org.createGroup(caller, { name: 'Helpdesk', parentId: null });
  const field = await services.org.createGroup(caller, { name: 'Field service', parentId: null });
  await services.org.moveGroup(caller, { id: helpdesk, parentId: field });
  await services.org.createTechnician(caller, { groupId: helpdesk, name: 'Henk', nickname: 'Henk', email: 'henk@example.com', ssoId: 'sso-1', description: '', password: 'Lantern-Quiet-Harbour-77?', enabled: true, standardLicense: true, mobileLicense: true });
  await services.administrators.create(caller, { name: 'Joost', email: 'joost@example.com', password: 'Lantern-Quiet-Harbour-77?', role: 'admin', groupIds: [field] });
  await services.licenses.setSeats(5_000_000);
  await services.directory.create('Çelik Transport', admin.adminId);
  await services.directory.create('bakker bouw', admin.adminId);
  const now = '2026-11-30T12:00:00.000Z';
  await workspace.bulk(async () => {
    for (let start = 0; start < scale.companies; start += 1_000) {
      await workspace.transaction(async (tx) => {
        const writes = new WriteBuffer();
        for (let c = start; c < Math.min(scale.companies, start + 1_000); c++) {
          const id = `co-${String(c).padStart(6, '0')}`;
          writes.add(directory.managedCompanyInsert({ id, name: `Company ${c} ‘quoted’ "x"`, origin: 'psa-import', createdBy: admin.adminId }, now));
          writes.add(directory.companyMappingInsert('autotask', `at-${c}`, id, `Company ${c}`, admin.adminId, now));
          writes.add(directory.historyInsert('company', id, 'imported', admin.adminId, now, { psa: 'autotask' }));
          for (let u = 0; u < scale.usersPerCompany; u++) {
            const userId = `${id}-u${u}`;
            writes.add(directory.userInsert({ id: userId, managedCompanyId: id, name: `User ${u} of ${c}`, email: `User${u}.${c}@Example.com` }, now));
            writes.add(directory.contactMappingInsert('autotask', `ct-${c}-${u}`, userId, u === 0 ? null : `user${u}.${c}@example.com`, admin.adminId, now));
          }
        }
        await writes.flush(tx);
      });
    }
  });
  await workspace.transaction(async (tx) => {
    await directory.markPsaCompaniesGone(tx, 'autotask', ['at-1'], [], now);
    await history.insertCycle(tx, { id: 'cycle-1', psa: 'autotask', actorId: admin.adminId, actorName: 'Mira de Vries', filter: null, startedAt: now, counts: '{}' });
    await history.recordBatch(tx, 'cycle-1', 1, '[{"kind":"company"}]', '[]', '{"companies":1}', null);
    await history.recordBatch(tx, 'cycle-1', 2, '[]', '["oops"]', '{"companies":2}', now);
    await history.setUserLicense(tx, 'co-000000-u0', false, now);
    // A directory sync's log (a run with its entries) and its held lease.
    await directorySync.insertSyncRun(tx, { id: 'run-1', startedAt: now, finishedAt: now, trigger: 'service', byName: 'Sync service', dryRun: false, outcome: 'problems', counts: '{"created":1}', failureCode: null, failureDetail: null }, [
      { kind: 'change', code: 'created', name: 'Sanne Çelik', email: 'sanne@example.com', userDn: 'CN=Sanne Çelik,OU=Staff,DC=example,DC=com', detail: '{}' },
      { kind: 'problem', code: 'DIRECTORY_EMAIL_TAKEN', name: 'Ruud', email: 'henk@example.com', userDn: 'CN=Ruud,OU=Staff,DC=example,DC=com', detail: '' },
    ]);
    await directorySync.writeSyncLease(tx, { holderSession: 'service', holderName: 'Sync service', acquiredAt: now, expiresAtMs: Date.parse(now) + 60_000 });
  });
  // A kept download (binary content) with its draft plan.
  const snapshotId = await services.snapshots.keep({
    psa: 'autotask',
    integration: { accountHint: 'api@msp.example', apiBaseUrl: null },
    filter: DEFAULT_PSA_FILTER,
    actor: { adminId: admin.adminId, name: 'Mira de Vries' },
    result: { companies: [{ psaId: '1', name: 'Çelik', typeLabel: null, active: true, lastModifiedAt: null }], contacts: [] },
  });
  await services.snapshots.saveDraft(snapshotId, { selected: { '1': true }, companies: {}, users: {}, notes: { '1': 'ask' } });
  const lock = await services.locks.acquire('autotask', { adminId: admin.adminId, name: 'Mira de Vries', session: 'local' });
  expect(lock.ok).toBe(true);
  await services.close();
  return { file, workspace };
}

type Target = { workspace: Workspace; reopen: () => Promise<Workspace> };

const targets: Record<'postgres' | 'sqlite', () => Promise<Target>> = {
  postgres: async () => {
    const database = await cluster().createDatabase('team');
    const connection = { host: cluster().host, port: cluster().port, user: cluster().user, password: cluster().password, database };
    const reopen = async () => (await PostgresWorkspace.open({ connection })).workspace;
    return { workspace: await reopen(), reopen };
  },
  sqlite: async () => {
    const file = join(tempDir(), 'other.sqlite');
    const reopen = async () => (await SqliteWorkspace.open({ file })).workspace;
    return { workspace: await reopen(), reopen };
  },
};

const emptyCounts = (sums: readonly TableCopy[]) => sums.every((table) => table.rows === 0);

describe.each(Object.entries(targets))('moving a local workspace into an empty %s workspace', (dialect, makeTarget) => {
  it('copies every table: the same counts and checksums on both sides, and the team workspace works through the services', async () => {
    const { workspace: local } = await localWorkspace();
    const { workspace: team } = await makeTarget();
    const progress: Array<[number, number]> = [];
    const report = await copyWorkspace(local, team, { batchRows: 17, onProgress: (done, total) => progress.push([done, total]) });

    const before = await workspaceChecksums(local);
    const after = await workspaceChecksums(team);
    expect(after).toEqual(before);
    expect(report.tables).toEqual(before);
    expect(Object.fromEntries(report.tables.map((table) => [table.table, table.rows]))).toMatchObject({
      administrators: 2,
      technician_groups: 2,
      technicians: 1,
      administrator_groups: 1,
      managed_companies: 42,
      managed_users: 120,
      company_mappings: 40,
      contact_mappings: 120,
      record_history: 42,
      import_cycles: 1,
      import_cycle_batches: 2,
      import_snapshots: 1,
      integration_locks: 1,
      integration_lock_fences: 1,
      directory_sync_runs: 1,
      directory_sync_lock: 1,
    });
    expect(report.tables.every((table) => table.rows > 0)).toBe(true);
    expect(await tableCounts(team.read)).toEqual(await tableCounts(local.read));
    // A sync run's log entries travel with the run.
    expect(await directorySync.listSyncEntries(team.read, 'run-1')).toHaveLength(2);
    expect(await directorySync.listSyncEntries(team.read, 'run-1')).toEqual(await directorySync.listSyncEntries(local.read, 'run-1'));
    expect(progress.at(-1)).toEqual([report.totalRows, report.totalRows]);
    expect(progress.length).toBeGreaterThan(10);

    // The team workspace is the same workspace: the same administrator signs in, the same companies are listed.
    const services = servicesOn(team);
    const session = await services.auth.signIn(caller, { email: 'mira@example.com', password: PASSWORD });
    expect(session).toMatchObject({ name: 'Mira de Vries', role: 'master_admin' });
    const companies = await services.directory.list();
    expect(companies).toHaveLength(42);
    expect(companies.map((company) => company.name)).toContain('Çelik Transport');
    expect(await services.licenses.read()).toEqual({ seats: 5_000_000, inUse: 119 });
    expect(await services.locks.holder('autotask')).toMatchObject({ holderName: 'Mira de Vries' });

    // Ids were kept and the sequences moved past them: new rows with generated ids go in after the copied ones.
    const created = await services.directory.create('Nieuw BV', session.adminId);
    await team.transaction(async (tx) => {
      await history.insertCycle(tx, { id: 'cycle-2', psa: 'connectwise', actorId: session.adminId, actorName: 'Mira', filter: null, startedAt: 'now', counts: '{}' });
      await directory.recordHistory(tx, 'company', created.id, 'renamed', session.adminId, 'now');
    });
    expect((await history.listCycles(team.read)).map((cycle) => cycle.seq).sort()).toEqual([1, 2]);
    const counts = await tableCounts(team.read);
    expect(counts).toMatchObject({ managed_companies: 43, record_history: 44, import_cycles: 2 });
    expect(counts.audit_log).toBeGreaterThan(before.find((table) => table.table === 'audit_log')!.rows);
    expect(await team.checkIntegrity()).toEqual([]);
    await services.close();
    expect(dialect).toBe(team.kind);
    await Promise.all([local.close(), team.close()]);
  }, 60_000);

  it('refuses a target that holds rows, naming the tables, and leaves it as it was', async () => {
    const { workspace: local } = await localWorkspace({ companies: 3, usersPerCompany: 1 });
    const { workspace: team } = await makeTarget();
    const services = servicesOn(team);
    await services.auth.createFirstAdmin(caller, { name: 'Eva', email: 'eva@example.com', password: PASSWORD });
    await services.close();
    const before = await workspaceChecksums(team);
    const refusal = await copyWorkspace(local, team).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorkspaceError);
    expect(refusal).toMatchObject({ reason: 'not-empty', message: expect.stringMatching(/administrators \(1\), audit_log \(1\)/) as unknown });
    expect(await workspaceChecksums(team)).toEqual(before);
    await Promise.all([local.close(), team.close()]);
  }, 30_000);

  it('an abort midway rolls everything back: the target stays empty, and a second try then copies it all', async () => {
    const { workspace: local } = await localWorkspace();
    const { workspace: team } = await makeTarget();
    const controller = new AbortController();
    const copying = copyWorkspace(local, team, {
      batchRows: 10,
      signal: controller.signal,
      onProgress: (done, total) => {
        if (done > total / 2) controller.abort();
      },
    });
    await expect(copying).rejects.toMatchObject({ name: 'AbortError' });
    expect(emptyCounts(await workspaceChecksums(team))).toBe(true);
    const report = await copyWorkspace(local, team);
    expect(report.tables).toEqual(await workspaceChecksums(local));
    await Promise.all([local.close(), team.close()]);
  }, 30_000);

  it('a row the target refuses (a user whose company is missing) fails the copy with nothing written', async () => {
    const { file, workspace: local } = await localWorkspace({ companies: 5, usersPerCompany: 2 });
    await local.close();
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO managed_users (id, managed_company_id, name, email, email_key, status, has_license, created_at, updated_at) VALUES ('zz-orphan', 'gone', 'Ann', 'ann@x.nl', 'ann@x.nl', 'active', 1, 'now', 'now')").run();
    raw.close();
    const { workspace: broken } = await SqliteWorkspace.open({ file });
    const { workspace: team } = await makeTarget();
    await expect(copyWorkspace(broken, team, { batchRows: 3 })).rejects.toThrow(/foreign key/i);
    expect(emptyCounts(await workspaceChecksums(team))).toBe(true);
    await Promise.all([broken.close(), team.close()]);
  }, 30_000);
});

describe('a team workspace as the source', () => {
  it('copies back the other way (PostgreSQL, read in one REPEATABLE READ snapshot, into a new SQLite file) with the same checksums', async () => {
    const { workspace: local } = await localWorkspace({ companies: 30, usersPerCompany: 2 });
    const { workspace: team } = await targets.postgres();
    await copyWorkspace(local, team, { batchRows: 7 });
    const { workspace: back } = await targets.sqlite();
    const report = await copyWorkspace(team, back, { batchRows: 7 });
    const sums = await workspaceChecksums(local);
    expect(report.tables).toEqual(sums);
    expect(await workspaceChecksums(back)).toEqual(sums);
    await Promise.all([local.close(), team.close(), back.close()]);
  }, 30_000);
});

describe('the source read as one moment', () => {
  it('a company another workstation adds to the team workspace mid-copy is not half in it: the copy is the moment it began', async () => {
    const { workspace: local } = await localWorkspace({ companies: 10, usersPerCompany: 1 });
    const database = await cluster().createDatabase('source');
    const { workspace: team } = await PostgresWorkspace.open({ connection: { host: cluster().host, port: cluster().port, user: cluster().user, password: cluster().password, database } });
    await copyWorkspace(local, team);
    let added = false;
    // The source as copyWorkspace sees it, except that another connection commits a new company right after
    // the copy counted the rows and before it reads them.
    const source: Workspace = {
      kind: team.kind,
      read: team.read,
      onChange: (listener) => team.onChange(listener),
      transaction: (work) =>
        team.transaction((tx) =>
          work({
            ...tx,
            rows: async (query) => {
              if (!added) {
                added = true;
                await cluster().sql(database, "INSERT INTO managed_companies VALUES ('zz-late', 'Late BV', 'now', NULL, 'manual')");
              }
              return tx.rows(query);
            },
          }),
        ),
      bulk: (work) => team.bulk(work),
      changeToken: () => team.changeToken(),
      checkIntegrity: () => team.checkIntegrity(),
      close: () => team.close(),
    };
    const { workspace: back } = await targets.sqlite();
    const report = await copyWorkspace(source, back);
    expect(added).toBe(true);
    expect(report.tables).toEqual(await workspaceChecksums(local));
    expect((await tableCounts(team.read)).managed_companies).toBe(13);
    await Promise.all([local.close(), team.close(), back.close()]);
  }, 30_000);
});

describe('the verification before commit', () => {
  it('a target that stores something else than it was given (a trigger rewriting names) is caught by the checksum and rolled back', async () => {
    const { workspace: local } = await localWorkspace({ companies: 5, usersPerCompany: 1 });
    const database = await cluster().createDatabase('rewrite');
    const { workspace: team } = await PostgresWorkspace.open({ connection: { host: cluster().host, port: cluster().port, user: cluster().user, password: cluster().password, database } });
    await cluster().sql(
      database,
      `CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;
       CREATE TRIGGER shout BEFORE INSERT ON managed_companies FOR EACH ROW EXECUTE FUNCTION shout();`,
    );
    await expect(copyWorkspace(local, team)).rejects.toThrow(/did not match the source, so nothing was written: managed_companies: the copied rows differ/);
    expect(emptyCounts(await workspaceChecksums(team))).toBe(true);
    await Promise.all([local.close(), team.close()]);
  }, 30_000);
});

describe('the local file kept as a backup', () => {
  it('is a consistent copy next to the workspace, made while it is open, that opens with the same rows', async () => {
    const { file, workspace: local } = await localWorkspace({ companies: 25, usersPerCompany: 2 });
    const now = new Date('2026-11-30T22:15:04.123Z');
    const backup = await backupLocalWorkspace(file, { now });
    expect(backup).toBe(join(file, '..', 'workspace.before-team-20261130-221504.sqlite'));
    expect(await backupLocalWorkspace(file, { now })).toBe(join(file, '..', 'workspace.before-team-20261130-221504-2.sqlite'));
    const { workspace: copy } = await SqliteWorkspace.open({ file: backup, migrate: false });
    expect(await workspaceChecksums(copy)).toEqual(await workspaceChecksums(local));
    expect(await copy.checkIntegrity()).toEqual([]);
    await Promise.all([local.close(), copy.close()]);
  }, 30_000);
});

/**
 * How long a big move takes: by default 1,000 companies with 10,000 users (and as many mappings);
 * COPY_BENCH=1 for the 10,000 companies with 100,000 users.
 */
describe('a big workspace', () => {
  const big = process.env['COPY_BENCH'] === '1';
  const scale = big ? { companies: 10_000, usersPerCompany: 10 } : { companies: 1_000, usersPerCompany: 10 };
  it(`moves ${scale.companies.toLocaleString('en')} companies with ${(scale.companies * scale.usersPerCompany).toLocaleString('en')} users in seconds`, async () => {
    const { workspace: local } = await localWorkspace(scale);
    const { workspace: team } = await targets.postgres();
    const report = await copyWorkspace(local, team);
    const users = report.tables.find((table) => table.table === 'managed_users')!;
    expect(users.rows).toBe(scale.companies * scale.usersPerCompany);
    console.log(`copy of ${report.totalRows} rows into PostgreSQL (copied, verified, committed): ${report.elapsedMs} ms`);
    expect(report.elapsedMs).toBeLessThan(big ? 120_000 : 30_000);
    await Promise.all([local.close(), team.close()]);
  }, 300_000);
});
