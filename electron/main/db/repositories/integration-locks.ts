/** The integration lock's rows: one live lease per integration, and a fencing counter that only grows. */
import { sql } from 'kysely';
import type { SqlReader, SqlWriter } from '../workspace';

export interface LockRow {
  holder_admin_id: string;
  holder_name: string;
  holder_session: string;
  fencing_token: number;
  acquired_at: string;
  expires_at_ms: number;
}

export interface NewLease {
  readonly integration: string;
  readonly holderAdminId: string;
  readonly holderName: string;
  readonly holderSession: string;
  readonly token: number;
  readonly at: string;
  readonly expiresAtMs: number;
}

export function currentLock(db: SqlReader, integration: string): Promise<LockRow | undefined> {
  return db.row(
    db.q
      .selectFrom('integration_locks')
      .select(['holder_admin_id', 'holder_name', 'holder_session', 'fencing_token', 'acquired_at', 'expires_at_ms'])
      .where('integration', '=', integration),
  );
}

/** Extends the lease of the holder with `token`. */
export async function extendLease(tx: SqlWriter, integration: string, token: number, renewedAt: string, expiresAtMs: number): Promise<void> {
  await tx.execute(
    tx.q
      .updateTable('integration_locks')
      .set({ renewed_at: renewedAt, expires_at_ms: expiresAtMs })
      .where('integration', '=', integration)
      .where('fencing_token', '=', token),
  );
}

/** Draws the next fencing token for `integration`: larger than every token handed out before, even after a release. */
export async function nextFencingToken(tx: SqlWriter, integration: string): Promise<number> {
  const fence = await tx.row(tx.q.selectFrom('integration_lock_fences').select('last_token').where('integration', '=', integration));
  const token = (fence?.last_token ?? 0) + 1;
  await tx.execute(
    tx.q
      .insertInto('integration_lock_fences')
      .values({ integration, last_token: token })
      .onConflict((conflict) => conflict.column('integration').doUpdateSet((eb) => ({ last_token: eb.ref('excluded.last_token') }))),
  );
  return token;
}

/** Writes a fresh lease over whatever (expired) lease was there. */
export async function writeLease(tx: SqlWriter, lease: NewLease): Promise<void> {
  const row = {
    integration: lease.integration,
    holder_admin_id: lease.holderAdminId,
    holder_name: lease.holderName,
    holder_session: lease.holderSession,
    fencing_token: lease.token,
    acquired_at: lease.at,
    renewed_at: lease.at,
    expires_at_ms: lease.expiresAtMs,
  };
  const { integration: _key, ...replaced } = row;
  await tx.execute(tx.q.insertInto('integration_locks').values(row).onConflict((conflict) => conflict.column('integration').doUpdateSet(replaced)));
}

/** Deletes the lease if it is still `token`'s, held by `session`; returns whether it was. */
export async function deleteLeaseOf(tx: SqlWriter, integration: string, token: number, session: string): Promise<boolean> {
  const { changes } = await tx.execute(
    tx.q.deleteFrom('integration_locks').where('integration', '=', integration).where('fencing_token', '=', token).where('holder_session', '=', session),
  );
  return changes > 0;
}

/** Deletes whatever lease there is (a Master Administrator's release). */
export async function deleteLease(tx: SqlWriter, integration: string): Promise<void> {
  await tx.execute(tx.q.deleteFrom('integration_locks').where('integration', '=', integration));
}

/**
 * The database server's clock in milliseconds, on a team workspace (PostgreSQL): the one clock every
 * workstation shares. Undefined on a local workspace, where the workstation's clock is the only one.
 */
export async function serverClockMs(db: SqlReader): Promise<number | undefined> {
  if (db.dialect !== 'postgres') return undefined;
  const row = await db.row(db.q.selectNoFrom(sql<number>`(extract(epoch from clock_timestamp()) * 1000)::float8`.as('ms')));
  return row?.ms;
}
