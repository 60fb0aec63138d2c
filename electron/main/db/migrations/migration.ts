/**
 * A numbered, append-only schema step. Once released, a migration's SQL never
 * changes: the runner stores a checksum and refuses a database whose applied
 * steps differ from the code's.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sqlite: string;
}
