/**
 * What a database holds before we touch it: *Test connection* tells an empty
 * database (create a team workspace there) from a team workspace (join it)
 * and from someone else's tables (refused: never mix our schema into theirs).
 */
import type { SqlReader } from './workspace';

/** The tables of the schema the workspace uses (PostgreSQL: `current_schema()`; SQLite: the main database). */
export async function tablesInSchema(read: SqlReader): Promise<string[]> {
  const rows =
    read.dialect === 'sqlite'
      ? await read.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await read.all<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name');
  return rows.map((row) => row.name);
}

/** The server's version as people write it ("15.8"), from `server_version_num`. */
export async function serverVersion(read: SqlReader): Promise<string> {
  if (read.dialect === 'sqlite') return 'SQLite';
  const row = await read.get<{ version: string }>("SELECT current_setting('server_version_num') AS version");
  const number = Number(row?.version ?? 0);
  return `${Math.floor(number / 10_000)}.${number % 10_000}`;
}
