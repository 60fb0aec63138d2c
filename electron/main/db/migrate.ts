import { createHash } from 'node:crypto';
import { RESOURCES } from '../base/resources';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import type { SqlDialect } from './sql-builder';
import { WorkspaceError, type MigrationReport, type SqlReader, type Workspace } from './workspace';

interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

/** Of the dialect's text: a local workspace keeps the checksums it was given before PostgreSQL existed. */
export function migrationChecksum(migration: Migration, dialect: SqlDialect): string {
  return createHash('sha256').update(migration[dialect]).digest('hex');
}

const MIGRATIONS_TABLE: Record<SqlDialect, string> = {
  sqlite: 'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  postgres: 'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)',
};

const appliedSteps = (db: SqlReader) => db.rows(db.q.selectFrom('schema_migrations').select(['id', 'name', 'checksum']).orderBy('id'));

/**
 * Brings the schema up to date, one transaction per migration, and refuses to
 * touch a database that is newer than this build or whose history was edited.
 */
export async function migrate(
  workspace: Pick<Workspace, 'transaction'>,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  assertOrdered(migrations);
  // Every step holds the schema: workstations opening a new team workspace at once migrate it one at a time.
  await workspace.transaction(async (tx) => {
    await tx.lockResource(RESOURCES.schema);
    await tx.exec(MIGRATIONS_TABLE[tx.dialect]);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await workspace.transaction(async (tx) => {
      await tx.lockResource(RESOURCES.schema);
      const rows = await appliedSteps(tx);
      verifyHistory(rows, migrations, tx.dialect);
      if (rows.some((row) => row.id === migration.id)) return false;
      await tx.exec(migration[tx.dialect]);
      await tx.execute(
        tx.q.insertInto('schema_migrations').values({ id: migration.id, name: migration.name, checksum: migrationChecksum(migration, tx.dialect), applied_at: new Date().toISOString() }),
      );
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return { applied, current: migrations.at(-1)?.id ?? 0 };
}

export interface SchemaState {
  /** The highest step applied to this workspace (0: none yet). */
  readonly current: number;
  /** The highest step this build knows. */
  readonly latest: number;
  /** Steps this build would apply (`workspace migrate`, or opening it in the app). */
  readonly pending: readonly { id: number; name: string }[];
}

/**
 * Where a workspace's schema stands, without changing it. Throws the same
 * WorkspaceError as `migrate` for a newer or edited schema history.
 */
export async function schemaState(db: SqlReader, migrations: readonly Migration[]): Promise<SchemaState> {
  const found =
    db.dialect === 'sqlite'
      ? await db.get("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
      : await db.get("SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'");
  const rows = found ? await appliedSteps(db) : [];
  verifyHistory(rows, migrations, db.dialect);
  const done = new Set(rows.map((row) => row.id));
  return {
    current: rows.at(-1)?.id ?? 0,
    latest: migrations.at(-1)?.id ?? 0,
    pending: migrations.filter((migration) => !done.has(migration.id)).map(({ id, name }) => ({ id, name })),
  };
}

/**
 * A workspace just opened: migrated to this build's schema (or, with `migrate: false`, only checked and
 * reported), and closed again when that fails, so a caller never holds a half-opened workspace.
 */
export async function prepareOpened(workspace: Workspace, options: { readonly migrations?: readonly Migration[]; readonly migrate?: boolean }): Promise<MigrationReport> {
  const migrations = options.migrations ?? MIGRATIONS;
  try {
    return options.migrate === false ? { applied: [], current: (await schemaState(workspace.read, migrations)).current } : await migrate(workspace, migrations);
  } catch (error) {
    await workspace.close();
    throw error;
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.id !== index + 1) throw new WorkspaceError(`Migration list is out of order at ${migration.id}-${migration.name}`);
  });
}

function verifyHistory(rows: readonly AppliedRow[], migrations: readonly Migration[], dialect: SqlDialect): void {
  for (const row of rows) {
    const known = migrations.find((migration) => migration.id === row.id);
    if (!known) {
      throw new WorkspaceError(
        `This workspace was last opened by a newer version of MSP Roster (schema step ${row.id} "${row.name}"). Update MSP Roster to open it.`,
        'schema-newer',
      );
    }
    if (migrationChecksum(known, dialect) !== row.checksum) {
      throw new WorkspaceError(`Schema step ${row.id} "${row.name}" differs from the one applied to this workspace; refusing to continue.`, 'schema-edited');
    }
  }
}
