/**
 * Inserts gathered in memory and written in bulk, one `runMany` per table.
 * Tables are flushed in the order each was first used, so rows that others
 * reference (a company before its users) go in first. Nothing buffered is
 * visible to reads before `flush`: callers flush before reading.
 *
 * The insert's SQL is compiled once per dialect, table and column list (with
 * Kysely, against the schema's types), not once per row: a big import inserts
 * hundreds of thousands of rows.
 */
import type { Insertable } from 'kysely';
import type { Database } from './schema';
import { queryBuilder, type SqlDialect } from './sql-builder';
import type { SqlParams, SqlValue, SqlWriter } from './workspace';

export type TableName = keyof Database;

/** One row for one table, typed by the schema. */
export interface RowInsert<T extends TableName = TableName> {
  readonly table: T;
  readonly row: Insertable<Database[T]>;
}

export function rowInsert<T extends TableName>(table: T, row: Insertable<Database[T]>): RowInsert<T> {
  return { table, row };
}

const compiled = new Map<string, string>();

/** The single-row INSERT for `table` with `columns`, in `dialect`. */
export function insertSql(dialect: SqlDialect, insert: RowInsert): { sql: string; params: SqlParams } {
  const columns = Object.keys(insert.row);
  const key = `${dialect}\u0000${insert.table}\u0000${columns.join(',')}`;
  let sql = compiled.get(key);
  if (sql === undefined) {
    sql = queryBuilder(dialect).insertInto(insert.table).values(insert.row as never).compile().sql;
    compiled.set(key, sql);
  }
  // Kysely binds the values in the row's key order, as read above.
  return { sql, params: columns.map((column) => (insert.row as Record<string, SqlValue>)[column] ?? null) };
}

interface Group {
  /** The first row, from which the group's INSERT is compiled. */
  readonly sample: RowInsert;
  readonly columns: readonly string[];
  readonly params: SqlParams[];
}

export class WriteBuffer {
  private readonly groups = new Map<string, Group>();
  private count = 0;

  add(insert: RowInsert): void {
    const values = insert.row as Record<string, SqlValue>;
    const columns = Object.keys(values);
    const key = `${insert.table}\u0000${columns.join(',')}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { sample: insert, columns, params: [] };
      this.groups.set(key, group);
    }
    // The parameters now, in the column order the INSERT binds them: flushing then only runs statements.
    group.params.push(columns.map((column) => values[column] ?? null));
    this.count++;
  }

  /** Rows waiting; flushing every few thousand keeps them short-lived, which the garbage collector rewards. */
  get size(): number {
    return this.count;
  }

  async flush(tx: SqlWriter): Promise<void> {
    for (const group of this.groups.values()) await tx.runMany(insertSql(tx.dialect, group.sample).sql, group.params);
    this.groups.clear();
    this.count = 0;
  }
}
