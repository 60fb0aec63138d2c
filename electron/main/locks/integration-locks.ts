/**
 * Integration locks: while an administrator runs the import wizard for a PSA,
 * nobody else can. The lock lives in the workspace database, so it holds
 * across windows and processes sharing the workspace. It is a lease: the holder
 * renews it by heartbeat, and a holder that stops renewing loses it when the
 * lease runs out. Every acquisition gets a larger fencing token; writes check
 * it (`assertHeld`), so a holder that lost its lock can no longer write.
 *
 * Time: workstations of a team do not share a clock, and one running minutes ahead would take live leases
 * of the others (or, behind, wait long after a lease ran out). On a team workspace lease times are therefore
 * read on the database server's clock: this workstation's clock plus its measured offset from the server's.
 */
import type { PsaKind } from '../../../shared/psa/kinds';
import { DomainError } from '../base/domain-error';
import { RESOURCES } from '../base/resources';
import { appendAudit } from '../db/repositories/audit-log';
import { currentLock as current, deleteLease, deleteLeaseOf, extendLease, nextFencingToken, serverClockMs, writeLease, type LockRow as Row } from '../db/repositories/integration-locks';
import type { SqlReader, SqlWriter, Workspace } from '../db/workspace';

export const DEFAULT_LEASE_MS = 2 * 60_000;
/** How often the offset from the server's clock is measured again (clocks drift slowly; NTP steps are rare). */
const CLOCK_OFFSET_REFRESH_MS = 10_000;

export interface LockHolder {
  readonly adminId: string;
  readonly name: string;
  /** One per window (and process): the same admin in a second window is another holder. */
  readonly session: string;
}

export interface HeldLock {
  readonly integration: PsaKind;
  readonly token: number;
  readonly expiresAtMs: number;
}

export interface LockInfo {
  readonly holderName: string;
  readonly holderAdminId: string;
  readonly since: string;
  readonly expiresAtMs: number;
}

/** The holder's session as well, for telling the caller's own window and other windows apart (never leaves main). */
export interface LockState extends LockInfo {
  readonly holderSession: string;
}

/** Told after a lock was taken afresh or released (not on renewals); `released` names the holder that lost it. */
export type LockChangeListener = (integration: PsaKind, released: LockState | null) => void;

export type AcquireResult = { readonly ok: true; readonly lock: HeldLock } | { readonly ok: false; readonly heldBy: LockInfo };

export class IntegrationLocks {
  private readonly listeners = new Set<LockChangeListener>();
  private offset = { ms: 0, measuredAt: Number.NEGATIVE_INFINITY };

