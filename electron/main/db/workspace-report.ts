/** What a workspace holds, in numbers: for the CLI's `workspace info` and `check`, and for verifying a move. */
import { toCount } from './sql-builder';
import type { SqlReader } from './workspace';

/** Every table of the schema, in the order a report lists them. */
export const WORKSPACE_TABLES = [
  'administrators',
  'technician_groups',
  'technicians',
  'administrator_groups',
  'workspace_settings',
  'audit_log',
  'managed_companies',
  'managed_users',
  'company_mappings',
  'contact_mappings',
  'record_history',
  'import_cycles',
  'import_cycle_batches',
  'import_snapshots',
  'integration_locks',
  'integration_lock_fences',
  'directory_sync_runs',
  'directory_sync_lock',
] as const;

export type WorkspaceTable = (typeof WORKSPACE_TABLES)[number];

export async function tableCounts(db: SqlReader): Promise<Record<WorkspaceTable, number>> {
  const counts = {} as Record<WorkspaceTable, number>;
  for (const table of WORKSPACE_TABLES) counts[table] = toCount((await db.row(db.q.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))))?.n);
  return counts;
}

/**
 * The tables a database already has where a workspace keeps its own (PostgreSQL: the connection's
 * current schema, normally public; SQLite: the file), by name. Creating a team workspace or moving one
 * in refuses a database that holds anything but an unused workspace.
 */
export async function existingTables(db: SqlReader): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? await db.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")
      : await db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  return rows.map((row) => row.name);
}

export interface DatabaseContents {
  /** Every table there (see existingTables). */
  readonly tables: readonly string[];
  /** Those that are not a workspace's. */
  readonly foreign: readonly string[];
  /** Rows in the workspace's data tables that exist (0: a database nothing was written to, or an unused workspace). */
  readonly rows: number;
}

export async function databaseContents(db: SqlReader): Promise<DatabaseContents> {
  const tables = await existingTables(db);
  const ours = new Set<string>([...WORKSPACE_TABLES, 'schema_migrations']);
  let rows = 0;
  for (const table of WORKSPACE_TABLES) {
    if (tables.includes(table)) rows += toCount((await db.row(db.q.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))))?.n);
  }
  return { tables, foreign: tables.filter((table) => !ours.has(table)), rows };
}

/** The server's version as people write it ("15.8"), from `server_version_num`. */
export async function serverVersion(read: SqlReader): Promise<string> {
  if (read.dialect === 'sqlite') return 'SQLite';
  const row = await read.get<{ version: string }>("SELECT current_setting('server_version_num') AS version");
  const number = Number(row?.version ?? 0);
  return `${Math.floor(number / 10_000)}.${number % 10_000}`;
}
