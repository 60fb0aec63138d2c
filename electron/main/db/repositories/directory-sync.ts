/**
 * Queries for directory sync: the technicians as the sync sees them (with the directory's id and the group the
 * sync placed them in), the runs and entries of the sync log, and the one-row lease that keeps two syncs apart.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { DirectorySyncRunsTable } from '../schema';
import { insertSql, rowInsert } from '../write-buffer';
import { emailKey } from './administrators';
import type { SqlReader, SqlWriter } from '../workspace';

export interface SyncedTechnician {
  readonly id: string;
  readonly groupId: number;
  readonly name: string;
  readonly email: string;
  readonly enabled: boolean;
  readonly standardLicense: boolean;
  readonly mobileLicense: boolean;
  readonly directoryId: string;
  readonly directoryGroupId: number | null;
}

/** Every technician, by column and in no particular order (a sync reads thousands: no row objects, no sort). */
export async function listSyncTechnicians(db: SqlReader): Promise<SyncedTechnician[]> {
  const column = await db.columns(
    db.q
      .selectFrom('technicians')
      .select(['id', 'group_id', 'name', 'email', 'enabled', 'standard_license', 'mobile_license', 'directory_id', 'directory_group_id']),
  );
  return column.id.map((id, at) => {
    const directoryGroupId = column.directory_group_id[at] ?? null;
    return {
      id,
      groupId: Number(column.group_id[at]),
      name: column.name[at] ?? '',
      email: column.email[at] ?? '',
      enabled: column.enabled[at] === 1,
      standardLicense: column.standard_license[at] === 1,
      mobileLicense: column.mobile_license[at] === 1,
      directoryId: column.directory_id[at] ?? '',
      directoryGroupId: directoryGroupId === null ? null : Number(directoryGroupId),
    };
  });
}

/** Every administrator's email key: a directory user's email may not take one. */
export async function administratorEmailKeysAll(db: SqlReader): Promise<Set<string>> {
  return new Set((await db.rows(db.q.selectFrom('administrators').select('email_key'))).map((row) => row.email_key));
}

/** A technician the sync creates: placed in its destination group, which is also the group it was synced to. */
export interface NewSyncedTechnician extends Omit<SyncedTechnician, 'directoryGroupId'> {
  readonly passwordHash: string;
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

/**
 * In bulk: one prepared INSERT run per row on SQLite, multi-row INSERTs on PostgreSQL (runMany) — a first sync
 * writes thousands. Every row has the same columns, so the statement is compiled once from the first and each row
 * is only read out in that order (a WriteBuffer would work out each row's columns again).
 */
export async function insertSyncedTechnicians(db: SqlWriter, technicians: readonly NewSyncedTechnician[], now: string): Promise<void> {
  const rows = technicians.map((technician) =>
    rowInsert('technicians', {
      id: technician.id,
      group_id: technician.groupId,
      name: technician.name,
      nickname: '',
      email: technician.email,
      email_key: emailKey(technician.email),
      sso_id: '',
      description: '',
      password_hash: technician.passwordHash,
      // The seed: new technicians sign in once with the default password, then must choose their own.
      must_change_password: 1,
      enabled: flag(technician.enabled),
      standard_license: flag(technician.standardLicense),
      mobile_license: flag(technician.mobileLicense),
      created_at: now,
      updated_at: now,
      last_sign_in_at: null,
      directory_id: technician.directoryId,
      directory_group_id: technician.groupId,
    }),
  );
  const first = rows[0];
  if (!first) return;
  const { sql } = insertSql(db.dialect, first);
  const columns = Object.keys(first.row) as (keyof typeof first.row)[];
  await db.runMany(
    sql,
    rows.map(({ row }) => columns.map((column) => row[column] ?? null)),
  );
}

/** What a sync changes on an existing technician: the synced fields, the link and its placement. */
export type SyncedTechnicianUpdate = Omit<SyncedTechnician, 'id' | 'standardLicense'>;

export async function updateSyncedTechnician(db: SqlWriter, id: string, update: SyncedTechnicianUpdate, now: string): Promise<void> {
  await db.execute(
    db.q
      .updateTable('technicians')
      .set({
        name: update.name,
        email: update.email,
        email_key: emailKey(update.email),
        enabled: flag(update.enabled),
        mobile_license: flag(update.mobileLicense),
        group_id: update.groupId,
        directory_id: update.directoryId,
        directory_group_id: update.directoryGroupId,
        updated_at: now,
      })
      .where('id', '=', id),
  );
}

// ── The sync log ─────────────────────────────────────────────────────────────

export interface SyncRunRow {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly trigger: 'app' | 'schedule' | 'service';
  readonly byName: string;
  readonly dryRun: boolean;
  readonly outcome: 'succeeded' | 'problems' | 'failed';
  /** JSON text of the counts (the service parses it). */
  readonly counts: string;
  readonly failureCode: string | null;
  readonly failureDetail: string | null;
}

export interface SyncEntryRow {
  readonly kind: 'change' | 'problem' | 'failure';
  readonly code: string;
  readonly name: string;
  readonly email: string;
  readonly userDn: string;
  readonly detail: string;
}

export async function insertSyncRun(db: SqlWriter, run: SyncRunRow, entries: readonly SyncEntryRow[]): Promise<void> {
  await db.execute(
    db.q.insertInto('directory_sync_runs').values({
      id: run.id,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      trigger: run.trigger,
      by_name: run.byName,
      dry_run: flag(run.dryRun),
      outcome: run.outcome,
      counts: run.counts,
      failure_code: run.failureCode,
      failure_detail: run.failureDetail,
      entries: JSON.stringify(entries.map((entry): StoredEntry => [entry.kind, entry.code, entry.name, entry.email, entry.userDn, entry.detail])),
    }),
  );
}

/** A log entry as the run's `entries` JSON keeps it: [kind, code, name, email, user DN, detail]. */
const StoredEntrySchema = z.tuple([z.enum(['change', 'problem', 'failure']), z.string(), z.string(), z.string(), z.string(), z.string()]);
type StoredEntry = z.infer<typeof StoredEntrySchema>;
const StoredEntriesSchema = z.array(StoredEntrySchema);

/** A run's columns without its entries (a list of runs must not drag every run's log along). */
const RUN_COLUMNS = ['id', 'started_at', 'finished_at', 'trigger', 'by_name', 'dry_run', 'outcome', 'counts', 'failure_code', 'failure_detail'] as const;

function runFromRow(row: Omit<Selectable<DirectorySyncRunsTable>, 'entries'>): SyncRunRow {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    trigger: row.trigger,
    byName: row.by_name,
    dryRun: row.dry_run === 1,
    outcome: row.outcome,
    counts: row.counts,
    failureCode: row.failure_code,
    failureDetail: row.failure_detail,
  };
}

