/**
 * Copies a whole workspace into an empty one: a local SQLite workspace into a
 * team workspace on PostgreSQL ("Move local → team"), or any other pair.
 *
 * - Both must be at this build's latest schema step; the target must hold no
 *   rows in any data table (refused with reason 'not-empty', naming them).
 * - The source is read in one transaction, so the copy is one consistent
 *   moment of it. On SQLite that transaction also holds the file's write lock:
 *   nothing written locally can slip in after the snapshot and be left behind.
 *   On PostgreSQL it is REPEATABLE READ, READ ONLY.
 * - The target is written in ONE transaction, table by table in foreign-key
 *   order, in multi-row INSERTs. Ids are kept; PostgreSQL's identity sequences
 *   are then moved past the highest id, so later inserts do not collide.
 * - Before that transaction commits, every table is counted and checksummed
 *   again on the target (SHA-256 over its rows, values normalised; see
 *   TableChecksum) and compared with the source: any difference, an abort or
 *   any error rolls the whole target back, leaving it as empty as it was.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { RESOURCES } from '../base/resources';
import { schemaState } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Database } from './schema';
import { toCount } from './sql-builder';
import { WorkspaceError, type SqlReader, type SqlValue, type SqlWriter, type Workspace } from './workspace';

/** Every table that holds the workspace's data; schema_migrations belongs to the schema, which each side has of its own. */
export type CopyTable = Exclude<keyof Database, 'schema_migrations'>;
type ColumnOf<T extends CopyTable> = keyof Database[T] & string;

interface TableSpec {
  readonly table: CopyTable;
  /** Every column, in the order the checksum reads them. */
  readonly columns: readonly string[];
  /** The primary key, in order: pages and checksums go by it. */
  readonly key: readonly string[];
  /** A column PostgreSQL fills from an identity sequence. */
  readonly identity: string | null;
}

/**
 * The compiler checks each list against the schema: a column missing from `columns` (one added by a later
 * migration) is a type error here, not a column silently left behind by a move.
 */
function spec<T extends CopyTable, const C extends readonly ColumnOf<T>[]>(
  table: T,
  columns: C & ([ColumnOf<T>] extends [C[number]] ? unknown : { missing: Exclude<ColumnOf<T>, C[number]> }),
  key: readonly C[number][],
  options: { identity?: C[number] } = {},
): TableSpec {
  return { table, columns, key, identity: options.identity ?? null };
}

/**
 * Every data table (the mapped type makes a table added to the schema but missing here a type error), in
 * foreign-key order: a table comes after every table it references. Object keys keep this order.
 */
