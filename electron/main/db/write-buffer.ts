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

export class WriteBuffer {
  private readonly rows = new Map<string, RowInsert[]>();
  private count = 0;

  add(insert: RowInsert): void {
    const key = `${insert.table}\u0000${Object.keys(insert.row).join(',')}`;
    const rows = this.rows.get(key);
    if (rows) rows.push(insert);
    else this.rows.set(key, [insert]);
    this.count++;
  }

  /** Rows waiting; flushing every few thousand keeps them short-lived, which the garbage collector rewards. */
  get size(): number {
    return this.count;
  }

  async flush(tx: SqlWriter): Promise<void> {
    for (const inserts of this.rows.values()) {
      const first = insertSql(tx.dialect, inserts[0]!);
      await tx.runMany(first.sql, inserts.map((insert) => insertSql(tx.dialect, insert).params));
    }
    this.rows.clear();
    this.count = 0;
  }
}
