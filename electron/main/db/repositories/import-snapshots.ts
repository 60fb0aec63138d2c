/** Queries on import_snapshots: a download kept with its draft plan (issue 12). */
import type { PsaKind } from '../../../../shared/psa/kinds';
import type { SqlReader, SqlWriter } from '../workspace';

/** What a list of snapshots shows: everything but the content. */
export interface SnapshotSummaryRow {
  readonly id: string;
  readonly psa: PsaKind;
  readonly integration: string;
  readonly filter: string;
  readonly createdBy: string;
  readonly createdByName: string;
  readonly fetchedAt: string;
  readonly companies: number;
  readonly contacts: number;
  readonly draftUpdatedAt: string | null;
  readonly appliedAt: string | null;
}

export interface SnapshotRow extends SnapshotSummaryRow {
  readonly content: Uint8Array;
  readonly contentSha256: string;
  readonly draft: string | null;
}

const SUMMARY = [
  'id',
  'psa',
  'integration',
  'filter',
  'created_by as createdBy',
  'created_by_name as createdByName',
  'fetched_at as fetchedAt',
  'companies',
  'contacts',
  'draft_updated_at as draftUpdatedAt',
  'applied_at as appliedAt',
] as const;

export async function insertSnapshot(db: SqlWriter, row: Omit<SnapshotRow, 'draftUpdatedAt' | 'appliedAt' | 'draft'>): Promise<void> {
  await db.execute(
    db.q.insertInto('import_snapshots').values({
      id: row.id,
      psa: row.psa,
      integration: row.integration,
      filter: row.filter,
      created_by: row.createdBy,
      created_by_name: row.createdByName,
      fetched_at: row.fetchedAt,
      companies: row.companies,
      contacts: row.contacts,
      content: row.content,
      content_sha256: row.contentSha256,
      draft: null,
      draft_updated_at: null,
      applied_at: null,
    }),
  );
}

export async function findSnapshot(db: SqlReader, id: string): Promise<SnapshotRow | undefined> {
  const row = await db.row(
    db.q
      .selectFrom('import_snapshots')
      .select([...SUMMARY, 'content', 'content_sha256 as contentSha256', 'draft'])
      .where('id', '=', id),
  );
  return row ? { ...row, companies: Number(row.companies), contacts: Number(row.contacts) } : undefined;
}

/** A person's snapshots, newest first. */
export async function listSnapshots(db: SqlReader, createdBy: string): Promise<SnapshotSummaryRow[]> {
  const rows = await db.rows(db.q.selectFrom('import_snapshots').select([...SUMMARY]).where('created_by', '=', createdBy).orderBy('fetched_at', 'desc').orderBy('id'));
  return rows.map((row) => ({ ...row, companies: Number(row.companies), contacts: Number(row.contacts) }));
}

/** Keeps the draft plan; false when the snapshot is gone. */
export async function updateDraft(db: SqlWriter, id: string, draft: string, at: string): Promise<boolean> {
  const { changes } = await db.execute(db.q.updateTable('import_snapshots').set({ draft, draft_updated_at: at }).where('id', '=', id));
  return changes > 0;
}

export async function markSnapshotApplied(db: SqlWriter, id: string, at: string): Promise<void> {
  await db.execute(db.q.updateTable('import_snapshots').set({ applied_at: at }).where('id', '=', id));
}

export async function deleteSnapshots(db: SqlWriter, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { changes } = await db.execute(db.q.deleteFrom('import_snapshots').where('id', 'in', [...ids]));
  return changes;
}
