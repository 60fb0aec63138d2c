/** Workspace-wide settings (shared by every administrator of the workspace), stored as JSON values. */
import type { z } from 'zod';
import type { SqlReader, SqlWriter } from '../workspace';

export async function readSetting<S extends z.ZodType>(db: SqlReader, key: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  const row = await db.row(db.q.selectFrom('workspace_settings').select('value').where('key', '=', key));
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting(db: SqlWriter, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await db.execute(db.q.insertInto('workspace_settings').values({ key, value: text }).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text })));
}

export async function deleteSetting(db: SqlWriter, key: string): Promise<void> {
  await db.execute(db.q.deleteFrom('workspace_settings').where('key', '=', key));
}