const SPECS: { readonly [T in CopyTable]: TableSpec } = {
  administrators: spec('administrators', ['id', 'name', 'email', 'email_key', 'role', 'password_hash', 'must_change_password', 'enabled', 'created_at', 'updated_at', 'last_sign_in_at'], ['id']),
  technician_groups: spec('technician_groups', ['id', 'name', 'parent_id', 'description', 'rights', 'created_at', 'updated_at'], ['id'], { identity: 'id' }),
  technicians: spec(
    'technicians',
    ['id', 'group_id', 'name', 'nickname', 'email', 'email_key', 'sso_id', 'description', 'password_hash', 'must_change_password', 'enabled', 'standard_license', 'mobile_license', 'created_at', 'updated_at', 'last_sign_in_at', 'directory_id', 'directory_group_id'],
    ['id'],
  ),
  administrator_groups: spec('administrator_groups', ['admin_id', 'group_id'], ['admin_id', 'group_id']),
  workspace_settings: spec('workspace_settings', ['key', 'value'], ['key']),
  audit_log: spec('audit_log', ['id', 'at', 'actor_id', 'action', 'detail'], ['id'], { identity: 'id' }),
  managed_companies: spec('managed_companies', ['id', 'name', 'created_at', 'created_by', 'origin'], ['id']),
  managed_users: spec('managed_users', ['id', 'managed_company_id', 'name', 'email', 'email_key', 'status', 'has_license', 'created_at', 'updated_at'], ['id']),
  company_mappings: spec(
    'company_mappings',
    ['psa', 'psa_company_id', 'managed_company_id', 'psa_name_at_mapping', 'mapped_by', 'mapped_at', 'last_imported_at', 'psa_gone_at'],
    ['psa', 'psa_company_id'],
  ),
  contact_mappings: spec('contact_mappings', ['psa', 'psa_contact_id', 'user_id', 'psa_email_at_mapping', 'mapped_by', 'mapped_at', 'last_imported_at'], ['psa', 'psa_contact_id']),
  record_history: spec('record_history', ['id', 'entity', 'entity_id', 'at', 'actor_id', 'event', 'detail'], ['id'], { identity: 'id' }),
  import_cycles: spec(
    'import_cycles',
    ['seq', 'id', 'psa', 'actor_id', 'actor_name', 'filter', 'started_at', 'finished_at', 'status', 'counts', 'undone_at', 'undone_by'],
    ['seq'],
    { identity: 'seq' },
  ),
  import_cycle_batches: spec('import_cycle_batches', ['cycle_id', 'batch', 'changes', 'errors'], ['cycle_id', 'batch']),
  import_snapshots: spec(
    'import_snapshots',
    ['id', 'psa', 'integration', 'filter', 'created_by', 'created_by_name', 'fetched_at', 'companies', 'contacts', 'content', 'content_sha256', 'draft', 'draft_updated_at', 'applied_at'],
    ['id'],
  ),
  integration_locks: spec(
    'integration_locks',
    ['integration', 'holder_admin_id', 'holder_name', 'holder_session', 'fencing_token', 'acquired_at', 'renewed_at', 'expires_at_ms'],
    ['integration'],
  ),
  integration_lock_fences: spec('integration_lock_fences', ['integration', 'last_token'], ['integration']),
  directory_sync_runs: spec(
    'directory_sync_runs',
    ['id', 'started_at', 'finished_at', 'trigger', 'by_name', 'dry_run', 'outcome', 'counts', 'failure_code', 'failure_detail', 'entries'],
    ['id'],
  ),
  directory_sync_lock: spec('directory_sync_lock', ['id', 'holder_session', 'holder_name', 'acquired_at', 'expires_at_ms'], ['id']),
};

/** The tables in the order a copy writes them. */
export const COPY_TABLES: readonly TableSpec[] = Object.values(SPECS);

export interface TableCopy {
  readonly table: CopyTable;
  readonly rows: number;
  /** SHA-256 (hex) of the table's rows, computed the same way on source and target (see TableChecksum). */
  readonly checksum: string;
}

export interface CopyReport {
  readonly tables: readonly TableCopy[];
  readonly totalRows: number;
  readonly elapsedMs: number;
}

export interface CopyOptions {
  /** Rows copied so far, of all rows to copy; called after every batch. */
  onProgress?(done: number, total: number): void;
  /** Aborting rolls the target back to empty. */
  signal?: AbortSignal;
  /** Rows per INSERT (tests make it small); capped so no statement passes the dialects' parameter limits. */
  batchRows?: number;
}

type Row = Record<string, SqlValue>;
/** The builder with rows as plain values: the column names come from COPY_TABLES, which the compiler checked against the schema. */
type Loose = Kysely<Record<string, Row>>;

/** SQLite binds at most 32,766 parameters per statement, PostgreSQL 65,535. */
const MAX_PARAMS = 30_000;
const DEFAULT_BATCH_ROWS = 2_000;

