/**
 * Inserts gathered in memory and written in bulk, one `runMany` per statement.
 * Statements are flushed in the order each was first used, so rows that
 * others reference (a company before its users) go in first. Nothing
 * buffered is visible to reads before `flush`: callers flush before reading.
 */
import type { SqlParams, SqlStatement, SqlWriter } from './workspace';

export class WriteBuffer {
  private readonly rows = new Map<string, SqlParams[]>();
  private count = 0;

  add(insert: SqlStatement): void {
    const rows = this.rows.get(insert.sql);
    if (rows) rows.push(insert.params);
    else this.rows.set(insert.sql, [insert.params]);
    this.count++;
  }

  /** Rows waiting; flushing every few thousand keeps them short-lived, which the garbage collector rewards. */
  get size(): number {
    return this.count;
  }

  async flush(tx: SqlWriter): Promise<void> {
    for (const [sql, rows] of this.rows) await tx.runMany(sql, rows);
    this.rows.clear();
    this.count = 0;
  }
}
