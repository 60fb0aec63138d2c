/**
 * A team workspace: one PostgreSQL database that every workstation of the team
 * opens. Same interface as the local SQLite workspace; what differs:
 * - transactions run side by side (READ COMMITTED), each on its own pooled
 *   connection; read-decide-write work takes `lockResource` (an advisory lock);
 * - BIGINT (counts, lease times, tokens) is parsed to a JavaScript number, so
 *   rows look the same from both dialects;
 * - a lost connection (server restarted, network gone) fails the work in hand
 *   with WORKSPACE_UNAVAILABLE, its transaction rolled back by the server; the
 *   pool opens fresh connections for the next work, so the same services go on
 *   once the server is back;
 * - bulk inserts (`runMany` of a single-row INSERT) go as multi-row INSERTs.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MIN_PG_SERVER_VERSION } from '../../../shared/workspace/connection';
import { serverVersion } from './workspace-report';
import { DomainError } from '../base/domain-error';
import { prepareOpened } from './migrate';
import { CHANGE_CHANNEL, changePayload, PgChangeFeed } from './postgres-change-feed';
import type { Migration } from './migrations/migration';
import { queryBuilder, type Query } from './sql-builder';
import { byColumn, WorkspaceError, type MigrationReport, type SqlParams, type SqlReader, type SqlWriter, type Workspace, type WorkspaceChange } from './workspace';

export interface PostgresWorkspaceOptions {
  /** Everything but the password, which comes from the vault (never from a URL that could be logged). */
  readonly connection: pg.PoolConfig;
  readonly migrations?: readonly Migration[];
  /** False: open as it is, without applying pending schema steps. */
  readonly migrate?: boolean;
}

/**
 * The server ends a transaction that sits idle this long (default below): a workstation frozen mid-transaction
 * (a laptop lid closed, a debugger) would otherwise keep its row and advisory locks, and every other
 * workstation's lock takeover would wait for it for as long as the TCP connection lives. None of our
 * transactions waits on anything but the database and the CPU between statements.
 */
export const IDLE_IN_TRANSACTION_MS = 60_000;

const INT8_OID = 20;
const builder = queryBuilder('postgres');

/** BIGINT as number: our BIGINTs (counts, milliseconds, tokens) stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser,
};

type Queryable = Pick<pg.PoolClient, 'query'>;

/** SQLSTATE classes and codes of a connection the server ended: shutdown or crash (57P), connection exceptions (08), an idle transaction ended (25P03). */
const CONNECTION_ENDED = /^(57P0[1-5]|08...|25P03)$/;
const CONNECTION_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** The error a lost connection becomes: one the user can act on (try again once the server is back), not INTERNAL. */
export function connectionLost(error: unknown): DomainError | null {
  if (error instanceof DomainError) return null;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  const lost =
    (typeof code === 'string' && (CONNECTION_GONE.has(code) || (error instanceof pg.DatabaseError && CONNECTION_ENDED.test(code)))) ||
    // pg's own words for a socket that closed under a query, or a client that was already broken.
    /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(message);
  if (!lost) return null;
  const unavailable = new DomainError('WORKSPACE_UNAVAILABLE', `The connection to the team workspace was lost (${message || String(code)}); the step in progress was not saved.`);
  // Kept for classifyConnectionFailure (unreachable, timeout…) when this happens while opening.
  unavailable.cause = error;
  return unavailable;
}

async function orUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw connectionLost(error) ?? error;
  }
}

/** Rows per multi-row INSERT: few round trips, statements short enough to parse fast, within 65,535 parameters. */
const ROWS_PER_INSERT = 500;
const MAX_PARAMETERS = 65_535;
const singleRowInsert = /^(insert into .+? values )\((\$\d+(?:, \$\d+)*)\)$/i;
/** Below this many rows a remainder goes as one unnamed statement: not worth a prepared statement of its own. */
const MIN_NAMED_ROWS = 16;
const multiRowSql = new Map<string, string>();

