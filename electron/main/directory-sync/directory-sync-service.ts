/**
 * Settings → Directory sync, for Master Administrators (every call checks the caller here): the connection and its
 * bind password (this workstation's vault), the pairs, the default password, the service token, *Test connection*,
 * the source group list, dry runs, *Sync now*, the log and its export. The runs themselves are SyncRunner's.
 */
import { createHash } from 'node:crypto';
import type { DirectoryConnection, DirectorySyncSettings, DirectoryTestResult, SyncLogEntry, SyncReport, SyncRun } from '../../../shared/directory-sync/schemas';
import { SyncCountsSchema } from '../../../shared/directory-sync/schemas';
import { syncLogCsv } from '../../../shared/directory-sync/sync-log-csv';
import type { SavedFileResult } from '../../../shared/preview/preview-api';
import type { AccessControl, Principal } from '../access/access-control';
import type { AuthService } from '../auth/auth-service';
import type { Caller } from '../base/caller';
import type { Clock } from '../base/clock';
import { DomainError } from '../base/domain-error';
import type { EventHub } from '../base/event-hub';
import { appendAudit } from '../db/repositories/audit-log';
import * as syncDb from '../db/repositories/directory-sync';
import { findGroup } from '../db/repositories/technician-groups';
import type { Workspace } from '../db/workspace';
import type { PreferencesStore } from '../preferences/preferences-store';
import type { FileDialogs } from '../preview/file-dialogs';
import { translatorFor } from '../preview/main-translator';
import { writeFileAtomically } from '../preview/preview-exports';
import type { SecretVault } from '../vault/secret-vault';
import type { DirectorySession } from './directory-reader';
import { shownReport } from './sync-report';
import { KEPT_RUNS, type OpenDirectory, type SyncRunner } from './sync-runner';
import { generateToken, readDefaultPasswordHash, readSyncConfig, readTokenInfo, revokeToken, writeDefaultPasswordHash, writeSyncConfig } from './sync-settings';

export interface DirectorySyncServiceDeps {
  readonly workspace: Workspace;
  readonly access: AccessControl;
  readonly auth: AuthService;
  readonly vault: SecretVault;
  readonly events: EventHub;
  readonly clock: Clock;
  readonly runner: SyncRunner;
  readonly openDirectory: OpenDirectory;
  readonly dialogs: FileDialogs;
  readonly preferences: PreferencesStore;
  /** When this workstation's schedule runs next (null: no schedule here). */
  readonly nextScheduledRun: () => Date | null;
}

