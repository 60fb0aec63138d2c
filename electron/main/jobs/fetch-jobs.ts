/**
 * Runs PSA fetches as jobs: one id each, progress and the outcome pushed to the
 * window that started it, cancellable at any moment. A finished fetch's data
 * stays in main (the import wizard reconciles it there); nothing crosses to the
 * renderer but counts.
 */
import { randomUUID } from 'node:crypto';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaFetchResult } from '../../../shared/psa/records';
import type { EventHub } from '../base/event-hub';
import type { Logger } from '../logging/logger';
import { fetchFromPsa } from '../psa/fetch-job';
import type { PsaConnections } from '../psa/psa-connections';
import { PsaCancelled, toPsaError } from '../psa/psa-error';
import type { Caller } from '../base/caller';

interface Job {
  readonly caller: Caller;
  readonly psa: PsaKind;
  readonly controller: AbortController;
  readonly done: Promise<void>;
  result?: PsaFetchResult;
}

export class FetchJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly connections: PsaConnections,
    private readonly events: EventHub,
    private readonly log: Logger,
  ) {}

  /** `completed` is told the data once the fetch is complete (the import session keeps it as a snapshot). */
  start(caller: Caller, psa: PsaKind, filter: PsaFilter, completed?: (result: PsaFetchResult) => void): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    // Nobody awaits a job until it is cancelled or discarded, so `done` must never reject: a failure to
    // report (an event that no longer validates, a log that cannot be written) is logged, not thrown.
    const done = this.run(jobId, caller, psa, filter, controller.signal, completed).catch((error: unknown) => this.log.error('PSA fetch job could not report its end', { psa, error }));
    const job: Job = { caller, psa, controller, done };
    this.jobs.set(jobId, job);
    return jobId;
  }

  private async run(jobId: string, caller: Caller, psa: PsaKind, filter: PsaFilter, signal: AbortSignal, completed?: (result: PsaFetchResult) => void): Promise<void> {
    // Let start() register the job before the first event can name it.
    await Promise.resolve();
    const started = Date.now();
    try {
      const connector = await this.connections.connector(psa);
      const result = await fetchFromPsa(connector, filter, {
        signal,
        onProgress: (progress) => this.events.emit(caller.sessionKey, 'fetchProgress', { jobId, ...progress }),
      });
      const job = this.jobs.get(jobId);
      if (job) job.result = result;
      completed?.(result);
      this.log.info('PSA fetch finished', { psa, companies: result.companies.length, contacts: result.contacts.length, ms: Date.now() - started });
      this.events.emit(caller.sessionKey, 'fetchFinished', { jobId, outcome: 'completed', error: null, companies: result.companies.length, contacts: result.contacts.length });
    } catch (error) {
      if (error instanceof PsaCancelled || signal.aborted) {
        this.log.info('PSA fetch cancelled', { psa, ms: Date.now() - started });
        this.events.emit(caller.sessionKey, 'fetchFinished', { jobId, outcome: 'cancelled', error: null, companies: 0, contacts: 0 });
      } else {
        const failure = toPsaError(error);
        this.log.warn('PSA fetch failed', { psa, kind: failure.kind, detail: failure.message });
        this.events.emit(caller.sessionKey, 'fetchFinished', { jobId, outcome: 'failed', error: failure.view(), companies: 0, contacts: 0 });
      }
    }
  }

  /** Only the window that started a job may cancel it; resolves when the job has stopped. */
  async cancel(caller: Caller, jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.caller.sessionKey !== caller.sessionKey) return;
    job.controller.abort(new PsaCancelled());
    await job.done;
  }

  /** Stops the job if it still runs and drops its data (the wizard that needed it has ended). */
  async discard(caller: Caller, jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.caller.sessionKey !== caller.sessionKey) return;
    job.controller.abort(new PsaCancelled());
    await job.done;
    this.jobs.delete(jobId);
  }

  /** The data of a completed fetch, for the window that ran it. */
  result(caller: Caller, jobId: string): PsaFetchResult | undefined {
    const job = this.jobs.get(jobId);
    return job && job.caller.sessionKey === caller.sessionKey ? job.result : undefined;
  }

  /** A window closed or signed out: stop its jobs and forget their data. */
  async endSession(caller: Caller): Promise<void> {
    const mine = [...this.jobs].filter(([, job]) => job.caller.sessionKey === caller.sessionKey);
    for (const [jobId, job] of mine) {
      job.controller.abort(new PsaCancelled());
      await job.done;
      this.jobs.delete(jobId);
    }
  }
}
