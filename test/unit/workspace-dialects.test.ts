/**
 * The same workspace behaviour on both backends: a local SQLite file and a team database on a real
 * PostgreSQL server (a throwaway cluster). One suite, run once per dialect.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/main/base/domain-error';
import { schemaState } from '../../electron/main/db/migrate';
import { MIGRATIONS } from '../../electron/main/db/migrations';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import * as admins from '../../electron/main/db/repositories/administrators';
import * as directory from '../../electron/main/db/repositories/directory';
import * as history from '../../electron/main/db/repositories/import-history';
import { WriteBuffer } from '../../electron/main/db/write-buffer';
import { readSetting, writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import type { Workspace } from '../../electron/main/db/workspace';
import type { Migration } from '../../electron/main/db/migrations/migration';
import * as directorySync from '../../electron/main/db/repositories/directory-sync';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import { z } from 'zod';
import { usePgCluster } from '../support/postgres/use-cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const cluster = usePgCluster();

/** `open` migrates to the latest step, or to the last of `migrations` when given (an older version's workspace). */
type Opener = () => Promise<{ open: (migrations?: readonly Migration[]) => Promise<Workspace>; dispose: () => Promise<void> }>;

const backends: Record<'sqlite' | 'postgres', Opener> = {
  sqlite: async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    return { open: async (migrations = MIGRATIONS) => (await SqliteWorkspace.open({ file, migrations })).workspace, dispose: async () => undefined };
  },
  postgres: async () => {
    const database = await cluster().createDatabase();
    const connection = { host: cluster().host, port: cluster().port, user: cluster().user, password: cluster().password, database };
    return { open: async (migrations = MIGRATIONS) => (await PostgresWorkspace.open({ connection, migrations })).workspace, dispose: async () => void (await cluster().sql('postgres', `DROP DATABASE ${database} WITH (FORCE)`)) };
  },
};

