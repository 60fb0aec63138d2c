/**
 * A numbered, append-only schema step, in both dialects. Once released, a
 * migration's SQL never changes: the runner stores a checksum of the dialect's
 * text and refuses a database whose applied steps differ from the code's.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  /** The step for a local workspace (SQLite, STRICT tables). */
  readonly sqlite: string;
  /** The same step for a team workspace (PostgreSQL): the same tables, columns and values. */
  readonly postgres: string;
}
