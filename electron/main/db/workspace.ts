/**
 * The workspace database, seen by the rest of main. Async on purpose: the local
 * SQLite workspace answers synchronously, but a team workspace on PostgreSQL
 * (a later issue) cannot, and both must satisfy this interface.
 *
 * Writes happen only inside `transaction`: the reader has no `run`.
 */
import type { Query, QueryBuilder, SqlDialect } from './sql-builder';

export type SqlValue = string | number | bigint | null | Uint8Array;
export type SqlParams = readonly SqlValue[];

/** A result by column (SqlReader.columns): `{ id: ['a', 'b'], name: ['Ann', 'Bob'] }`. */
export type Columns<R> = { readonly [K in keyof R]: readonly R[K][] };

/** Rows as arrays, their values in the order of `names`, turned into columns (for SqlReader.columns). */
export function byColumn<R>(names: readonly string[], rows: readonly (readonly unknown[])[]): Columns<R> {
  const columns = names.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, index) => {
    columns.forEach((column, at) => {
      column[index] = row[at];
    });
  });
  return Object.fromEntries(names.map((name, at) => [name, columns[at]])) as unknown as Columns<R>;
}

export interface SqlReader {
  readonly dialect: SqlDialect;
  /** Builds typed queries for this workspace's dialect; `rows`, `row` and `execute` run them. */
  readonly q: QueryBuilder;
  rows<R>(query: Query<R>): Promise<R[]>;
  row<R>(query: Query<R>): Promise<R | undefined>;
  /**
   * `rows` by column: each selected column's values, in row order. No object per row, so about half the time of
   * `rows` over thousands of rows (a directory sync reads every technician; bench:directory-sync).
   */
  columns<R>(query: Query<R>): Promise<Columns<R>>;
  /**
   * Raw SQL in this dialect, the row type the caller's word: only where the builder cannot say it, per dialect
   * (the schema probe in migrate.ts; PostgreSQL's change token, constraint check and server version; SQLite's
   * PRAGMAs in its own tests). Everything else, tests on both backends included, reads with `rows`/`row`.
   */
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
}

/**
 * What a committed change touched, for screens that show it: the directory (companies, users, mappings, import
 * history), an integration lock, or the organisation (technician groups, technicians, administrators, their settings).
 */
/** `directory-sync`: its settings, runs or log. */
export type ChangeTopic = 'directory' | 'locks' | 'org' | 'directory-sync';
export const CHANGE_TOPICS: readonly ChangeTopic[] = ['directory', 'locks', 'org', 'directory-sync'];

export interface WorkspaceChange {
  readonly topic: ChangeTopic;
  /** What within the topic, when the writer said (a lock's integration); null: anything in it may have changed. */
  readonly subject: string | null;
  /** Committed by this workspace object (this process) rather than another process or workstation. */
  readonly own: boolean;
}

export interface SqlWriter extends SqlReader {
  /** Runs an insert, update or delete built with `q`. */
  execute(query: Query<unknown>): Promise<{ changes: number }>;
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** Runs one statement once per row of parameters, in order; for bulk writes without a round trip per row. */
  runMany(sql: string, rows: readonly SqlParams[]): Promise<{ changes: number }>;
  /** Runs a multi-statement script without parameters (schema migrations). */
  exec(script: string): Promise<void>;
  /**
   * Holds `resource` (a name, e.g. "integration-lock:autotask") until this transaction ends: transactions that
   * read, decide and then write one shared thing (a lock, the license pool) take it first, so two of them never
   * decide on the same reading. SQLite already runs one write transaction at a time (BEGIN IMMEDIATE); on
   * PostgreSQL it is a transaction-scoped advisory lock, held across every workstation of the team.
   */
  lockResource(resource: string): Promise<void>;
  /**
   * Tells every listener of the workspace (`Workspace.onChange`, on every workstation) that this transaction
   * changed `topic`, once it commits; nothing is told when it rolls back. Writers of the directory and of the
   * locks call it in the transaction that writes.
   */
  notifyChange(topic: ChangeTopic, subject?: string): Promise<void>;
}

export interface MigrationReport {
  /** Ids applied by this call, in order. */
  readonly applied: readonly number[];
  /** The highest migration id now in the database. */
  readonly current: number;
}

export interface Workspace {
  readonly kind: 'sqlite' | 'postgres';
  /** Reads see committed data only. */
  readonly read: SqlReader;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back
   * when it throws. The writer is valid only while `work` runs.
   *
   * Isolation: every statement sees data committed before it began (READ
   * COMMITTED at least). Local SQLite workspaces run write transactions one at
   * a time; a team workspace on PostgreSQL runs them side by side, so work that
   * reads and then writes on that reading must take `tx.lockResource` first.
   */
  transaction<T>(work: (tx: SqlWriter) => Promise<T>): Promise<T>;
  /**
   * Runs `work`, which commits many transactions in a row (a big import).
   * SQLite then writes its write-ahead log back to the database once, at the
   * end, instead of after every commit; each transaction is durable as before.
   */
  bulk<T>(work: () => Promise<T>): Promise<T>;
  /**
   * A token that changes whenever anyone commits to the workspace, cheap to ask for: what was read
   * under one token is still current while the token stays the same (read it before the rows).
   */
  changeToken(): Promise<string>;
  /**
   * Hears committed changes: this process's and, on a team workspace, every other workstation's (PostgreSQL
   * LISTEN/NOTIFY, delivered at commit; after a lost connection is back, every topic once, for what may have
   * been missed). A local workspace tells this process's commits at once and notices another process's
   * commits to the file (the CLI) within half a second, as a change to every topic. Returns the unsubscribe.
   */
  onChange(listener: (change: WorkspaceChange) => void): () => void;
  /** The database's own consistency checks (pages, indexes, foreign keys): one line per problem, none when sound. */
  checkIntegrity(): Promise<string[]>;
  close(): Promise<void>;
}

/** What kind of refusal a WorkspaceError is, for the messages a user reads (absent: a programming error). */
export type WorkspaceErrorReason = 'schema-newer' | 'schema-edited' | 'server-too-old' | 'not-empty' | 'copy-mismatch';

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    message: string,
    readonly reason?: WorkspaceErrorReason,
  ) {
    super(message);
  }
}
