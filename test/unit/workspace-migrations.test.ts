/**
 * The local SQLite file as such: WAL mode, STRICT tables, checkpoints, migrating an old file. SQLite only (not in
 * `unit-postgres`); the migration guards on both dialects are in workspace-dialects.test.ts.
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/main/db/migrations';
import type { Migration } from '../../electron/main/db/migrations/migration';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  db.close();
  return names;
}

describe('SQLite workspace migrations', () => {
  it('apply to an empty database, in WAL mode', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    const { workspace, migrations } = await SqliteWorkspace.open({ file });
    expect(migrations).toEqual({ applied: MIGRATIONS.map((m) => m.id), current: MIGRATIONS.length });
    expect(await workspace.read.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    await workspace.close();
    expect(tables(file)).toEqual(['administrator_groups', 'administrators', 'audit_log', 'company_mappings', 'contact_mappings', 'directory_sync_lock', 'directory_sync_runs', 'import_cycle_batches', 'import_cycles', 'import_snapshots', 'integration_lock_fences', 'integration_locks', 'managed_companies', 'managed_users', 'record_history', 'schema_migrations', 'technician_groups', 'technicians', 'workspace_settings']);
  });

  it('are idempotent: reopening applies nothing and changes nothing', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    await (await SqliteWorkspace.open({ file })).workspace.close();
    const again = await SqliteWorkspace.open({ file });
    expect(again.migrations.applied).toEqual([]);
    const rows = await again.workspace.read.all<{ id: number }>('SELECT id FROM schema_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
    await again.workspace.close();
  });

  it('apply only the new step to an older workspace', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    await (await SqliteWorkspace.open({ file })).workspace.close();
    const next: Migration = { id: MIGRATIONS.length + 1, name: 'add-notes', sqlite: 'CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT;', postgres: 'CREATE TABLE notes (id INTEGER PRIMARY KEY);' };
    const upgraded = await SqliteWorkspace.open({ file, migrations: [...MIGRATIONS, next] });
    expect(upgraded.migrations.applied).toEqual([next.id]);
    await upgraded.workspace.close();
  });

  it('refuse a workspace written by a newer version', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    const next: Migration = { id: MIGRATIONS.length + 1, name: 'future', sqlite: 'CREATE TABLE future (id INTEGER) STRICT;', postgres: 'CREATE TABLE future (id INTEGER);' };
    await (await SqliteWorkspace.open({ file, migrations: [...MIGRATIONS, next] })).workspace.close();
    await expect(SqliteWorkspace.open({ file })).rejects.toThrow(/newer version of MSP Roster/);
  });

  it('refuse a workspace whose applied step was edited afterwards (append-only)', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    await (await SqliteWorkspace.open({ file })).workspace.close();
    const edited = MIGRATIONS.map((m) => (m.id === 1 ? { ...m, sqlite: `${m.sqlite}\n-- edited` } : m));
    await expect(SqliteWorkspace.open({ file, migrations: edited })).rejects.toThrow(/differs from the one applied/);
  });

  it('roll back a failing step completely', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    await (await SqliteWorkspace.open({ file })).workspace.close();
    const broken: Migration = { id: MIGRATIONS.length + 1, name: 'broken', sqlite: 'CREATE TABLE half (id INTEGER) STRICT; SELECT * FROM missing_table;', postgres: 'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;' };
    await expect(SqliteWorkspace.open({ file, migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/no such table/);
    expect(tables(file)).not.toContain('half');
  });
});

describe('SQLite workspace transactions', () => {
  it('commit on success, roll back on error, and never show uncommitted writes to readers', async () => {
    const { workspace } = await SqliteWorkspace.open({ file: join(tempDir(), 'w.sqlite') });
    await workspace.transaction((tx) => tx.run("INSERT INTO workspace_settings (key, value) VALUES ('a', '1')"));
    await expect(
      workspace.transaction(async (tx) => {
        await tx.run("INSERT INTO workspace_settings (key, value) VALUES ('b', '2')");
        expect(await workspace.read.get("SELECT * FROM workspace_settings WHERE key = 'b'")).toBeUndefined();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await workspace.read.all('SELECT key FROM workspace_settings ORDER BY key')).toEqual([{ key: 'a' }]);
    await workspace.close();
  });

  it('run one at a time, in order, even when started together', async () => {
    const { workspace } = await SqliteWorkspace.open({ file: join(tempDir(), 'w.sqlite') });
    const order: string[] = [];
    await Promise.all(
      ['first', 'second', 'third'].map((name) =>
        workspace.transaction(async (tx) => {
          order.push(`${name}:start`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.run('INSERT INTO workspace_settings (key, value) VALUES (?, ?)', [name, '"x"']);
          order.push(`${name}:end`);
        }),
      ),
    );
    expect(order).toEqual(['first:start', 'first:end', 'second:start', 'second:end', 'third:start', 'third:end']);
    await workspace.close();
  });

  it('refuse a writer used after its transaction ended', async () => {
    const { workspace } = await SqliteWorkspace.open({ file: join(tempDir(), 'w.sqlite') });
    let leaked: Parameters<Parameters<typeof workspace.transaction>[0]>[0] | undefined;
    await workspace.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(Promise.resolve().then(() => leaked!.run("INSERT INTO workspace_settings VALUES ('x', '1')"))).rejects.toThrow(/after its transaction ended/);
    await workspace.close();
  });

  it('write many rows in bulk, in order, with runMany', async () => {
    const { workspace } = await SqliteWorkspace.open({ file: join(tempDir(), 'w.sqlite') });
    const rows = Array.from({ length: 500 }, (_, index) => [`key-${index}`, String(index)]);
    const { changes } = await workspace.transaction((tx) => tx.runMany('INSERT INTO workspace_settings (key, value) VALUES (?, ?)', rows));
    expect(changes).toBe(500);
    expect(await workspace.read.get('SELECT value FROM workspace_settings WHERE key = ?', ['key-499'])).toEqual({ value: '499' });
    await workspace.close();
  });

  it('in bulk, write the log back once at the end instead of after every commit', async () => {
    const walSize = async (bulk: boolean): Promise<number> => {
      const file = join(tempDir(), `${bulk ? 'bulk' : 'plain'}.sqlite`);
      const { workspace } = await SqliteWorkspace.open({ file });
      let largest = 0;
      const write = async () => {
        // Three commits of ~1,500 pages each: past the 1,000-page threshold every time.
        for (let commit = 0; commit < 3; commit++) {
          await workspace.transaction((tx) => tx.runMany('INSERT INTO workspace_settings (key, value) VALUES (?, ?)', Array.from({ length: 3_000 }, (_, index) => [`${commit}-${index}`, 'x'.repeat(1_500)])));
          largest = Math.max(largest, statSync(`${file}-wal`).size);
        }
      };
      await (bulk ? workspace.bulk(write) : write());
      const rows = await workspace.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM workspace_settings');
      expect(rows?.n).toBeGreaterThanOrEqual(9_000);
      await workspace.close();
      return largest;
    };
    const plain = await walSize(false);
    const bulk = await walSize(true);
    // Without checkpoints in between, the log keeps every commit: about three times the size.
    expect(bulk).toBeGreaterThan(plain * 2.5);
  });
});

describe('the change token', () => {
  it('stays while nobody commits, and moves on a commit of ours or of another connection to the file', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    const { workspace } = await SqliteWorkspace.open({ file });
    const quiet = await workspace.changeToken();
    await workspace.read.all('SELECT * FROM managed_companies');
    expect(await workspace.changeToken()).toBe(quiet);
    await workspace.transaction((tx) => tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('a', 'A', '2026-01-01', NULL, 'manual')"));
    const afterOurs = await workspace.changeToken();
    expect(afterOurs).not.toBe(quiet);
    // Another process opening the same file: here, another connection.
    const other = new Database(file);
    other.prepare("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('b', 'B', '2026-01-01', NULL, 'manual')").run();
    other.close();
    expect(await workspace.changeToken()).not.toBe(afterOurs);
    await workspace.close();
  });
});
