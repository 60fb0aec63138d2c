/**
 * "Sync every N minutes while the app runs": this workstation's timer, when the workspace's settings ask for one and
 * this workstation's vault holds the bind password. Several workstations of a team may each have the timer; the
 * lease lets one run at a time (the others skip that turn). A run's failure is in the sync log; nothing here throws.
 */
import { hostname } from 'node:os';
import type { Clock } from '../base/clock';
import type { Workspace } from '../db/workspace';
import type { Logger } from '../logging/logger';
import type { SecretVault } from '../vault/secret-vault';
import { bindPasswordName } from './directory-sync-service';
import type { SyncRunner } from './sync-runner';
import { readSyncConfig } from './sync-settings';

export interface SyncScheduleDeps {
  readonly workspace: Workspace;
  readonly vault: SecretVault;
  readonly runner: SyncRunner;
  readonly log: Logger;
  readonly clock: Clock;
  /** How long a minute of the schedule lasts (tests shorten it). */
  readonly minuteMs?: number;
}

export class SyncSchedule {
  private timer: NodeJS.Timeout | null = null;
  private next: Date | null = null;
  private everyMinutes: number | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private readonly stopListening: () => void;

  constructor(private readonly deps: SyncScheduleDeps) {
    this.stopListening = deps.workspace.onChange((change) => {
      if (change.topic === 'directory-sync') void this.refresh();
    });
    void this.refresh();
  }

  nextRunAt(): Date | null {
    return this.next;
  }

  /** Reads the schedule again; a changed interval starts counting from now. */
  private async refresh(): Promise<void> {
    try {
      const config = await readSyncConfig(this.deps.workspace.read);
      const every = config.connection && config.pairs.length > 0 ? config.schedule.everyMinutes : null;
      // Every run's log entry brings us here: the vault is read only when there is a schedule to run.
      const canRun = every !== null && config.connection !== null && (await this.deps.vault.get(bindPasswordName(config.connection))) !== undefined;
      const wanted = canRun ? every : null;
      if (wanted === this.everyMinutes && (this.timer !== null || wanted === null)) return;
      this.everyMinutes = wanted;
      this.arm();
    } catch (error) {
      this.deps.log.warn('directory sync schedule not read', { error: String(error) });
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next = null;
    if (this.stopped || this.everyMinutes === null) return;
    const delay = this.everyMinutes * (this.deps.minuteMs ?? 60_000);
    this.next = new Date(this.deps.clock.now().getTime() + delay);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce().finally(() => {
        this.running = null;
        this.arm();
      });
    }, delay);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const config = await readSyncConfig(this.deps.workspace.read);
      if (!config.connection) return;
      const bindPassword = await this.deps.vault.get(bindPasswordName(config.connection));
      if (bindPassword === undefined) return;
      const host = hostname();
      await this.deps.runner.run({ trigger: 'schedule', byName: host, actorId: null, session: `schedule:${host}:${process.pid}`, dryRun: false, bindPassword });
    } catch (error) {
      // Failed runs are in the sync log already (SyncRunner); another workstation's run holding the lease is expected.
      this.deps.log.info('scheduled directory sync did not run', { error: String(error) });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopListening();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next = null;
    await this.running;
  }
}
