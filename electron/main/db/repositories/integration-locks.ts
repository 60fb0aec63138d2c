/** The integration lock's rows: one live lease per integration, and a fencing counter that only grows. */
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
  return db.get<LockRow>(
    'SELECT holder_admin_id, holder_name, holder_session, fencing_token, acquired_at, expires_at_ms FROM integration_locks WHERE integration = ?',
    [integration],
  );
}

/** Extends the lease of the holder with `token`. */
export async function extendLease(tx: SqlWriter, integration: string, token: number, renewedAt: string, expiresAtMs: number): Promise<void> {
  await tx.run('UPDATE integration_locks SET renewed_at = ?, expires_at_ms = ? WHERE integration = ? AND fencing_token = ?', [renewedAt, expiresAtMs, integration, token]);
}

/** Draws the next fencing token for `integration`: larger than every token handed out before, even after a release. */
export async function nextFencingToken(tx: SqlWriter, integration: string): Promise<number> {
  const fence = await tx.get<{ last_token: number }>('SELECT last_token FROM integration_lock_fences WHERE integration = ?', [integration]);
  const token = (fence?.last_token ?? 0) + 1;
  await tx.run(
    'INSERT INTO integration_lock_fences (integration, last_token) VALUES (?, ?) ON CONFLICT (integration) DO UPDATE SET last_token = excluded.last_token',
    [integration, token],
  );
  return token;
}

/** Writes a fresh lease over whatever (expired) lease was there. */
export async function writeLease(tx: SqlWriter, lease: NewLease): Promise<void> {
  await tx.run(
    `INSERT INTO integration_locks (integration, holder_admin_id, holder_name, holder_session, fencing_token, acquired_at, renewed_at, expires_at_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (integration) DO UPDATE SET holder_admin_id = excluded.holder_admin_id, holder_name = excluded.holder_name,
       holder_session = excluded.holder_session, fencing_token = excluded.fencing_token, acquired_at = excluded.acquired_at,
       renewed_at = excluded.renewed_at, expires_at_ms = excluded.expires_at_ms`,
    [lease.integration, lease.holderAdminId, lease.holderName, lease.holderSession, lease.token, lease.at, lease.at, lease.expiresAtMs],
  );
}

/** Deletes the lease if it is still `token`'s, held by `session`; returns whether it was. */
export async function deleteLeaseOf(tx: SqlWriter, integration: string, token: number, session: string): Promise<boolean> {
  const { changes } = await tx.run('DELETE FROM integration_locks WHERE integration = ? AND fencing_token = ? AND holder_session = ?', [integration, token, session]);
  return changes > 0;
}

/** Deletes whatever lease there is (a Master Administrator's release). */
export async function deleteLease(tx: SqlWriter, integration: string): Promise<void> {
  await tx.run('DELETE FROM integration_locks WHERE integration = ?', [integration]);
}
