/** What a workspace holds, in numbers: for the CLI's `workspace info` and `check`, and for verifying a move. */
import type { SqlReader } from './workspace';

/** Every table of the schema, in the order a report lists them. */
export const WORKSPACE_TABLES = [
  'administrators',
  'workspace_settings',
  'audit_log',
  'managed_companies',
  'managed_users',
  'company_mappings',
  'contact_mappings',
  'record_history',
  'import_cycles',
  'import_cycle_batches',
  'integration_locks',
  'integration_lock_fences',
] as const;

export type WorkspaceTable = (typeof WORKSPACE_TABLES)[number];

export async function tableCounts(db: SqlReader): Promise<Record<WorkspaceTable, number>> {
  const counts = {} as Record<WorkspaceTable, number>;
  // Table names come from the constant above, never from input.
  for (const table of WORKSPACE_TABLES) counts[table] = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0;
  return counts;
}
