/**
 * One import wizard run per window: it holds the integration lock (renewed by
 * heartbeat) from "Continue" on the filter step until results, cancel,
 * sign-out, window close or quit; runs the fetch; serves the reconciled views;
 * and applies the plan under the lock.
 *
 * One session per window and PSA. A second `import:start` for the same window
 * and PSA *replaces* the first: the renderer cancels before it starts again, so
 * a second start means that window lost track of its wizard (a reload, a crash
 * of the page) and the technician is starting over; refusing would leave them
 * locked out by their own invisible session until sign-out. The first session
 * is ended completely — fetch discarded, heartbeat stopped, lock released —
 * before the lock is taken afresh with a new fencing token, so nothing of the
 * first (its cancel, its heartbeat) can touch the second's lock. The one
 * exception: while the first is applying, the start is refused with
 * IMPORT_IN_PROGRESS, because cutting an apply in half would leave a partial
 * import the technician did not ask for.
 *
 * After the apply, a session whose results hold failures stays, lock and
 * download included, until the technician is done with the results page: its
 * "Retry the failed items" applies again only what failed (after raising the
 * seats, say) under the same lock, so the rest is not redone. A session with
 * nothing failed, or one that lost its lock, ends at once.
 */
import { randomUUID } from 'node:crypto';
import type { ImportDraft } from '../../../shared/import/draft';
import type { ImportPlan, ImportResults } from '../../../shared/import/plan';
import type { IntegrationIdentity } from '../../../shared/import/snapshot';
import { failedCount, mergeRetryResults, retryPlan } from '../../../shared/import/retry';
import type { ImportContactRow, ReconciliationView } from '../../../shared/import/session';
import type { PsaFilter } from '../../../shared/psa/filters';
import { PsaFilterSchema } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaFetchResult } from '../../../shared/psa/records';
import type { SessionState } from '../auth/session-store';
import { DomainError } from '../base/domain-error';
import { markPsaCompaniesGone } from '../db/repositories/directory';
import { readSetting, writeSetting } from '../db/repositories/workspace-settings';
import type { Workspace } from '../db/workspace';
import type { FetchJobs } from '../jobs/fetch-jobs';
import type { HeldLock, IntegrationLocks, LockInfo, LockState } from '../locks/integration-locks';
import type { Logger } from '../logging/logger';
import type { PsaConnector } from '../psa/connector';
import { applyImport } from './apply-import';
import type { ImportSnapshots } from './import-snapshots';
import { contactsView, PrefetchedReconcileInputs, reconciliationView } from './reconciliation-view';
import type { Caller } from '../base/caller';

interface Session {
  readonly id: string;
  readonly caller: Caller;
  readonly psa: PsaKind;
  readonly actor: SessionState;
  /** Where the download is: a fetch job of this session, or a kept snapshot it resumed from. */
  jobId: string | null;
  readonly resumed: Pick<PsaFetchResult, 'companies' | 'contacts'> | null;
  /** The download kept in the workspace: its snapshot id once written (null when it could not be kept). */
  snapshot: Promise<string | null> | null;
  /** For the import history. */
  readonly filter: PsaFilter;
  /** When the download completed (a kept one: when it was kept). */
  fetchedAt: string | null;
  /** What reconciliation reads from the workspace, read while the download runs. */
  readonly inputs: PrefetchedReconcileInputs;
  lock: HeldLock;
  readonly heartbeat: ReturnType<typeof setInterval>;
  /** Set while the plan is being written: such a session is never replaced. */
  applying: boolean;
  /** Once applied: the plan and its results so far, for retrying what failed. */
  applied: { readonly plan: ImportPlan; results: ImportResults } | null;
  /** The look for mapped PSA companies gone from the PSA, started with the first reconciliation. */
  goneCheck?: Promise<void>;
}

export type StartResult = { readonly outcome: 'started'; readonly sessionId: string; readonly jobId: string } | { readonly outcome: 'locked'; readonly heldBy: LockInfo };

/** A download a session can start on without fetching: its records, and the snapshot keeping it (null: none). */
export interface DownloadHere {
  readonly snapshotId: string | null;
  readonly result: Pick<PsaFetchResult, 'companies' | 'contacts'>;
  readonly fetchedAt: string;
}

