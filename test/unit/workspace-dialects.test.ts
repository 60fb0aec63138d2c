/**
 * The same workspace behaviour on both backends: a local SQLite file and a team database on a real
 * PostgreSQL server (a throwaway cluster). One suite, run once per dialect.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/main/base/domain-error';
import { schemaState } from '../../electron/main/db/migrate';
import { MIGRATIONS } from '../../electron/main/db/migrations';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import * as admins from '../../electron/main/db/repositories/administrators';
import { readSetting, writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import type { Workspace } from '../../electron/main/db/workspace';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import { z } from 'zod';
import { startPgCluster, type PgCluster } from '../support/postgres/cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 120_000);
afterAll(() => cluster?.destroy());

type Opener = () => Promise<{ open: () => Promise<Workspace>; dispose: () => Promise<void> }>;

const backends: Record<'sqlite' | 'postgres', Opener> = {
  sqlite: async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    return { open: async () => (await SqliteWorkspace.open({ file })).workspace, dispose: async () => undefined };
  },
  postgres: async () => {
    const database = await cluster.createDatabase();
    const connection = { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database };
    return { open: async () => (await PostgresWorkspace.open({ connection })).workspace, dispose: async () => void (await cluster.sql('postgres', `DROP DATABASE ${database} WITH (FORCE)`)) };
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
    const admin = { id: 'a1', name: 'Mira', email: 'Mira@Example.com', role: 'master_admin' as const, passwordHash: 'h', mustChangePassword: true };
    await workspace.transaction((tx) => admins.insertAdministrator(tx, admin, '2026-11-30T10:00:00.000Z'));
    expect(await admins.findAdministratorByEmail(workspace.read, 'mira@example.COM')).toEqual(admin);
    expect(await admins.countAdministrators(workspace.read)).toBe(1);
    await workspace.transaction((tx) => admins.updatePassword(tx, 'a1', 'h2', false, '2026-11-30T11:00:00.000Z'));
    expect(await admins.findAdministratorById(workspace.read, 'a1')).toMatchObject({ passwordHash: 'h2', mustChangePassword: false });
    await workspace.close();
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
