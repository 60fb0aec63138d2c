import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { prepareOpened } from './migrate';
import { queryBuilder, type Query } from './sql-builder';
import type { Migration } from './migrations/migration';
import { byColumn, CHANGE_TOPICS, WorkspaceError, type MigrationReport, type SqlParams, type SqlReader, type SqlWriter, type Workspace, type WorkspaceChange } from './workspace';

export interface SqliteWorkspaceOptions {
  readonly file: string;
  /** Path to a better-sqlite3 binary built for the running ABI (Electron uses its own copy in development). */
  readonly nativeBinding?: string;
  readonly migrations?: readonly Migration[];
  /** False: open as it is, without applying pending schema steps (the CLI's `workspace info` and `check`). */
  readonly migrate?: boolean;
}

type Connection = Database.Database;

/** How often a listened-to local workspace looks for another process's commits (the CLI on the same file). */
const FOREIGN_COMMIT_POLL_MS = 500;

/** SQLite's default: the log is written back once it holds this many pages. */
const WAL_AUTOCHECKPOINT_PAGES = 1000;

/** Prepared statements by SQL text: preparing costs more than running most of our statements. */
function statementCache(db: Connection): Prepare {
  const cache = new Map<string, Database.Statement>();
  const raw = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  // A statement in raw mode answers arrays: kept apart, so `rows` on the same SQL still gets objects.
  prepare.raw = (sql: string) => {
    let statement = raw.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      raw.set(sql, statement);
    }
    return statement;
  };
  return prepare;
}

interface Prepare {
  (sql: string): Database.Statement;
  raw(sql: string): Database.Statement;
}

const builder = queryBuilder('sqlite');

/** Kysely hands parameters over as unknown; ours are always SQL values (flags are 0/1, never booleans). */
function paramsOf(query: Query<unknown>): { sql: string; params: SqlParams } {
  const compiled = query.compile();
  return { sql: compiled.sql, params: compiled.parameters as SqlParams };
}

function readerOf(prepare: Prepare): SqlReader {
  return {
    dialect: 'sqlite',
    q: builder,
    rows: async <R>(query: Query<R>) => {
      const { sql, params } = paramsOf(query);
      return prepare(sql).all(...params) as R[];
    },
    row: async <R>(query: Query<R>) => {
      const { sql, params } = paramsOf(query);
      return prepare(sql).get(...params) as R | undefined;
    },
    columns: async <R>(query: Query<R>) => {
      const { sql, params } = paramsOf(query);
      const statement = prepare.raw(sql);
      return byColumn<R>(
        statement.columns().map((column) => column.name),
        statement.all(...params) as unknown[][],
      );
    },
    all: async <T>(sql: string, params: SqlParams = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: SqlParams = []) => prepare(sql).get(...params) as T | undefined,
  };
}

/**
 * The local workspace: one SQLite file in WAL mode, a writer connection that
 * every transaction goes through in turn, and a read-only connection that sees
 * committed data only (an open transaction's writes stay invisible to it).
 */
export class SqliteWorkspace implements Workspace {
  readonly kind = 'sqlite' as const;
  readonly read: SqlReader;
  private readonly writer: Connection;
  private readonly reader: Connection;
  private readonly prepareWrite: Prepare;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private bulkDepth = 0;
  private commits = 0;
  private readonly changeListeners = new Set<(change: WorkspaceChange) => void>();
  private poll: NodeJS.Timeout | undefined;
  private foreignVersion = 0;

  private constructor(writer: Connection, reader: Connection) {
    this.writer = writer;
    this.reader = reader;
    this.read = readerOf(statementCache(reader));
    this.prepareWrite = statementCache(writer);
  }

  /** Opens (creating if needed) the workspace file and applies pending migrations. */
  static async open(options: SqliteWorkspaceOptions): Promise<{ workspace: SqliteWorkspace; migrations: MigrationReport }> {
    mkdirSync(dirname(options.file), { recursive: true });
    const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
    const writer = new Database(options.file, driverOptions);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.pragma('foreign_keys = ON');
    writer.pragma('busy_timeout = 5000');
    writer.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    const reader = new Database(options.file, { ...driverOptions, readonly: true });
    reader.pragma('busy_timeout = 5000');
    const workspace = new SqliteWorkspace(writer, reader);
    return { workspace, migrations: await prepareOpened(workspace, options) };
  }