describe.each(Object.entries(backends))('a %s workspace', (dialect, backend) => {
  it('is migrated to the latest step on first open, and a second open applies nothing', async () => {
    const { open, dispose } = await backend();
    const first = await open();
    expect(await schemaState(first.read, MIGRATIONS)).toMatchObject({ current: MIGRATIONS.length, pending: [] });
    await first.close();
    const again = await open();
    expect(first.kind).toBe(dialect);
    expect(await schemaState(again.read, MIGRATIONS)).toMatchObject({ current: MIGRATIONS.length, pending: [] });
    await again.close();
    await dispose();
  });

  it('stores and finds administrators with the same values (email case-insensitive, flags as booleans, counts as numbers)', async () => {
    const { open, dispose } = await backend();
    const workspace = await open();
    const admin = { id: 'a1', name: 'Mira', email: 'Mira@Example.com', role: 'master_admin' as const, passwordHash: 'h', mustChangePassword: true, enabled: true };
    await workspace.transaction((tx) => admins.insertAdministrator(tx, admin, '2026-11-30T10:00:00.000Z'));
    expect(await admins.findAdministratorByEmail(workspace.read, 'mira@example.COM')).toEqual(admin);
    expect(await admins.countAdministrators(workspace.read)).toBe(1);
    await workspace.transaction((tx) => admins.updatePassword(tx, 'a1', 'h2', false, '2026-11-30T11:00:00.000Z'));
    expect(await admins.findAdministratorById(workspace.read, 'a1')).toMatchObject({ passwordHash: 'h2', mustChangePassword: false });
    await workspace.close();
    await dispose();
  });

  it('reads by column what it reads by row, in the same order and types, in and out of a transaction', async () => {
    const { open, dispose } = await backend();
    const workspace = await open();
    const people = [
      { id: 'a2', name: 'Zoë', email: 'zoe@example.com', role: 'admin' as const, passwordHash: 'h', mustChangePassword: false, enabled: false },
      { id: 'a1', name: 'Mira', email: 'mira@example.com', role: 'master_admin' as const, passwordHash: 'h', mustChangePassword: true, enabled: true },
    ];
    for (const person of people) await workspace.transaction((tx) => admins.insertAdministrator(tx, person, '2026-12-02T10:00:00.000Z'));
    const query = workspace.read.q.selectFrom('administrators').select(['id', 'name', 'enabled']).orderBy('id');
    const rows = await workspace.read.rows(query);
    expect(rows.map((row) => row.name)).toEqual(['Mira', 'Zoë']);
    const columns = await workspace.read.columns(query);
    expect(columns).toEqual({ id: rows.map((row) => row.id), name: rows.map((row) => row.name), enabled: rows.map((row) => row.enabled) });
    expect(await workspace.transaction((tx) => tx.columns(query))).toEqual(columns);
    // The same SQL still answers objects through rows after it answered columns.
    expect(await workspace.read.rows(query)).toEqual(rows);
    expect(await workspace.read.columns(query.where('id', '=', 'none'))).toEqual({ id: [], name: [], enabled: [] });
    await workspace.close();
    await dispose();
  });

  it('moves a sync run’s logged entries onto the run, in their order, when migration 9 upgrades the workspace', async () => {
    const { open, dispose } = await backend();
    // A workspace as version 8 left it: a run's entries one row each.
    const older = await open(MIGRATIONS.slice(0, 8));
    await older.transaction(async (tx) => {
      await tx.run("INSERT INTO directory_sync_runs (id, started_at, finished_at, trigger, by_name, dry_run, outcome, counts) VALUES ('r1', '2026-12-02T09:00:00Z', '2026-12-02T09:00:01Z', 'service', 'Sync service', 0, 'problems', '{}')");
      await tx.run("INSERT INTO directory_sync_runs (id, started_at, finished_at, trigger, by_name, dry_run, outcome, counts) VALUES ('r2', '2026-12-02T10:00:00Z', '2026-12-02T10:00:01Z', 'app', 'Mira', 1, 'succeeded', '{}')");
      const slots = Array.from({ length: 8 }, (_, at) => (dialect === 'sqlite' ? '?' : `$${at + 1}`)).join(', ');
      const entry = `INSERT INTO directory_sync_entries (run_id, seq, kind, code, name, email, user_dn, detail) VALUES (${slots})`;
      await tx.run(entry, ['r1', 1, 'problem', 'no-email', 'Cor', '', 'CN=Cor,DC=x', '']);
      await tx.run(entry, ['r1', 0, 'change', 'create', 'Zoë "Z" de Vries', 'zoe@example.com', 'CN=Zoë\\, Z,DC=x', '{"group":"Desk"}']);
    });
    await older.close();
    const upgraded = await open();
    expect(await schemaState(upgraded.read, MIGRATIONS)).toMatchObject({ current: MIGRATIONS.length, pending: [] });
    expect(await directorySync.listSyncEntries(upgraded.read, 'r1')).toEqual([
      { kind: 'change', code: 'create', name: 'Zoë "Z" de Vries', email: 'zoe@example.com', userDn: 'CN=Zoë\\, Z,DC=x', detail: '{"group":"Desk"}' },
      { kind: 'problem', code: 'no-email', name: 'Cor', email: '', userDn: 'CN=Cor,DC=x', detail: '' },
    ]);
    expect(await directorySync.listSyncEntries(upgraded.read, 'r2')).toEqual([]);
    await upgraded.close();
    await dispose();
  });

  it('rolls a failed transaction back completely, and upserts settings', async () => {
    const { open, dispose } = await backend();
    const workspace = await open();
    const seats = z.number().int();
    await workspace.transaction((tx) => writeSetting(tx, 'license_seats', 10));
    await expect(
      workspace.transaction(async (tx) => {
        await writeSetting(tx, 'license_seats', 99);
        throw new DomainError('SEATS_NEGATIVE', 'no');
      }),
    ).rejects.toThrow('no');
    expect(await readSetting(workspace.read, 'license_seats', seats, 0)).toBe(10);
    await workspace.transaction((tx) => writeSetting(tx, 'license_seats', 12));
    expect(await readSetting(workspace.read, 'license_seats', seats, 0)).toBe(12);
    await workspace.close();
    await dispose();
  });

  it('changes its change token when anyone commits', async () => {
    const { open, dispose } = await backend();
    const workspace = await open();
    const other = await open();
    const before = await workspace.changeToken();
    expect(await workspace.changeToken()).toBe(before);
    await other.transaction((tx) => writeSetting(tx, 'k', 1));
    expect(await workspace.changeToken()).not.toBe(before);
    await Promise.all([workspace.close(), other.close()]);
    await dispose();
  });

  it('keeps the directory the same way: bulk inserts, the companies list with its mapping pairs, keyset slices, lookups', async () => {
    const { open, dispose } = await backend();
    const workspace = await open();
    const now = '2026-11-30T12:00:00.000Z';
    await workspace.transaction(async (tx) => {
      const writes = new WriteBuffer();
      for (let n = 1; n <= 30; n++) {
        const id = `c${String(n).padStart(2, '0')}`;
        writes.add(directory.managedCompanyInsert({ id, name: n === 7 ? 'bakker bouw' : `Company ${n}`, origin: 'psa-import', createdBy: 'a1' }, now));
        writes.add(directory.companyMappingInsert('autotask', `at-${id}`, id, `Company ${n}`, 'a1', now));
        writes.add(directory.userInsert({ id: `u-${id}`, managedCompanyId: id, name: `User ${n}`, email: `User${n}@Example.com` }, now));
        writes.add(directory.contactMappingInsert('autotask', `ct-${id}`, `u-${id}`, `user${n}@example.com`, 'a1', now));
      }
      await writes.flush(tx);
      await directory.insertCompanyMapping(tx, 'connectwise', 'cw-1', 'c01', 'Company 1', 'a1', now);
      await directory.markPsaCompaniesGone(tx, 'autotask', ['at-c01'], [], now);
    });
    const list = await directory.listManagedCompanies(workspace.read);
    expect(list).toHaveLength(30);
    expect(list[0]).toMatchObject({ name: 'bakker bouw', users: 1, licensedUsers: 1 });
    const first = list.find((row) => row.id === 'c01')!;
    expect(first.mappings?.split(',').sort()).toEqual(['autotask:at-c01', 'connectwise:cw-1']);
    expect(first).toMatchObject({ goneMappings: 'autotask:at-c01', lastImportedAt: now, users: 1 });
    // Slices of 7 meet every mapping once, in key order.
    const seen: string[] = [];
    for (let after: string | null = null; ; ) {
      const slice = await directory.listCompanyMappingsSlice(workspace.read, 'autotask', after, 7);
      seen.push(...slice.map((row) => row.psaCompanyId));
      if (slice.length < 7) break;
      after = slice.at(-1)!.sliceKey;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(30);
    expect(await directory.findUserByEmail(workspace.read, 'c03', 'user3@EXAMPLE.com')).toMatchObject({ id: 'u-c03', hasLicense: true });
    expect(await directory.contactMappingsOf(workspace.read, 'autotask', ['ct-c02', 'ct-none'])).toEqual(new Map([['ct-c02', 'u-c02']]));
    expect(await directory.listContactMappingsOfCompany(workspace.read, 'autotask', 'c05')).toEqual([{ psaContactId: 'ct-c05', userId: 'u-c05' }]);
    expect(await directory.licensesInUse(workspace.read)).toBe(30);
    expect(await history.companyDependents(workspace.read, 'c01')).toEqual({ users: 1, mappings: 2 });
    await workspace.close();
    await dispose();
  });

  it('never gives an integration lock to two holders at once, across separate connections (20 rounds of 6 contenders)', async () => {
    const { open, dispose } = await backend();
    // PostgreSQL: six connection pools, as six workstations have. SQLite: one process has one workspace
    // (its writes queue); other processes contend through the file (integration-locks.test.ts).
    const shared = dialect === 'sqlite' ? await open() : null;
    const workspaces = shared ? [shared] : await Promise.all(Array.from({ length: 6 }, () => open()));
    const locks = Array.from({ length: 6 }, (_, index) => new IntegrationLocks(workspaces[index % workspaces.length]!, 60_000));
    let lastToken = 0;
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all(locks.map((lock, index) => lock.acquire('autotask', { adminId: `a${index}`, name: `Admin ${index}`, session: `s${round}:${index}` })));
      const winners = results.flatMap((result) => (result.ok ? [result.lock] : []));
      expect(winners).toHaveLength(1);
      expect(winners[0]!.token).toBeGreaterThan(lastToken);
      lastToken = winners[0]!.token;
      const winner = results.findIndex((result) => result.ok);
      await locks[winner]!.release(winners[0]!, `s${round}:${winner}`);
    }
    await Promise.all(workspaces.map((workspace) => workspace.close()));
    await dispose();
  }, 60_000);
});