export async function copyWorkspace(source: Workspace, target: Workspace, options: CopyOptions = {}): Promise<CopyReport> {
  if (source === target) throw new WorkspaceError('A workspace cannot be copied into itself.');
  const started = performance.now();
  const { signal } = options;
  signal?.throwIfAborted();
  await assertLatestSchema(source.read, 'source');
  return source.transaction(async (from) => {
    if (from.dialect === 'postgres') await from.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const counts = new Map<CopyTable, number>();
    for (const table of COPY_TABLES) counts.set(table.table, await countRows(from, table.table));
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return target.transaction(async (to) => {
      // The first Master Administrator is created under this resource too: a workstation's first run and a
      // move into the same database cannot both find it empty. Two moves at once run one after the other.
      await to.lockResource(RESOURCES.accounts);
      await assertLatestSchema(to, 'target');
      const filled: string[] = [];
      for (const table of COPY_TABLES) {
        const n = await countRows(to, table.table);
        if (n > 0) filled.push(`${table.table} (${n})`);
      }
      if (filled.length > 0) {
        throw new WorkspaceError(`The target workspace is not empty: ${filled.join(', ')} already hold rows. A workspace is only moved into an empty database.`, 'not-empty');
      }
      let done = 0;
      options.onProgress?.(0, total);
      const copied: TableCopy[] = [];
      for (const table of COPY_TABLES) {
        const batchRows = Math.max(1, Math.min(options.batchRows ?? DEFAULT_BATCH_ROWS, Math.floor(MAX_PARAMS / table.columns.length)));
        const checksum = new TableChecksum(table);
        let rows = 0;
        // One INSERT in flight while the next page is read and checksummed: the target works while we read.
        let inflight: Promise<void> = Promise.resolve();
        try {
          for await (const page of pages(from, table, batchRows, signal)) {
            for (const row of page) checksum.add(row);
            await inflight;
            inflight = insertRows(to, table, page).then(() => {
              rows += page.length;
              done += page.length;
              options.onProgress?.(done, total);
            });
          }
          await inflight;
        } catch (error) {
          await inflight.catch(() => undefined);
          throw error;
        }
        copied.push({ table: table.table, rows, checksum: checksum.digest() });
      }
      await bumpSequences(to);
      await verify(to, copied, counts, signal);
      return { tables: copied, totalRows: done, elapsedMs: Math.round(performance.now() - started) };
    });
  });
}

/** Counts and checksums of every data table, computed the same way as a copy does (for a backup, or a test). */
export async function workspaceChecksums(workspace: Workspace, options: { signal?: AbortSignal } = {}): Promise<TableCopy[]> {
  return workspace.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const result: TableCopy[] = [];
    for (const table of COPY_TABLES) result.push(await checksumTable(tx, table, options.signal));
    return result;
  });
}

async function assertLatestSchema(db: SqlReader, which: 'source' | 'target'): Promise<void> {
  const state = await schemaState(db, MIGRATIONS);
  if (state.pending.length > 0) {
    throw new WorkspaceError(`The ${which} workspace is at schema step ${state.current} of ${state.latest}: migrate it first (open it in MSP Roster, or "workspace migrate").`);
  }
}

const loose = (db: SqlReader): Loose => db.q as unknown as Loose;

async function countRows(db: SqlReader, table: CopyTable): Promise<number> {
  return toCount((await db.row(loose(db).selectFrom(table).select((eb) => eb.fn.countAll().as('n'))))?.n as number | undefined);
}

/** The table's rows in primary-key order, a page at a time (keyset paging: each page starts after the last key seen). */
async function* pages(db: SqlReader, table: TableSpec, size: number, signal: AbortSignal | undefined): AsyncGenerator<Row[]> {
  let after: Row | null = null;
  for (;;) {
    signal?.throwIfAborted();
    let query = loose(db).selectFrom(table.table).select(table.columns);
    if (after) {
      const last = after;
      query = query.where(sql<boolean>`(${sql.join(table.key.map((column) => sql.ref(column)))}) > (${sql.join(table.key.map((column) => last[column] ?? null))})`);
    }
    for (const column of table.key) query = query.orderBy(column);
    const page = await db.rows(query.limit(size));
    if (page.length === 0) return;
    yield page;
    if (page.length < size) return;
    after = page[page.length - 1]!;
  }
}

const insertCache = new Map<string, string>();