  async bulk<T>(work: () => Promise<T>): Promise<T> {
    if (this.bulkDepth++ === 0) this.writer.pragma('wal_autocheckpoint = 0');
    try {
      return await work();
    } finally {
      if (--this.bulkDepth === 0 && !this.closed) {
        this.writer.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
        // PASSIVE: never waits for readers; whatever it cannot copy now goes with a later checkpoint.
        this.writer.pragma('wal_checkpoint(PASSIVE)');
      }
    }
  }

  transaction<T>(work: (tx: SqlWriter) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new WorkspaceError('The workspace is closed.'));
    const run = this.queue.then(() => this.runTransaction(work));
    // The queue must survive a failed transaction; callers still see the rejection.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runTransaction<T>(work: (tx: SqlWriter) => Promise<T>): Promise<T> {
    const db = this.writer;
    let open = true;
    const guard = () => {
      if (!open) throw new WorkspaceError('A transaction writer was used after its transaction ended.');
    };
    const base = readerOf(this.prepareWrite);
    const notified = new Map<string, WorkspaceChange>();
    const tx: SqlWriter = {
      dialect: 'sqlite',
      q: builder,
      rows: (query) => (guard(), base.rows(query)),
      row: (query) => (guard(), base.row(query)),
      columns: (query) => (guard(), base.columns(query)),
      execute: async (query) => {
        guard();
        const { sql, params } = paramsOf(query);
        return { changes: this.prepareWrite(sql).run(...params).changes };
      },
      all: (sql, params) => (guard(), base.all(sql, params)),
      get: (sql, params) => (guard(), base.get(sql, params)),
      run: async (sql, params = []) => {
        guard();
        return { changes: this.prepareWrite(sql).run(...params).changes };
      },
      runMany: async (sql, rows) => {
        guard();
        const statement = this.prepareWrite(sql);
        let changes = 0;
        // Spread, not an array argument: better-sqlite3 binds an array ~20% slower.
        for (const row of rows) changes += statement.run(...row).changes;
        return { changes };
      },
      exec: async (script) => {
        guard();
        db.exec(script);
      },
      // BEGIN IMMEDIATE already made this the only write transaction on the file.
      lockResource: async () => guard(),
      notifyChange: async (topic, subject) => {
        guard();
        notified.set(`${topic}:${subject ?? ''}`, { topic, subject: subject ?? null, own: true });
      },
    };
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(tx);
      db.exec('COMMIT');
      this.commits++;
      for (const change of notified.values()) this.tell(change);
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      open = false;
    }
  }

  async checkIntegrity(): Promise<string[]> {
    const problems: string[] = [];
    const integrity = this.reader.pragma('integrity_check') as Array<{ integrity_check: string }>;
    for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(`SQLite integrity: ${row.integrity_check}`);
    const keys = this.reader.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
    for (const row of keys) problems.push(`${row.table} row ${row.rowid} points at a missing ${row.parent} row`);
    return problems;
  }

  async changeToken(): Promise<string> {
    // The reader never writes, so its data_version moves exactly when another connection (ours or
    // another process's) commits; the writer's own count covers a commit the reader has not seen yet.
    return `${String(this.reader.pragma('data_version', { simple: true }))}:${this.commits}`;
  }

  /**
   * This process's commits are told as they commit. Another process's (the CLI on the same file) are noticed by
   * a poll of the writer's data_version, twice a second while anyone listens: it moves only when another
   * connection commits, and says nothing of what changed, so every topic is told.
   */
  onChange(listener: (change: WorkspaceChange) => void): () => void {
    this.changeListeners.add(listener);
    if (!this.poll && !this.closed) {
      this.foreignVersion = this.dataVersion();
      this.poll = setInterval(() => this.lookForForeignCommits(), FOREIGN_COMMIT_POLL_MS);
      this.poll.unref();
    }
    return () => {
      this.changeListeners.delete(listener);
      if (this.changeListeners.size === 0) this.stopPolling();
    };
  }

  private dataVersion(): number {
    return Number(this.writer.pragma('data_version', { simple: true }));
  }

  private lookForForeignCommits(): void {
    if (this.closed) return;
    const version = this.dataVersion();
    if (version === this.foreignVersion) return;
    this.foreignVersion = version;
    for (const topic of CHANGE_TOPICS) this.tell({ topic, subject: null, own: false });
  }

  private stopPolling(): void {
    clearInterval(this.poll);
    this.poll = undefined;
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
    this.stopPolling();
    this.changeListeners.clear();
    await this.queue;
    this.reader.close();
    this.writer.close();
  }
}
