/**
 * One directory sync or dry run, whoever starts it (a Master Administrator's *Sync now*, the app's schedule, the
 * headless service): the lease, the directory read, the plan, and — for a sync — every change in ONE transaction
 * with its log entries. The directory is read before the transaction (it is the slow part and must not hold the
 * workspace); the plan is made inside it on the workspace as it is then, so an administrator's change meanwhile is
 * planned with, not overwritten. A directory whose change mark has not moved since the last read is not read again:
 * the run plans from that read (read-cache.ts), on the workspace as it is now. A failure — unreachable server, bad
 * bind, missing group, TLS, referral — is kept in the log as a failed run and changes nothing.
 */
import type { DirectoryConnection, SyncRun, SyncTrigger, SyncProgress } from '../../../shared/directory-sync/schemas';
import { appendAudit } from '../db/repositories/audit-log';
import * as syncDb from '../db/repositories/directory-sync';
import { listGroups } from '../db/repositories/technician-groups';
import { licensesInUse } from '../db/repositories/technicians';
import type { SqlReader, SqlWriter, Workspace } from '../db/workspace';
import type { Clock } from '../base/clock';
import { DomainError } from '../base/domain-error';
import { newId } from '../base/ids';
import { RESOURCES } from '../base/resources';
import type { Logger, Redactor } from '../logging/logger';
import { readTechnicianSeats } from '../org/org-settings';
import type { DirectorySession, SourcesRead } from './directory-reader';
import { planSync } from './plan-sync';
import { DirectoryReadCache, readKey } from './read-cache';
import type { SyncPlan } from './plan-types';
import { describeChange, logEntries, type SyncOutcome } from './sync-report';
import { acquireSyncLock } from './sync-lock';
import { readDefaultPasswordHash, readSyncConfig } from './sync-settings';

export type OpenDirectory = (connection: DirectoryConnection, bindPassword: string, options: { timeoutMs?: number }) => Promise<DirectorySession>;

/** How many runs the log keeps (a 5-minute schedule fills it in under two days; failures and changes stay findable in exports). */
export const KEPT_RUNS = 500;

export interface SyncRunnerDeps {
  readonly workspace: Workspace;
  readonly clock: Clock;
  readonly log: Logger;
  readonly redactor: Redactor;
  readonly openDirectory: OpenDirectory;
  /** Per-operation LDAP timeout (tests shorten it). */
  readonly directoryTimeoutMs?: number;
}

export interface SyncRequest {
  readonly trigger: SyncTrigger;
  /** Who, for the log: the administrator's name, or the workstation or host. */
  readonly byName: string;
  /** The audit log's actor: the administrator's id; null for the schedule and the service. */
  readonly actorId: string | null;
  /** The lease's holder: one per window, schedule or service process. */
  readonly session: string;
  readonly dryRun: boolean;
  readonly bindPassword: string;
  readonly signal?: AbortSignal;
  readonly progress?: (progress: SyncProgress) => void;
}

/** Codes that are not the directory's failure and are not logged as a run: someone else's sync, or the user's cancel. */
const NOT_LOGGED = new Set(['DIRECTORY_SYNC_RUNNING', 'DIRECTORY_SYNC_CANCELLED']);

export class SyncRunner {
  private readonly reads: DirectoryReadCache;