export async function listSyncRuns(db: SqlReader, limit: number): Promise<SyncRunRow[]> {
  return (await db.rows(db.q.selectFrom('directory_sync_runs').select(RUN_COLUMNS).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit))).map(runFromRow);
}

export async function findSyncRun(db: SqlReader, id: string): Promise<SyncRunRow | undefined> {
  const row = await db.row(db.q.selectFrom('directory_sync_runs').select(RUN_COLUMNS).where('id', '=', id));
  return row && runFromRow(row);
}

/** The run's entries in the order they were logged; none for a run that is gone, or whose entries do not read as the log writes them. */
export async function listSyncEntries(db: SqlReader, runId: string): Promise<SyncEntryRow[]> {
  const row = await db.row(db.q.selectFrom('directory_sync_runs').select('entries').where('id', '=', runId));
  if (!row) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(row.entries);
  } catch {
    return [];
  }
  const parsed = StoredEntriesSchema.safeParse(stored);
  if (!parsed.success) return [];
  return parsed.data.map(([kind, code, name, email, userDn, detail]) => ({ kind, code, name, email, userDn, detail }));
}

/** Keeps the newest `keep` runs (each with its entries): the log does not grow without end under a 5-minute schedule. */
export async function pruneSyncRuns(db: SqlWriter, keep: number): Promise<void> {
  const cutoff = await db.row(db.q.selectFrom('directory_sync_runs').select('started_at').orderBy('started_at', 'desc').offset(keep).limit(1));
  if (!cutoff) return;
  await db.execute(db.q.deleteFrom('directory_sync_runs').where('started_at', '<=', cutoff.started_at));
}

// ── The lease ────────────────────────────────────────────────────────────────

export interface SyncLease {
  readonly holderSession: string;
  readonly holderName: string;
  readonly acquiredAt: string;
  readonly expiresAtMs: number;
}

export async function currentSyncLease(db: SqlReader): Promise<SyncLease | undefined> {
  const row = await db.row(db.q.selectFrom('directory_sync_lock').selectAll().where('id', '=', 1));
  return row && { holderSession: row.holder_session, holderName: row.holder_name, acquiredAt: row.acquired_at, expiresAtMs: Number(row.expires_at_ms) };
}

export async function writeSyncLease(db: SqlWriter, lease: SyncLease): Promise<void> {
  const values = { holder_session: lease.holderSession, holder_name: lease.holderName, acquired_at: lease.acquiredAt, expires_at_ms: lease.expiresAtMs };
  await db.execute(db.q.insertInto('directory_sync_lock').values({ id: 1, ...values }).onConflict((conflict) => conflict.column('id').doUpdateSet(values)));
}

export async function extendSyncLease(db: SqlWriter, session: string, expiresAtMs: number): Promise<boolean> {
  return (await db.execute(db.q.updateTable('directory_sync_lock').set({ expires_at_ms: expiresAtMs }).where('id', '=', 1).where('holder_session', '=', session))).changes > 0;
}

export async function deleteSyncLease(db: SqlWriter, session: string): Promise<void> {
  await db.execute(db.q.deleteFrom('directory_sync_lock').where('id', '=', 1).where('holder_session', '=', session));
}