/** The vault's name for a directory's bind password: one per server and bind account, whichever workspace uses it. */
export function bindPasswordName(connection: Pick<DirectoryConnection, 'host' | 'port' | 'bindDn'>): string {
  const identity = `${connection.host.toLowerCase()}:${connection.port}:${connection.bindDn.toLowerCase().replace(/\s*,\s*/g, ',')}`;
  return `directory-bind:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

export class DirectorySyncService {
  /** Each window's running dry run or sync, to cancel it. */
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: DirectorySyncServiceDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async settings(caller: Caller): Promise<DirectorySyncSettings> {
    await this.deps.access.masterAdministrator(caller);
    return this.read();
  }

  private async read(): Promise<DirectorySyncSettings> {
    const db = this.deps.workspace.read;
    const config = await readSyncConfig(db);
    const next = this.deps.nextScheduledRun();
    return {
      config,
      bindPasswordSaved: config.connection !== null && (await this.deps.vault.get(bindPasswordName(config.connection))) !== undefined,
      defaultPasswordSet: (await readDefaultPasswordHash(db)) !== null,
      serviceToken: await readTokenInfo(db),
      nextRunAt: next ? next.toISOString() : null,
    };
  }

  async save(caller: Caller, input: { config: DirectorySyncSettings['config']; bindPassword: string | null }): Promise<DirectorySyncSettings> {
    const principal = await this.deps.access.masterAdministrator(caller);
    const { config } = input;
    await this.deps.workspace.transaction(async (tx) => {
      for (const pair of config.pairs) {
        if (!(await findGroup(tx, pair.groupId))) throw new DomainError('DIRECTORY_TARGET_MISSING', `Technician group ${pair.groupId} no longer exists.`, { groupId: String(pair.groupId) });
      }
      const before = await readSyncConfig(tx);
      await writeSyncConfig(tx, config);
      if (JSON.stringify(before) !== JSON.stringify(config)) {
        await appendAudit(tx, 'directory_sync.settings_changed', principal.id, this.now(), {
          host: config.connection?.host ?? null,
          bindDn: config.connection?.bindDn ?? null,
          pairs: config.pairs.map((pair) => `${pair.sourceDn} → ${pair.groupId}`),
          everyMinutes: config.schedule.everyMinutes,
        });
      }
      await tx.notifyChange('directory-sync');
    });
    if (input.bindPassword !== null && config.connection) await this.deps.vault.set(bindPasswordName(config.connection), input.bindPassword);
    return this.read();
  }

  async setDefaultPassword(caller: Caller, password: string): Promise<DirectorySyncSettings> {
    const principal = await this.deps.access.masterAdministrator(caller);
    await this.deps.auth.enforcePolicy(password, [], 'password');
    const hash = await this.deps.auth.hashPassword(password);
    await this.deps.workspace.transaction(async (tx) => {
      await writeDefaultPasswordHash(tx, hash, this.now());
      await appendAudit(tx, 'directory_sync.settings_changed', principal.id, this.now(), { defaultPassword: 'set' });
      await tx.notifyChange('directory-sync');
    });
    return this.read();
  }

  /** The form's password, else the one this workstation saved for that server and account. */
  private async password(connection: DirectoryConnection, typed: string | null): Promise<string> {
    const password = typed ?? (await this.deps.vault.get(bindPasswordName(connection)));
    if (password === undefined) throw new DomainError('DIRECTORY_PASSWORD_NEEDED', 'This workstation has no bind password for the directory.');
    return password;
  }

  private async withDirectory<T>(connection: DirectoryConnection, typed: string | null, work: (session: DirectorySession) => Promise<T>): Promise<T> {
    const session = await this.deps.openDirectory(connection, await this.password(connection, typed), {});
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  async test(caller: Caller, input: { connection: DirectoryConnection; bindPassword: string | null }): Promise<DirectoryTestResult> {
    await this.deps.access.masterAdministrator(caller);
    return this.withDirectory(input.connection, input.bindPassword, (session) => session.test());
  }

  async groups(caller: Caller, input: { connection: DirectoryConnection; bindPassword: string | null; search: string }) {
    await this.deps.access.masterAdministrator(caller);
    return this.withDirectory(input.connection, input.bindPassword, (session) => session.listGroups(input.search.trim(), 200));
  }

  dryRun(caller: Caller): Promise<SyncReport> {
    return this.start(caller, true);
  }

  syncNow(caller: Caller): Promise<SyncReport> {
    return this.start(caller, false);
  }

  private async start(caller: Caller, dryRun: boolean): Promise<SyncReport> {
    const principal: Principal = await this.deps.access.masterAdministrator(caller);
    if (this.running.has(caller.sessionKey)) throw new DomainError('DIRECTORY_SYNC_RUNNING', 'This window is running a directory sync already.', { by: principal.name });
    const config = await readSyncConfig(this.deps.workspace.read);
    if (!config.connection) throw new DomainError('DIRECTORY_NOT_CONFIGURED', 'No directory is set up.');
    const bindPassword = await this.password(config.connection, null);
    const controller = new AbortController();
    this.running.set(caller.sessionKey, controller);
    try {
      return shownReport(
        await this.deps.runner.run({
          trigger: 'app',
          byName: principal.name,
          actorId: principal.id,
          session: caller.sessionKey,
          dryRun,
          bindPassword,
          signal: controller.signal,
          progress: (progress) => this.deps.events.emit(caller.sessionKey, 'directorySyncProgress', progress),
        }),
      );
    } finally {
      this.running.delete(caller.sessionKey);
    }
  }

  async cancel(caller: Caller): Promise<boolean> {
    await this.deps.access.masterAdministrator(caller);
    const controller = this.running.get(caller.sessionKey);
    if (!controller) return false;
    controller.abort(new DomainError('DIRECTORY_SYNC_CANCELLED', 'The directory sync was cancelled.'));
    return true;
  }

  async runs(caller: Caller): Promise<SyncRun[]> {
    await this.deps.access.masterAdministrator(caller);
    return (await syncDb.listSyncRuns(this.deps.workspace.read, KEPT_RUNS)).map(runOut);
  }

  async entries(caller: Caller, runId: string): Promise<SyncLogEntry[]> {
    await this.deps.access.masterAdministrator(caller);
    const db = this.deps.workspace.read;
    const run = await syncDb.findSyncRun(db, runId);
    if (!run) throw new DomainError('NOT_FOUND', 'That sync run is no longer in the log.');
    return (await syncDb.listSyncEntries(db, runId)).map((entry) => ({ runId, at: run.finishedAt, ...entry }));
  }

  /** One run's entries, or (runId null) every run's, as CSV in the reader's language, to a file chosen in a dialog. */
  async exportLog(caller: Caller, runId: string | null): Promise<SavedFileResult> {
    await this.deps.access.masterAdministrator(caller);
    const db = this.deps.workspace.read;
    const rows = runId === null ? await syncDb.listSyncRuns(db, KEPT_RUNS) : [await syncDb.findSyncRun(db, runId)].filter((row) => row !== undefined);
    if (runId !== null && rows.length === 0) throw new DomainError('NOT_FOUND', 'That sync run is no longer in the log.');
    const runs = [];
    for (const row of rows) runs.push({ run: runOut(row), entries: (await syncDb.listSyncEntries(db, row.id)).map((entry) => ({ runId: row.id, at: row.finishedAt, ...entry })) });
    const { language, t } = await translatorFor(this.deps.preferences.get().language);
    const date = this.now().slice(0, 10);
    const path = await this.deps.dialogs.chooseSaveFile(caller, { suggestedName: `${t('syncExport.fileName', { date })}.csv`, extension: '.csv' });
    if (path === null) return { outcome: 'cancelled' };
    const format = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
    await writeFileAtomically(path, syncLogCsv(runs, t, (iso) => format.format(new Date(iso))));
    return { outcome: 'saved', path, fileName: path.split(/[\\/]/).pop() ?? path, savedAt: this.now() };
  }

  async generateToken(caller: Caller) {
    const principal = await this.deps.access.masterAdministrator(caller);
    return this.deps.workspace.transaction(async (tx) => {
      const made = await generateToken(tx, principal.name, this.now());
      await appendAudit(tx, 'directory_sync.token_generated', principal.id, this.now());
      await tx.notifyChange('directory-sync');
      return made;
    });
  }

  async revokeToken(caller: Caller): Promise<DirectorySyncSettings> {
    const principal = await this.deps.access.masterAdministrator(caller);
    await this.deps.workspace.transaction(async (tx) => {
      await revokeToken(tx);
      await appendAudit(tx, 'directory_sync.token_revoked', principal.id, this.now());
      await tx.notifyChange('directory-sync');
    });
    return this.read();
  }
}

export function runOut(row: syncDb.SyncRunRow): SyncRun {
  const counts = SyncCountsSchema.safeParse(JSON.parse(row.counts));
  let failure: SyncRun['failure'] = null;
  if (row.failureCode !== null) {
    const parsed = parseFailure(row.failureDetail);
    failure = { code: row.failureCode, detail: parsed.message, fields: parsed.fields };
  }
  return {
    id: row.id,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    trigger: row.trigger,
    by: row.byName,
    dryRun: row.dryRun,
    outcome: row.outcome,
    counts: counts.success ? counts.data : { created: 0, updated: 0, disabled: 0, unchanged: 0, problems: 0, users: 0 },
    failure,
  };
}

function parseFailure(text: string | null): { message: string; fields: Record<string, string> } {
  try {
    const value = JSON.parse(text ?? '{}') as { message?: unknown; fields?: unknown };
    const fields = typeof value.fields === 'object' && value.fields !== null ? Object.fromEntries(Object.entries(value.fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
    return { message: typeof value.message === 'string' ? value.message : '', fields };
  } catch {
    return { message: text ?? '', fields: {} };
  }
}