  constructor(private readonly deps: SyncRunnerDeps) {
    this.reads = new DirectoryReadCache(deps.clock);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async run(request: SyncRequest): Promise<SyncOutcome> {
    const startedAt = this.now();
    this.deps.redactor.add(request.bindPassword);
    try {
      return await this.attempt(request, startedAt);
    } catch (error) {
      const failure = asFailure(error, this.deps.redactor);
      if (!NOT_LOGGED.has(failure.code)) await this.logFailure(request, startedAt, failure);
      if (failure.code === 'INTERNAL') this.deps.log.error('directory sync failed', { error: this.deps.redactor.scrub(error instanceof Error ? (error.stack ?? error.message) : String(error)) });
      throw error instanceof DomainError ? error : new DomainError('INTERNAL', failure.detail);
    }
  }

  private async attempt(request: SyncRequest, startedAt: string): Promise<SyncOutcome> {
    const { workspace } = this.deps;
    const config = await readSyncConfig(workspace.read);
    if (!config.connection) throw new DomainError('DIRECTORY_NOT_CONFIGURED', 'No directory is set up.');
    if (config.pairs.length === 0) throw new DomainError('DIRECTORY_NO_PAIRS', 'No source group is set up.');
    const passwordHash = await readDefaultPasswordHash(workspace.read);
    if (!request.dryRun && passwordHash === null) throw new DomainError('DIRECTORY_NO_DEFAULT_PASSWORD', 'No default password for new technicians is set.');
    await this.checkTargets(workspace.read, config.pairs.map((pair) => pair.groupId));

    // A dry run writes no technician, so it does not wait for (nor hold off) a sync.
    const lock = request.dryRun ? null : await acquireSyncLock(workspace, request.session, request.byName, (error) => this.deps.log.warn('directory sync lease', { error: String(error) }));
    try {
      const progress = request.progress ?? (() => undefined);
      progress({ stage: 'connecting', done: 0, total: 0 });
      const directory = await this.deps.openDirectory(config.connection, request.bindPassword, this.deps.directoryTimeoutMs !== undefined ? { timeoutMs: this.deps.directoryTimeoutMs } : {});
      const sourceDns = [...new Set(config.pairs.map((pair) => pair.sourceDn))];
      const key = readKey(config.connection, sourceDns);
      let read: SourcesRead;
      let unchangedSince: Date | null = null;
      try {
        // The mark before the read: a change while the directory is read moves the mark past the one kept with it.
        const markedAt = this.deps.clock.now();
        const mark = await directory.changeMark(request.signal);
        const kept = this.reads.get(key, mark);
        if (kept) {
          ({ read, readAt: unchangedSince } = kept);
        } else {
          read = await directory.readSources(sourceDns, {
            ...(request.signal ? { signal: request.signal } : {}),
            progress: (stage, done, total) => progress({ stage, done, total }),
          });
          this.reads.keep(key, mark, markedAt, read);
        }
      } finally {
        // Not waited for: the unbind is on its way as close() returns, and the socket's teardown (up to ~10 ms)
        // is no part of the run. close() never rejects.
        void directory.close();
      }
      const missing = read.sources.find((source) => !source.found);
      if (missing) throw new DomainError('DIRECTORY_GROUP_MISSING', `The directory group ${missing.sourceDn} does not exist.`, { dn: missing.sourceDn });
      if (request.signal?.aborted) throw new DomainError('DIRECTORY_SYNC_CANCELLED', 'The directory sync was cancelled.');
      progress({ stage: 'planning', done: 0, total: 0 });
      const members = new Map(read.sources.map((source) => [source.sourceDn, source.users]));
      const planFrom = async (db: SqlReader): Promise<{ plan: SyncPlan; groupName: (id: number) => string }> => {
        const groups = new Map((await listGroups(db)).map((group) => [group.id, group.name]));
        const plan = planSync({
          pairs: config.pairs,
          members,
          existingUserIds: read.existingUserIds,
          technicians: await syncDb.listSyncTechnicians(db),
          administratorEmails: await syncDb.administratorEmailKeysAll(db),
          seats: await readTechnicianSeats(db),
          licensesInUse: await licensesInUse(db),
          newTechnicianLicenses: config.newTechnicianLicenses,
        });
        return { plan, groupName: (id) => groups.get(id) ?? String(id) };
      };

      if (request.dryRun) {
        const { plan, groupName } = await planFrom(workspace.read);
        const report = this.report(request, startedAt, plan, groupName, unchangedSince);
        await workspace.transaction(async (tx) => this.record(tx, report));
        return report;
      }
      progress({ stage: 'writing', done: 0, total: 0 });
      return await workspace.transaction(async (tx) => {
        await tx.lockResource(RESOURCES.accounts);
        await tx.lockResource(RESOURCES.technicianLicenses);
        await tx.lockResource(RESOURCES.orgTree);
        await this.checkTargets(tx, config.pairs.map((pair) => pair.groupId));
        const { plan, groupName } = await planFrom(tx);
        await this.write(tx, plan, passwordHash ?? '');
        const report = this.report(request, startedAt, plan, groupName, unchangedSince);
        await this.record(tx, report);
        if (plan.changes.length > 0) {
          await appendAudit(tx, 'directory_sync.synced', request.actorId, report.run.finishedAt, { trigger: request.trigger, by: request.byName, ...report.run.counts });
          await tx.notifyChange('org');
        }
        return report;
      });
    } finally {
      await lock?.release();
    }
  }

  private async checkTargets(db: SqlReader, groupIds: readonly number[]): Promise<void> {
    const existing = new Set((await listGroups(db)).map((group) => group.id));
    const missing = groupIds.find((id) => !existing.has(id));
    if (missing !== undefined) throw new DomainError('DIRECTORY_TARGET_MISSING', `Technician group ${missing} no longer exists.`, { groupId: String(missing) });
  }

  private async write(tx: SqlWriter, plan: SyncPlan, passwordHash: string): Promise<void> {
    const now = this.now();
    const created: syncDb.NewSyncedTechnician[] = [];
    for (const change of plan.changes) {
      const { after } = change;
      if (change.technician === null) {
        created.push({ id: newId(), groupId: after.groupId, name: after.name, email: after.email, enabled: after.enabled, standardLicense: change.standardLicense, mobileLicense: after.mobileLicense, passwordHash, directoryId: after.directoryId });
      } else {
        await syncDb.updateSyncedTechnician(tx, change.technician.id, after, now);
      }
    }
    await syncDb.insertSyncedTechnicians(tx, created, now);
  }

  private report(request: SyncRequest, startedAt: string, plan: SyncPlan, groupName: (id: number) => string, unchangedSince: Date | null): SyncOutcome {
    const run: SyncRun = {
      id: newId(),
      startedAt,
      finishedAt: this.now(),
      trigger: request.trigger,
      by: request.byName,
      dryRun: request.dryRun,
      outcome: plan.problems.length > 0 ? 'problems' : 'succeeded',
      counts: plan.counts,
      failure: null,
    };
    return { run, changes: plan.changes.map((change) => describeChange(change, groupName)), problems: [...plan.problems], directoryUnchangedSince: unchangedSince?.toISOString() ?? null };
  }

  private async record(tx: SqlWriter, report: SyncOutcome): Promise<void> {
    const { run } = report;
    await syncDb.insertSyncRun(
      tx,
      { id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, trigger: run.trigger, byName: run.by, dryRun: run.dryRun, outcome: run.outcome, counts: JSON.stringify(run.counts), failureCode: null, failureDetail: null },
      logEntries(report.changes, report.problems),
    );
    await syncDb.pruneSyncRuns(tx, KEPT_RUNS);
    await tx.notifyChange('directory-sync');
  }

  private async logFailure(request: SyncRequest, startedAt: string, failure: Failure): Promise<void> {
    const counts = { created: 0, updated: 0, disabled: 0, unchanged: 0, problems: 0, users: 0 };
    try {
      await this.deps.workspace.transaction(async (tx) => {
        await syncDb.insertSyncRun(
          tx,
          { id: newId(), startedAt, finishedAt: this.now(), trigger: request.trigger, byName: request.byName, dryRun: request.dryRun, outcome: 'failed', counts: JSON.stringify(counts), failureCode: failure.code, failureDetail: JSON.stringify({ message: failure.detail, fields: failure.fields }) },
          [{ kind: 'failure', code: failure.code, name: '', email: '', userDn: failure.fields['dn'] ?? '', detail: failure.detail }],
        );
        await syncDb.pruneSyncRuns(tx, KEPT_RUNS);
        await tx.notifyChange('directory-sync');
      });
    } catch (error) {
      // The workspace itself failing is told by the error the caller gets; the log line keeps the first cause.
      this.deps.log.warn('directory sync failure not logged', { error: this.deps.redactor.scrub(String(error)) });
    }
  }
}

interface Failure {
  readonly code: string;
  readonly detail: string;
  readonly fields: Record<string, string>;
}

function asFailure(error: unknown, redactor: Redactor): Failure {
  if (error instanceof DomainError) {
    const fields = Object.fromEntries(Object.entries(error.fields ?? {}).map(([key, value]) => [key, redactor.scrub(value)]));
    return { code: error.code, detail: redactor.scrub(error.message), fields };
  }
  return { code: 'INTERNAL', detail: 'The directory sync stopped on an unexpected error (details in the log).', fields: {} };
}
