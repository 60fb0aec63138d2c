/** What a workspace holds, in numbers: for the CLI's `workspace info` and `check`, and for verifying a move. */
import { toCount } from './sql-builder';
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
  for (const table of WORKSPACE_TABLES) counts[table] = toCount((await db.row(db.q.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))))?.n);
  return counts;
}
