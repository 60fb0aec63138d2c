/**
 * Two syncs never run at once for one workspace — from the app, its schedule, another workstation or the headless
 * service: a lease row, taken in a transaction under the `directory-sync` resource, renewed while the run goes on,
 * and left to expire if its holder dies. Lease times are the database server's on a team workspace (workstations'
 * clocks differ; see locks/integration-locks.ts).
 */
import { DomainError } from '../base/domain-error';
import { currentSyncLease, deleteSyncLease, extendSyncLease, writeSyncLease } from '../db/repositories/directory-sync';
import { serverClockMs } from '../db/repositories/integration-locks';
import type { SqlReader, Workspace } from '../db/workspace';

export const SYNC_LEASE_MS = 2 * 60_000;
const RESOURCE = 'directory-sync';

export interface HeldSyncLock {
  /** Stops renewing and gives the lease back (never rejects). */
  release(): Promise<void>;
}

/** Whole milliseconds: PostgreSQL's clock comes with fractions, and the lease column is a BIGINT. */
async function nowMs(db: SqlReader): Promise<number> {
  return Math.floor((await serverClockMs(db)) ?? Date.now());
}

/** Takes the lease for `session`, or refuses with DIRECTORY_SYNC_RUNNING naming who holds it. */
export async function acquireSyncLock(workspace: Workspace, session: string, holderName: string, onLost: (error: unknown) => void, leaseMs = SYNC_LEASE_MS): Promise<HeldSyncLock> {
  await workspace.transaction(async (tx) => {
    await tx.lockResource(RESOURCE);
    const now = await nowMs(tx);
    const lease = await currentSyncLease(tx);
    if (lease && lease.expiresAtMs > now && lease.holderSession !== session) {
      throw new DomainError('DIRECTORY_SYNC_RUNNING', `A directory sync is running (${lease.holderName}).`, { by: lease.holderName });
    }
    await writeSyncLease(tx, { holderSession: session, holderName, acquiredAt: new Date(now).toISOString(), expiresAtMs: now + leaseMs });
  });
  const renew = async () => {
    const kept = await workspace.transaction(async (tx) => extendSyncLease(tx, session, (await nowMs(tx)) + leaseMs));
    if (!kept) onLost(new DomainError('DIRECTORY_SYNC_RUNNING', 'The directory sync lost its lease.', { by: '' }));
  };
  const timer = setInterval(() => void renew().catch(onLost), Math.max(1_000, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await workspace.transaction((tx) => deleteSyncLease(tx, session)).catch(() => undefined);
    },
  };
}