/** The next chunk of `left` rows: full chunks, then the largest power of two that fits, then whatever is left under MIN_NAMED_ROWS. */
function chunkSize(left: number, perStatement: number): number {
  if (left >= perStatement) return perStatement;
  if (left < MIN_NAMED_ROWS) return left;
  return 2 ** Math.floor(Math.log2(left));
}
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `roster_insert_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/** `insert … values ($1, $2)` for `rows` rows: `values ($1, $2), ($3, $4), …`; the full-chunk text is kept (`cache`). */
function multiRow(head: string, columns: number, rows: number, cache: boolean): string {
  const key = `${head}\u0000${columns}\u0000${rows}`;
  let sql = multiRowSql.get(key);
  if (sql === undefined) {
    const tuples: string[] = [];
    for (let row = 0; row < rows; row++) tuples.push(`(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`);
    sql = `${head}${tuples.join(', ')}`;
    if (cache) multiRowSql.set(key, sql);
  }
  return sql;
}

/**
 * Runs `sql` for every row. A plain single-row INSERT (what WriteBuffer sends) goes as multi-row INSERTs of up
 * to ROWS_PER_INSERT rows: one round trip and one parse per few hundred rows instead of per row. Anything else
 * (an upsert, an update) runs once per row.
 */
async function runManyOn(client: Queryable, sql: string, rows: readonly SqlParams[]): Promise<{ changes: number }> {
  let changes = 0;
  const insert = singleRowInsert.exec(sql);
  if (!insert || rows.length < 2) {
    for (const row of rows) changes += (await client.query(sql, [...row])).rowCount ?? 0;
    return { changes };
  }
  const columns = insert[2]!.split(',').length;
  const perStatement = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns)));
  let start = 0;
  while (start < rows.length) {
    const size = chunkSize(rows.length - start, perStatement);
    const chunk = rows.slice(start, start + size);
    start += size;
    const params: unknown[] = [];
    for (const row of chunk) for (const value of row) params.push(value);
    const named = size === perStatement || (size >= MIN_NAMED_ROWS && (size & (size - 1)) === 0);
    const text = multiRow(insert[1]!, columns, size, named);
    // Chunk sizes repeat (the full size, then powers of two for the rest): prepared once per connection
    // (named), then only bound and run, measured a third faster than parsing each; a last few rows go unnamed.
    const query = named ? { name: statementName(text), text, values: params } : { text, values: params };
    changes += (await client.query(query)).rowCount ?? 0;
  }
  return { changes };
}

function readerOn(client: Queryable): SqlReader {
  const rowsOf = <R>(sql: string, params: readonly unknown[]): Promise<R[]> => orUnavailable(async () => (await client.query<R & pg.QueryResultRow>(sql, [...params])).rows);
  return {
    dialect: 'postgres',
    q: builder,
    rows: <R>(query: Query<R>) => {
      const compiled = query.compile();
      return rowsOf<R>(compiled.sql, compiled.parameters);
    },
    row: async <R>(query: Query<R>) => {
      const compiled = query.compile();
      return (await rowsOf<R>(compiled.sql, compiled.parameters))[0];
    },
    columns: <R>(query: Query<R>) => {
      const compiled = query.compile();
      return orUnavailable(async () => {
        const result = await client.query({ text: compiled.sql, values: [...compiled.parameters], rowMode: 'array' });
        return byColumn<R>(
          result.fields.map((field) => field.name),
          result.rows as unknown[][],
        );
      });
    },
    all: <T>(sql: string, params: SqlParams = []) => rowsOf<T>(sql, params),
    get: async <T>(sql: string, params: SqlParams = []) => (await rowsOf<T>(sql, params))[0],
  };
}

export class PostgresWorkspace implements Workspace {
  readonly kind = 'postgres' as const;
  readonly read: SqlReader;
  private closed = false;
  private readonly changeListeners = new Set<(change: WorkspaceChange) => void>();
  /** Names this workspace object in its notifications, so it tells its own changes from other workstations'. */
  private readonly origin = randomUUID();
  private readonly feed: PgChangeFeed;

  private constructor(
    private readonly pool: pg.Pool,
    connection: pg.PoolConfig,
  ) {
    this.read = readerOn(pool);
    this.feed = new PgChangeFeed({ ...connection, types }, this.origin, (change) => this.tell(change));
  }

  static async open(options: PostgresWorkspaceOptions): Promise<{ workspace: PostgresWorkspace; migrations: MigrationReport }> {
    const pool = new pg.Pool({ max: 8, idleTimeoutMillis: 30_000, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS, ...options.connection, types });
    // An idle pooled connection the server dropped (a restart) must not take the process down.
    pool.on('error', () => undefined);
    const workspace = new PostgresWorkspace(pool, options.connection);
    try {
      await workspace.assertServerVersion();
      return { workspace, migrations: await prepareOpened(workspace, options) };
    } catch (error) {
      await pool.end().catch(() => undefined);
      // Opening failed: the driver's own error, which classifyConnectionFailure sorts (unreachable, auth, TLS…).
      throw error instanceof DomainError && error.code === 'WORKSPACE_UNAVAILABLE' && error.cause !== undefined ? error.cause : error;
    }
  }

  private async assertServerVersion(): Promise<void> {
    const row = await this.read.get<{ version: string }>("SELECT current_setting('server_version_num') AS version");
    if (Number(row?.version ?? 0) < MIN_PG_SERVER_VERSION) {
      throw new WorkspaceError(`The PostgreSQL server is version ${await serverVersion(this.read)}; team workspaces need PostgreSQL 13 or newer.`, 'server-too-old');
    }
  }

  async transaction<T>(work: (tx: SqlWriter) => Promise<T>): Promise<T> {
    if (this.closed) throw new WorkspaceError('The workspace is closed.');
    const client = await orUnavailable(() => this.pool.connect());
    // A connection the server ends mid-transaction (restart, admin command) reports it here, not as an
    // uncaught error that would end the process; the query in flight fails and the transaction with it.
    const onError = () => undefined;
    client.on('error', onError);
    let open = true;
    const guard = () => {
      if (!open) throw new WorkspaceError('A transaction writer was used after its transaction ended.');
    };
    const base = readerOn(client);
    const notified = new Set<string>();
    const changes = async (sql: string, params: readonly unknown[]) => ({ changes: (await client.query(sql, [...params])).rowCount ?? 0 });
    const tx: SqlWriter = {
      dialect: 'postgres',
      q: builder,
      rows: (query) => (guard(), base.rows(query)),
      row: (query) => (guard(), base.row(query)),
      columns: (query) => (guard(), base.columns(query)),
      all: (sql, params) => (guard(), base.all(sql, params)),
      get: (sql, params) => (guard(), base.get(sql, params)),
      execute: (query) => {
        guard();
        const compiled = query.compile();
        return changes(compiled.sql, compiled.parameters);
      },
      run: (sql, params = []) => (guard(), changes(sql, params)),
      runMany: (sql, rows) => (guard(), runManyOn(client, sql, rows)),
      exec: async (script) => {
        guard();
        await client.query(script);
      },
      lockResource: async (resource) => {
        guard();
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [resource]);
      },
      notifyChange: async (topic, subject) => {
        guard();
        const payload = changePayload(topic, subject ?? null, this.origin);
        if (notified.has(payload)) return;
        notified.add(payload);
        // Queued with the transaction: PostgreSQL delivers it to every listener at commit, and drops it on rollback.
        await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload]);
      },
    };
    let broken: Error | null = null;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      const lost = connectionLost(error);
      // A connection whose ROLLBACK fails (or that was lost) is broken: the pool replaces it rather than reuse it.
      await client.query('ROLLBACK').catch((rollbackFailed: unknown) => void (broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed))));
      if (lost) broken ??= lost;
      throw lost ?? error;
    } finally {
      open = false;
      client.off('error', onError);
      client.release(broken ?? undefined);
    }
  }

  /** Nothing to batch: PostgreSQL has no write-ahead log to hold back per commit on our side. */
  bulk<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async changeToken(): Promise<string> {
    // The snapshot names the next transaction id and those still running: a write that starts or
    // commits anywhere on the server changes it, so rows read under one token are current while it holds.
    const row = await this.read.get<{ token: string }>('SELECT txid_current_snapshot()::text AS token');
    return row?.token ?? '';
  }

  async checkIntegrity(): Promise<string[]> {
    // PostgreSQL enforces every constraint as it writes; a constraint added NOT VALID is the only way around it.
    const rows = await this.read.all<{ name: string; relation: string }>(
      "SELECT conname AS name, conrelid::regclass::text AS relation FROM pg_constraint WHERE NOT convalidated AND connamespace = current_schema()::regnamespace",
    );
    return rows.map((row) => `Constraint ${row.name} on ${row.relation} is not validated`);
  }

  onChange(listener: (change: WorkspaceChange) => void): () => void {
    this.changeListeners.add(listener);
    if (!this.closed) this.feed.start();
    return () => void this.changeListeners.delete(listener);
  }

  /** Resolves once this workspace hears other workstations (the first LISTEN is in place). */
  whenListening(): Promise<void> {
    return this.feed.whenListening();
  }

  private tell(change: WorkspaceChange): void {
    for (const listener of this.changeListeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own: the others still hear the change.
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.changeListeners.clear();
    await this.feed.close();
    await this.pool.end();
  }
}
