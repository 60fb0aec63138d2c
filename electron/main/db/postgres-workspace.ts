/**
 * A team workspace: one PostgreSQL database that every workstation of the team
 * opens. Same interface as the local SQLite workspace; what differs:
 * - transactions run side by side (READ COMMITTED), each on its own pooled
 *   connection; read-decide-write work takes `lockResource` (an advisory lock);
 * - BIGINT (counts, lease times, tokens) is parsed to a JavaScript number, so
 *   rows look the same from both dialects.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MIN_PG_SERVER_VERSION } from '../../../shared/workspace/connection';
import { prepareOpened } from './migrate';
import { CHANGE_CHANNEL, changePayload, PgChangeFeed } from './postgres-change-feed';
import type { Migration } from './migrations/migration';
import { queryBuilder, type Query } from './sql-builder';
import { WorkspaceError, type MigrationReport, type SqlParams, type SqlReader, type SqlWriter, type Workspace, type WorkspaceChange } from './workspace';

export interface PostgresWorkspaceOptions {
  /** Everything but the password, which comes from the vault (never from a URL that could be logged). */
  readonly connection: pg.PoolConfig;
  readonly migrations?: readonly Migration[];
  /** False: open as it is, without applying pending schema steps. */
  readonly migrate?: boolean;
}

const INT8_OID = 20;
const builder = queryBuilder('postgres');

/** BIGINT as number: our BIGINTs (counts, milliseconds, tokens) stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser,
};

type Queryable = Pick<pg.PoolClient, 'query'>;

function readerOn(client: Queryable): SqlReader {
  const rowsOf = async <R>(sql: string, params: readonly unknown[]): Promise<R[]> => (await client.query<R & pg.QueryResultRow>(sql, [...params])).rows;
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
    const pool = new pg.Pool({ max: 8, idleTimeoutMillis: 30_000, ...options.connection, types });
    // An idle pooled connection the server dropped (a restart) must not take the process down.
    pool.on('error', () => undefined);
    const workspace = new PostgresWorkspace(pool, options.connection);
    try {
      await workspace.assertServerVersion();
      return { workspace, migrations: await prepareOpened(workspace, options) };
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  private async assertServerVersion(): Promise<void> {
    const row = await this.read.get<{ version: string }>("SELECT current_setting('server_version_num') AS version");
    const version = Number(row?.version ?? 0);
    if (version < MIN_PG_SERVER_VERSION) {
      const shown = `${Math.floor(version / 10_000)}.${version % 10_000}`;
      throw new WorkspaceError(`The PostgreSQL server is version ${shown}; team workspaces need PostgreSQL 13 or newer.`, 'server-too-old');
    }
  }

  async transaction<T>(work: (tx: SqlWriter) => Promise<T>): Promise<T> {
    if (this.closed) throw new WorkspaceError('The workspace is closed.');
    const client = await this.pool.connect();
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
      all: (sql, params) => (guard(), base.all(sql, params)),
      get: (sql, params) => (guard(), base.get(sql, params)),
      execute: (query) => {
        guard();
        const compiled = query.compile();
        return changes(compiled.sql, compiled.parameters);
      },
      run: (sql, params = []) => (guard(), changes(sql, params)),
      runMany: async (sql, rows) => {
        guard();
        let total = 0;
        for (const row of rows) total += (await changes(sql, row)).changes;
        return { changes: total };
      },
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
    let failed: unknown = null;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failed = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      open = false;
      client.off('error', onError);
      // A connection that failed mid-transaction may be broken: the pool replaces it rather than reuse it.
      client.release(failed instanceof Error && !(failed instanceof pg.DatabaseError) ? failed : undefined);
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
