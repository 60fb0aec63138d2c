/** Workspace-wide settings (shared by every administrator of the workspace), stored as JSON values. */
import type { z } from 'zod';
import type { SqlReader, SqlWriter } from '../workspace';

export async function readSetting<S extends z.ZodType>(db: SqlReader, key: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  const row = await db.get<{ value: string }>('SELECT value FROM workspace_settings WHERE key = ?', [key]);
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting(db: SqlWriter, key: string, value: unknown): Promise<void> {
  await db.run('INSERT INTO workspace_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    key,
    JSON.stringify(value),
  ]);
}