export class ImportSessions {
  private readonly sessions = new Map<string, Session>();
  /** Starts per window and PSA run one after another, so two concurrent starts cannot both find no session. */
  private readonly starting = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: {
      readonly workspace: Workspace;
      readonly locks: IntegrationLocks;
      readonly jobs: FetchJobs;
      readonly log: Logger;
      readonly leaseMs: number;
      /** For looking up mapped companies the download did not return (deleted in the PSA?); none: no look. */
      readonly connector?: (psa: PsaKind) => Promise<PsaConnector>;
      /** Refuses (PSA_TENANT_MISMATCH) when this workstation's credentials reach another tenant than the workspace imports from. */
      readonly checkTenant?: (psa: PsaKind) => Promise<void>;
      /** Keeps every completed download (and the decisions made on it) in the workspace; none: nothing is kept. */
      readonly snapshots?: ImportSnapshots;
      /** The integration's non-secret identity, recorded with a kept download. */
      readonly integrationOf?: (psa: PsaKind) => Promise<IntegrationIdentity>;
      /**
       * Refuses a caller who may no longer import from the PSA (the right taken away since the start): asked when an
       * apply or retry begins, after the session is marked as applying, so a start racing it is still refused.
       */
      readonly authorize?: (caller: Caller, psa: PsaKind) => Promise<void>;
    },
  ) {}

  /**
   * Takes the lock and starts the fetch; refuses, naming the holder, when another administrator is at it.
   * Replaces this window's running session for the same PSA (see the file comment).
   */
  start(caller: Caller, actor: SessionState, psa: PsaKind, filter: PsaFilter): Promise<StartResult> {
    return this.queued(caller, psa, () => this.startNow(caller, actor, psa, filter));
  }

  /** Starts (and resumes) per window and PSA, one after another. */
  private queued<T>(caller: Caller, psa: PsaKind, work: () => Promise<T>): Promise<T> {
    const key = lockSessionOf(caller, psa);
    const previous = this.starting.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.starting.set(key, next);
    const forget = () => {
      if (this.starting.get(key) === next) this.starting.delete(key);
    };
    void next.then(forget, forget);
    return next;
  }

  private async startNow(caller: Caller, actor: SessionState, psa: PsaKind, filter: PsaFilter): Promise<StartResult> {
    const current = [...this.sessions.values()].find((session) => session.caller.sessionKey === caller.sessionKey && session.psa === psa);
    if (current?.applying) throw new DomainError('IMPORT_IN_PROGRESS', 'An import is being applied in this window; start again when it has finished.');
    if (current) {
      this.deps.log.info('Import restarted in the same window; the previous session ends', { psa });
      await this.end(current);
    }
    await this.deps.checkTenant?.(psa);
    const opened = await this.open(caller, actor, psa, filter, null);
    if (opened.outcome === 'locked') return opened;
    const session = opened.session;
    return { outcome: 'started', sessionId: session.id, jobId: session.jobId ?? '' };
  }

  /**
   * Takes the lock and makes the session: with a fresh download (a fetch job), whose filter is remembered for the
   * next import, or, resuming, a kept one.
   */
  private async open(
    caller: Caller,
    actor: SessionState,
    psa: PsaKind,
    filter: PsaFilter,
    resumed: DownloadHere | null,
  ): Promise<{ readonly outcome: 'started'; readonly session: Session } | { readonly outcome: 'locked'; readonly heldBy: LockInfo }> {
    const lockSession = lockSessionOf(caller, psa);
    const acquired = await this.deps.locks.acquire(psa, { adminId: actor.adminId, name: actor.name, session: lockSession });
    if (!acquired.ok) return { outcome: 'locked', heldBy: acquired.heldBy };
    try {
      // The filter step's next preselection: what was last used to download (a resumed download's older one is not).
      if (!resumed) await this.deps.workspace.transaction((tx) => writeSetting(tx, filterKey(psa), filter));
    } catch (error) {
      await this.deps.locks.release(acquired.lock, lockSession);
      throw error;
    }
    const id = randomUUID();
    const session: Session = {
      id,
      caller,
      psa,
      actor,
      filter,
      jobId: null,
      resumed: resumed?.result ?? null,
      snapshot: resumed ? Promise.resolve(resumed.snapshotId) : null,
      fetchedAt: resumed?.fetchedAt ?? null,
      inputs: new PrefetchedReconcileInputs(this.deps.workspace, psa),
      lock: acquired.lock,
      heartbeat: setInterval(() => void this.beat(id, lockSession), this.deps.leaseMs / 4),
      applying: false,
      applied: null,
    };
    // The heartbeat alone must not keep the process alive at quit.
    session.heartbeat.unref();
    if (!resumed) {
      session.jobId = this.deps.jobs.start(caller, psa, filter, (result) => {
        session.fetchedAt = new Date().toISOString();
        session.snapshot = this.keepSnapshot(session, result);
      });
    }
    this.sessions.set(id, session);
    return { outcome: 'started', session };
  }

  /** Keeps a completed download in the workspace, in the background; a failure is logged and keeps nothing. */
  private keepSnapshot(session: Session, result: PsaFetchResult): Promise<string | null> {
    const snapshots = this.deps.snapshots;
    if (!snapshots) return Promise.resolve(null);
    const kept = (async () => {
      const integration = (await this.deps.integrationOf?.(session.psa)) ?? { accountHint: null, apiBaseUrl: null };
      return snapshots.keep({ psa: session.psa, integration, filter: session.filter, actor: { adminId: session.actor.adminId, name: session.actor.name }, result });
    })();
    return kept.catch((error: unknown) => {
      this.deps.log.warn('The download could not be kept in the workspace', { psa: session.psa, detail: error instanceof Error ? error.message : String(error) });
      return null;
    });
  }

  /**
   * A session on a download that is already here (no fetch: `jobId` null): a kept snapshot resumed (resume-import.ts),
   * or a preview file's records applied later (`snapshotId` null: nothing is kept, saveDraft answers false). The lock is taken as
   * for a fresh start; this window's running session for the PSA ends first (refused while it is applying).
   */
  openOn(caller: Caller, actor: SessionState, psa: PsaKind, filter: PsaFilter, download: DownloadHere): Promise<{ readonly outcome: 'started'; readonly sessionId: string } | { readonly outcome: 'locked'; readonly heldBy: LockInfo }> {
    return this.queued(caller, psa, async () => {
      const current = [...this.sessions.values()].find((session) => session.caller.sessionKey === caller.sessionKey && session.psa === psa);
      if (current?.applying) throw new DomainError('IMPORT_IN_PROGRESS', 'An import is being applied in this window; start again when it has finished.');
      if (current) await this.end(current);
      await this.deps.checkTenant?.(psa);
      const opened = await this.open(caller, actor, psa, filter, download);
      if (opened.outcome === 'locked') return opened;
      return { outcome: 'started' as const, sessionId: opened.session.id };
    });
  }

  /** What "Save preview" takes from a running session: its PSA, filter, download (once complete) and when it was fetched. */
  download(caller: Caller, sessionId: string): { readonly psa: PsaKind; readonly filter: PsaFilter; readonly fetched: Pick<PsaFetchResult, 'companies' | 'contacts' | 'contactsPerCompany'>; readonly fetchedAt: string } {
    const session = this.get(caller, sessionId);
    return { psa: session.psa, filter: session.filter, fetched: this.fetched(session), fetchedAt: session.fetchedAt ?? new Date().toISOString() };
  }

  /** Keeps the technician's decisions with the session's download; false while (or when) it is not kept. */
  async saveDraft(caller: Caller, sessionId: string, draft: ImportDraft): Promise<boolean> {
    const session = this.get(caller, sessionId);
    const snapshotId = await session.snapshot;
    if (!snapshotId || !this.deps.snapshots) return false;
    await this.deps.snapshots.saveDraft(snapshotId, draft);
    return true;
  }

  /** The filter used last time for this integration, to preselect it. */
  lastFilter(psa: PsaKind): Promise<PsaFilter | null> {
    return readSetting(this.deps.workspace.read, filterKey(psa), PsaFilterSchema.nullable(), null);
  }

  async reconciliation(caller: Caller, sessionId: string): Promise<ReconciliationView> {
    const session = this.get(caller, sessionId);
    const fetched = this.fetched(session);
    const view = await reconciliationView(this.deps.workspace.read, session.psa, fetched, await session.inputs.current());
    session.goneCheck ??= this.checkGone(session, view);
    return view;
  }

  /** Waits for the look for gone PSA companies this session started (tests; the wizard does not wait). */
  async goneChecked(caller: Caller, sessionId: string): Promise<void> {
    await this.get(caller, sessionId).goneCheck;
  }

  /**
   * In the background, after the download: which mapped companies the download did not return are gone from
   * the PSA (deleted or merged away, not merely filtered out), flagged on the Managed companies page; those it
   * did return are not gone. A failure only leaves the flags as they were.
   */
  private async checkGone(session: Session, view: ReconciliationView): Promise<void> {
    const connector = this.deps.connector;
    if (!connector) return;
    try {
      const present = view.inPsa.filter((row) => row.status === 'mapped').map((row) => row.psaCompanyId);
      const notIn = view.notInPsa.map((row) => row.psaCompanyId);
      const gone = notIn.length === 0 ? [] : await (await connector(session.psa)).missingCompanies(notIn);
      const goneSet = new Set(gone);
      const stillThere = [...present, ...notIn.filter((id) => !goneSet.has(id))];
      const now = new Date().toISOString();
      await this.deps.workspace.transaction(async (tx) => {
        if ((await markPsaCompaniesGone(tx, session.psa, gone, stillThere, now)) > 0) await tx.notifyChange('directory');
      });
      if (gone.length > 0) this.deps.log.info('Mapped companies gone from the PSA', { psa: session.psa, count: gone.length });
    } catch (error) {
      this.deps.log.warn('Could not check for companies gone from the PSA', { psa: session.psa, detail: error instanceof Error ? error.message : String(error) });
    }
  }

  async contacts(caller: Caller, sessionId: string, psaCompanyId: string, managedCompanyId: string | null): Promise<ImportContactRow[]> {
    const session = this.get(caller, sessionId);
    return contactsView(this.deps.workspace.read, session.psa, this.fetched(session), psaCompanyId, managedCompanyId);
  }

  /**
   * Applies the plan under the lock. With nothing failed, the lock is given up: the wizard is done. With
   * failures, the session stays for `retryFailed` until the technician is done (cancel).
   */
  async apply(caller: Caller, sessionId: string, plan: ImportPlan, onProgress: (done: number, total: number) => void): Promise<ImportResults> {
    const session = this.get(caller, sessionId);
    if (session.applying) throw new DomainError('IMPORT_IN_PROGRESS', 'This import is being applied.');
    if (session.applied) throw new DomainError('NOT_FOUND', 'This import was applied already; retry its failed items or start again.');
    const results = await this.write(session, plan, onProgress);
    session.applied = { plan, results };
    if (failedCount(results) === 0) await this.end(session);
    return results;
  }

  /**
   * "Retry the failed items": applies again only the companies and users that failed, under the lock this
   * session still holds, and returns the results with the new outcomes in place of the failed ones. Refused
   * (INTEGRATION_LOCKED, nothing written) when the lock was released or taken over since the apply.
   */
  async retryFailed(caller: Caller, sessionId: string, onProgress: (done: number, total: number) => void): Promise<ImportResults> {
    const session = this.get(caller, sessionId);
    if (session.applying) throw new DomainError('IMPORT_IN_PROGRESS', 'This import is being applied.');
    const applied = session.applied;
    if (!applied) throw new DomainError('NOT_FOUND', 'This import has not been applied yet.');
    const retried = await this.write(session, retryPlan(applied.plan, applied.results), onProgress);
    applied.results = mergeRetryResults(applied.results, retried);
    if (failedCount(applied.results) === 0) await this.end(session);
    return applied.results;
  }

  /** Its kept download is done with: it leaves the list of imports to resume. A failure here only leaves it listed. */
  private async markApplied(session: Session): Promise<void> {
    const snapshotId = await session.snapshot;
    if (!snapshotId || !this.deps.snapshots) return;
    await this.deps.snapshots.markApplied(snapshotId).catch((error: unknown) => this.deps.log.warn('A kept download could not be marked applied', { psa: session.psa, detail: error instanceof Error ? error.message : String(error) }));
  }

  /** Writes a plan under the session's lock; a failure (the lock lost, say) ends the session. */
  private async write(session: Session, plan: ImportPlan, onProgress: (done: number, total: number) => void): Promise<ImportResults> {
    session.applying = true;
    try {
      await this.deps.authorize?.(session.caller, session.psa);
    } catch (error) {
      // Refused before anything was written: the session stays, to be cancelled (or applied by someone who may).
      session.applying = false;
      throw error;
    }
    try {
      const results = await applyImport(plan, this.fetched(session), {
        workspace: this.deps.workspace,
        locks: this.deps.locks,
        lock: session.lock,
        session: lockSessionOf(session.caller, session.psa),
        actorId: session.actor.adminId,
        psa: session.psa,
        cycle: { actorName: session.actor.name, filter: session.filter },
        onProgress,
      });
      // Still marked as applying: a start from this window meanwhile is refused, not let in to replace the session.
      await this.markApplied(session);
      return results;
    } catch (error) {
      await this.end(session);
      throw error;
    } finally {
      session.applying = false;
    }
  }

  /**
   * The technician backs out (Cancel, Back to the filter, Done on the results): the session ends, and its download is
   * no longer kept for later, unless its plan was applied (then it stays as the record the history points at).
   */
  async cancel(caller: Caller, sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session || session.caller.sessionKey !== caller.sessionKey) return;
    await this.end(session);
    const snapshotId = session.applied ? null : await session.snapshot;
    if (snapshotId && this.deps.snapshots) {
      await this.deps.snapshots.discard(snapshotId).catch((error: unknown) => this.deps.log.warn('A kept download could not be removed', { psa: session.psa, detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  /** Sign-out, window close or quit: every wizard of the window ends and its locks are released. */
  async endSession(caller: Caller): Promise<void> {
    // A start still under way would create its session (and hold its lock) after this: wait for it, then end it too.
    const starts = [...this.starting].filter(([key]) => key.startsWith(`${caller.sessionKey}:`)).map(([, start]) => start.catch(() => undefined));
    await Promise.all(starts);
    await Promise.all([...this.sessions.values()].filter((session) => session.caller.sessionKey === caller.sessionKey).map((session) => this.end(session)));
  }

  /**
   * A Master Administrator released a lock: the session that held it (if it runs in this process) ends, its
   * download dropped, and its caller is returned so that caller alone can be told. A session being applied is
   * left to its apply, which the fencing stops and which ends the session itself.
   */
  async lockTakenAway(released: LockState): Promise<Caller | null> {
    const holder = [...this.sessions.values()].find((session) => lockSessionOf(session.caller, session.psa) === released.holderSession);
    if (!holder) return null;
    if (!holder.applying) await this.end(holder);
    return holder.caller;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => this.end(session)));
  }

  private async beat(sessionId: string, lockSession: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    const renewed = await this.deps.locks.renew(session.lock, lockSession).catch(() => null);
    if (renewed) session.lock = renewed;
    else this.deps.log.warn('Integration lock lost', { psa: session.psa });
  }

  private async end(session: Session): Promise<void> {
    if (!this.sessions.delete(session.id)) return;
    clearInterval(session.heartbeat);
    if (session.jobId) await this.deps.jobs.discard(session.caller, session.jobId);
    await this.deps.locks.release(session.lock, lockSessionOf(session.caller, session.psa));
  }

  /** The PSA of one of the caller's import sessions (what its permission check asks for). */
  psaOf(caller: Caller, sessionId: string): PsaKind {
    return this.get(caller, sessionId).psa;
  }

  private get(caller: Caller, sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session || session.caller.sessionKey !== caller.sessionKey) throw new DomainError('NOT_FOUND', 'This import has ended; start it again.');
    return session;
  }

  private fetched(session: Session): Pick<PsaFetchResult, 'companies' | 'contacts' | 'contactsPerCompany'> {
    const result = session.resumed ?? (session.jobId ? this.deps.jobs.result(session.caller, session.jobId) : undefined);
    if (!result) throw new DomainError('NOT_FOUND', 'The companies have not been downloaded yet.');
    return result;
  }
}

const filterKey = (psa: PsaKind) => `import_filter.${psa}`;
/** The lock's holder session: one per window and PSA (a second window of the same admin is another holder). */
/** The lock holder's session: one per caller session and PSA. */
export const lockSessionOf = (caller: Caller, psa: PsaKind) => `${caller.sessionKey}:${psa}`;