  constructor(
    private readonly workspace: Workspace,
    private readonly leaseMs = DEFAULT_LEASE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the lock, or renews it for the same session; refuses while another live holder has it. */
  async acquire(integration: PsaKind, holder: LockHolder): Promise<AcquireResult> {
    // A live lease of someone else refuses at once, from a plain read: no transaction, no wait behind the
    // resource lock (which a holder frozen mid-batch keeps until the server ends its transaction, see
    // IDLE_IN_TRANSACTION_MS). bench:locks shows no throughput change either way; what it buys is an answer
    // now. Anything else is decided again below, under that lock, on what is there then.
    const seen = await current(this.workspace.read, integration);
    if (seen && seen.expires_at_ms > (await this.time(this.workspace.read)) && seen.holder_session !== holder.session) return { ok: false, heldBy: info(seen) };
    let fresh = false;
    const result = await this.workspace.transaction(async (tx): Promise<AcquireResult> => {
      await tx.lockResource(RESOURCES.integrationLock(integration));
      const now = await this.time(tx);
      const row = await current(tx, integration);
      if (row && row.expires_at_ms > now && row.holder_session !== holder.session) return { ok: false, heldBy: info(row) };
      const expiresAtMs = now + this.leaseMs;
      if (row && row.holder_session === holder.session && row.expires_at_ms > now) {
        await extendLease(tx, integration, row.fencing_token, iso(now), expiresAtMs);
        return { ok: true, lock: { integration, token: row.fencing_token, expiresAtMs } };
      }
      const token = await nextFencingToken(tx, integration);
      await writeLease(tx, { integration, holderAdminId: holder.adminId, holderName: holder.name, holderSession: holder.session, token, at: iso(now), expiresAtMs });
      // Taken afresh (free, or an expired holder's taken over): every workstation's screens show the new holder.
      await tx.notifyChange('locks', integration);
      fresh = true;
      return { ok: true, lock: { integration, token, expiresAtMs } };
    });
    if (fresh) this.changed(integration, null);
    return result;
  }

  /** The heartbeat: extends the lease, or reports that the lock was lost (expired and taken, or force-released). */
  renew(lock: HeldLock, session: string): Promise<HeldLock | null> {
    return this.workspace.transaction(async (tx) => {
      await tx.lockResource(RESOURCES.integrationLock(lock.integration));
      const now = await this.time(tx);
      const row = await current(tx, lock.integration);
      if (!row || row.fencing_token !== lock.token || row.holder_session !== session) return null;
      const expiresAtMs = now + this.leaseMs;
      await extendLease(tx, lock.integration, lock.token, iso(now), expiresAtMs);
      return { ...lock, expiresAtMs };
    });
  }

  /** Gives the lock up (finish, cancel, sign-out, quit); a no-op when it was already lost. */
  async release(lock: HeldLock, session: string): Promise<void> {
    const released = await this.workspace.transaction(async (tx) => {
      const deleted = await deleteLeaseOf(tx, lock.integration, lock.token, session);
      if (deleted) await tx.notifyChange('locks', lock.integration);
      return deleted;
    });
    if (released) this.changed(lock.integration, null);
  }

  /** A Master Administrator frees a lock someone left behind; recorded in the audit log. */
  async forceRelease(integration: PsaKind, actorId: string): Promise<LockState | null> {
    const row = await this.workspace.transaction(async (tx) => {
      await tx.lockResource(RESOURCES.integrationLock(integration));
      const row = await current(tx, integration);
      if (!row) return null;
      await deleteLease(tx, integration);
      await tx.notifyChange('locks', integration);
      await appendAudit(tx, 'lock.force_released', actorId, iso(await this.time(tx)), { integration, holder: row.holder_admin_id, token: String(row.fencing_token) });
      return row;
    });
    if (!row) return null;
    const released = { ...info(row), holderSession: row.holder_session };
    this.changed(integration, released);
    return released;
  }

  /** As `holder`, with the holder's session. */
  async state(integration: PsaKind): Promise<LockState | null> {
    const row = await current(this.workspace.read, integration);
    return row && row.expires_at_ms > (await this.time(this.workspace.read)) ? { ...info(row), holderSession: row.holder_session } : null;
  }

  /** Listens for locks taken afresh and released in this process (renewals and expiries are not told). */
  onChange(listener: LockChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Now, on the clock every workstation of the workspace shares: this workstation's (`now`, which tests may
   * fake) plus how far the database server's clock is ahead of this machine's, measured every little while.
   * A local workspace has one clock: the offset stays 0.
   */
  private async time(db: SqlReader): Promise<number> {
    if (Date.now() - this.offset.measuredAt >= CLOCK_OFFSET_REFRESH_MS) {
      const before = Date.now();
      const server = await serverClockMs(db);
      const after = Date.now();
      // The server read its clock somewhere during the round trip: compared with the middle of it.
      this.offset = { ms: server === undefined ? 0 : Math.round(server - (before + after) / 2), measuredAt: after };
    }
    return this.now() + this.offset.ms;
  }

  private changed(integration: PsaKind, released: LockState | null): void {
    for (const listener of this.listeners) listener(integration, released);
  }

  /** Who holds the lock now, if anyone (expired leases do not count). */
  async holder(integration: PsaKind): Promise<LockInfo | null> {
    const row = await current(this.workspace.read, integration);
    return row && row.expires_at_ms > (await this.time(this.workspace.read)) ? info(row) : null;
  }

  /**
   * Inside a write transaction: refuses unless `lock` is still the live lock of
   * `session`. Writes that follow in the same transaction are fenced.
   */
  async assertHeld(tx: SqlWriter, lock: HeldLock, session: string): Promise<void> {
    // Held to the end of the caller's transaction: a takeover waits until these fenced writes commit.
    await tx.lockResource(RESOURCES.integrationLock(lock.integration));
    const row = await current(tx, lock.integration);
    if (!row || row.fencing_token !== lock.token || row.holder_session !== session || row.expires_at_ms <= (await this.time(tx))) {
      throw new DomainError('INTEGRATION_LOCKED', 'This import no longer holds the integration lock; start it again.');
    }
  }
}

function info(row: Row): LockInfo {
  return { holderName: row.holder_name, holderAdminId: row.holder_admin_id, since: row.acquired_at, expiresAtMs: row.expires_at_ms };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