/** One multi-row INSERT per page, compiled once per table, dialect and row count. */
async function insertRows(tx: SqlWriter, table: TableSpec, page: readonly Row[]): Promise<void> {
  const cacheKey = `${tx.dialect}\u0000${table.table}\u0000${page.length}`;
  let text = insertCache.get(cacheKey);
  if (text === undefined) {
    const values = page.map((row) => Object.fromEntries(table.columns.map((column) => [column, row[column] ?? null])));
    text = loose(tx).insertInto(table.table).values(values).compile().sql;
    if (tx.dialect === 'postgres' && table.identity) {
      // The ids are kept: a GENERATED ALWAYS identity column takes them only when told so (Kysely has no word for it).
      const marker = ') values (';
      const at = text.indexOf(marker);
      if (at < 0) throw new WorkspaceError(`Unexpected INSERT shape for ${table.table}`);
      text = `${text.slice(0, at)}) overriding system value values (${text.slice(at + marker.length)}`;
    }
    insertCache.set(cacheKey, text);
  }
  // Kysely binds row after row, each in the column order above.
  const params: SqlValue[] = [];
  for (const row of page) for (const column of table.columns) params.push(row[column] ?? null);
  await tx.run(text, params);
}

/** PostgreSQL's identity sequences start after the highest copied id (SQLite's AUTOINCREMENT follows explicit ids by itself). */
async function bumpSequences(tx: SqlWriter): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  for (const table of COPY_TABLES) {
    if (!table.identity) continue;
    const query = sql`SELECT setval(pg_get_serial_sequence(${table.table}, ${table.identity}), coalesce((SELECT max(${sql.ref(table.identity)}) FROM ${sql.table(table.table)}), 0) + 1, false)`;
    const compiled = query.compile(tx.q);
    await tx.get(compiled.sql, compiled.parameters as SqlValue[]);
  }
}

async function verify(tx: SqlWriter, copied: readonly TableCopy[], counts: ReadonlyMap<CopyTable, number>, signal: AbortSignal | undefined): Promise<void> {
  const problems: string[] = [];
  for (const expected of copied) {
    const table = COPY_TABLES.find((candidate) => candidate.table === expected.table)!;
    const found = await checksumTable(tx, table, signal);
    const counted = await countRows(tx, table.table);
    const before = counts.get(table.table) ?? 0;
    if (expected.rows !== before || counted !== before || found.rows !== before) {
      problems.push(`${table.table}: ${before} rows in the source, ${expected.rows} copied, ${counted} in the target`);
    } else if (found.checksum !== expected.checksum) {
      problems.push(`${table.table}: the copied rows differ from the source's (checksum)`);
    }
  }
  if (problems.length > 0) throw new WorkspaceError(`The copy did not match the source, so nothing was written: ${problems.join('; ')}.`, 'copy-mismatch');
}

async function checksumTable(db: SqlReader, table: TableSpec, signal: AbortSignal | undefined): Promise<TableCopy> {
  const checksum = new TableChecksum(table);
  let rows = 0;
  const size = Math.max(1, Math.min(DEFAULT_BATCH_ROWS * 2, Math.floor(MAX_PARAMS / table.columns.length)));
  for await (const page of pages(db, table, size, signal)) {
    for (const row of page) checksum.add(row);
    rows += page.length;
  }
  return { table: table.table, rows, checksum: checksum.digest() };
}

/**
 * A table's content as one SHA-256: each row as the JSON text of its values in column order, normalised so
 * both dialects give the same text (whole numbers as digits — SQLite's INTEGER, PostgreSQL's SMALLINT,
 * INTEGER and BIGINT, flags 0/1, booleans as 0/1 —, text as text, null as null); the rows' texts sorted,
 * one per line, then hashed. Sorted here rather than read in key order: the same content gives the same
 * checksum whatever order each database's collation puts text keys in. (One hash per row instead costs
 * ten times as much.)
 */
class TableChecksum {
  private readonly rows: string[] = [];

  constructor(private readonly table: TableSpec) {}

  add(row: Row): void {
    this.rows.push(JSON.stringify(this.table.columns.map((column) => normalise(row[column] as SqlValue | boolean | undefined))));
  }

  digest(): string {
    const hash = createHash('sha256');
    // Sorted by UTF-16 code units: the same order in every process, whatever its locale.
    for (const row of this.rows.sort()) hash.update(`${row}\n`);
    return hash.digest('hex');
  }
}

function normalise(value: SqlValue | boolean | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'n:1' : 'n:0';
  if (typeof value === 'number' || typeof value === 'bigint') return `n:${String(value)}`;
  if (typeof value === 'string') return `s:${value}`;
  return `b:${Buffer.from(value).toString('hex')}`;
}
