/**
 * Opens this workstation's workspace — its local SQLite file or a team
 * workspace on PostgreSQL — and switches between them while the app runs.
 * Each workspace gets its own services and IPC edge (a generation); what
 * belongs to the workstation outlives them: the windows and their session
 * keys, the event hub the windows listen to, the vault, the log.
 *
 * Switching builds the next generation first and only then closes the
 * previous one (its wizards end and release their locks), so a failed
 * switch leaves the open workspace as it was.
 */
import { join } from 'node:path';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import type { AppInfo } from '../../../shared/ipc/schemas';
import { teamWorkspaceKey, type TeamConnection, type TeamProbe, type WorkspaceStatus } from '../../../shared/workspace/connection';
import type { Caller } from '../base/caller';
import type { ScryptCost } from '../auth/password-hash';
import { DomainError } from '../base/domain-error';
import { EventHub } from '../base/event-hub';
import { openWorkspace, type WorkspaceTarget } from '../db/open-workspace';
import { applicationNameFor } from '../db/postgres-connection';
import { backupLocalWorkspace } from '../db/workspace-backup';
import { copyWorkspace } from '../db/workspace-copy';
import { WORKSPACE_FILE } from '../db/workspace-files';
import { WorkspaceError, type Workspace } from '../db/workspace';
import { workspaceHandlers, type WorkspaceControl } from '../ipc/handlers/workspace';
import { createIpcEdge, type IpcEdge } from '../ipc/ipc-edge';
import { WindowSessions } from '../ipc/window-sessions';
import type { Logger, Redactor } from '../logging/logger';
import type { KeyValueStore } from '../preferences/preferences-store';
import type { PsaHttpOptions } from '../psa/http/psa-http';
import type { FileDialogs } from '../preview/file-dialogs';
import { createServices, type Services } from '../services/create-services';
import type { SecretCipher } from '../vault/cipher';
import { SecretVault } from '../vault/secret-vault';
import { failureOfCode, inspectTeam, openTeam, probeTeam, teamFailureError, type TeamTarget } from '../workspaces/team-connections';
import { teamPasswordName, WorkspaceChoicesStore } from '../workspaces/workspace-choices';

export interface WorkspaceHostOptions {
  readonly dataDir: string;
  readonly cipher: SecretCipher;
  readonly settings: KeyValueStore;
  readonly log: Logger;
  readonly redactor: Redactor;
  /** What `app:info` says, apart from the workspace kind. */
  readonly info: Omit<AppInfo, 'workspaceKind'>;
  readonly allowedOrigins: readonly string[];
  /** Names this workstation to the server (`application_name`), so a DBA can tell sessions apart. */
  readonly workstation: string;
  /** Start on this workspace instead of the one chosen last (a team target), or keep the local one in another file. */
  readonly initial?: WorkspaceTarget;
  readonly nativeBinding?: string;
  readonly lockLeaseMs?: number;
  readonly psaHttp?: PsaHttpOptions;
  readonly signInFailureDelayMs?: number;
  readonly passwordHashCost?: ScryptCost;
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
  readonly dialogs?: FileDialogs;
}

type WorkspaceMoved = NonNullable<EventPayload<'workspaceChanged'>['moved']>;

type Opened = { readonly kind: 'local'; readonly file: string } | { readonly kind: 'team'; readonly key: string; readonly connection: TeamConnection };

interface Generation {
  readonly opened: Opened;
  readonly workspace: Workspace;
  readonly services: Services;
  readonly edge: IpcEdge;
}

export class WorkspaceHost implements WorkspaceControl {
  readonly events = new EventHub();
  readonly windows = new WindowSessions();
  readonly vault: SecretVault;
  private readonly choices: WorkspaceChoicesStore;
  private readonly handlers = workspaceHandlers(this);
  private generation: Generation | null = null;
  private unavailable: WorkspaceStatus['unavailable'] = null;
  /** Switches run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: WorkspaceHostOptions) {
    this.vault = new SecretVault(options.dataDir, options.cipher, options.redactor, options.log);
    this.choices = new WorkspaceChoicesStore(options.settings);
  }

  /** Opens the workspace chosen last; a team workspace that cannot be reached leaves the local one open and says why (`status().unavailable`). */
  static async start(options: WorkspaceHostOptions): Promise<WorkspaceHost> {
    const host = new WorkspaceHost(options);
    const { initial } = options;
    if (initial?.kind === 'team') {
      const { workspace } = await openTeam(initial, options.log, { migrate: true });
      host.generation = host.build(workspace, { kind: 'team', key: teamWorkspaceKey(initial.connection), connection: initial.connection });
    }
    const team = host.generation ? null : host.choices.currentTeam();
    if (team) {
      try {
        const target = await host.targetFor(team.connection, null);
        const { workspace } = await openTeam(target, options.log, { migrate: true });
        host.generation = host.build(workspace, { kind: 'team', key: team.key, connection: team.connection });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        host.unavailable = { key: team.key, connection: team.connection, failure: failureOfCode(error.code) };
      }
    }
    host.generation ??= await host.openLocal();
    options.log.info('Workspace opened', { kind: host.current.opened.kind, unavailable: host.unavailable?.failure ?? null });
    return host;
  }

  get current(): Generation {
    if (!this.generation) throw new Error('The workspace host has not started.');
    return this.generation;
  }

  status(): WorkspaceStatus {
    const { opened } = this.current;
    const choices = this.choices.read();
    return {
      current: opened.kind === 'local' ? { kind: 'local', file: opened.file } : { kind: 'team', key: opened.key, connection: opened.connection },
      teams: choices.teams.map((team) => ({ ...team, hasPassword: this.vault.has(teamPasswordName(team.key)) })),
      unavailable: this.unavailable,
    };
  }

  async test(connection: TeamConnection, password: string | null): Promise<TeamProbe> {
    return probeTeam(await this.targetFor(connection, password), this.options.log);
  }

  join(connection: TeamConnection, password: string | null): Promise<void> {
    return this.serial(async () => {
      const target = await this.targetFor(connection, password);
      await this.expectContents(target, 'join');
      const { workspace } = await openTeam(target, this.options.log, { migrate: true });
      await this.switchTo(await this.teamGeneration(workspace, target), target);
    });
  }

  createTeam(caller: Caller, connection: TeamConnection, password: string | null, admin: { name: string; email: string; password: string }): Promise<void> {
    return this.serial(async () => {
      const target = await this.targetFor(connection, password);
      await this.expectContents(target, 'create');
      const { workspace } = await openTeam(target, this.options.log, { migrate: true });
      const next = await this.teamGeneration(workspace, target);
      try {
        // Signed in on the new workspace as its first Master Administrator; the window keeps its session key.
        await next.services.auth.createFirstAdmin(caller, admin);
      } catch (error) {
        await this.discard(next);
        throw error;
      }
      await this.switchTo(next, target);
    });
  }

  /**
   * Copies this local workspace into an empty team database in one transaction, verified table by table
   * (counts and content checksums) before it commits; keeps a backup of the local file beside it; then opens
   * the team workspace with the caller still signed in (the same administrators were copied).
   */
  moveToTeam(caller: Caller, connection: TeamConnection, password: string | null): Promise<{ tables: { table: string; rows: number }[]; backupFile: string }> {
    return this.serial(async () => {
      const { opened, workspace: local, services } = this.current;
      await services.access.masterAdministrator(caller);
      if (opened.kind !== 'local') throw new DomainError('WORKSPACE_NOT_LOCAL', 'Only a local workspace can be moved into a team workspace.');
      const target = await this.targetFor(connection, password);
      await this.expectContents(target, 'create');
      const { workspace: team } = await openTeam(target, this.options.log, { migrate: true });
      let tables: { table: string; rows: number }[];
      try {
        // Open wizards end first: their locks belong to this workstation's workspace, not to the team's.
        await services.imports.closeAll();
        const report = await copyWorkspace(local, team);
        tables = report.tables.map(({ table, rows }) => ({ table, rows }));
      } catch (error) {
        await team.close();
        throw moveError(error);
      }
      const backupFile = await backupLocalWorkspace(opened.file, this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {});
      const next = await this.teamGeneration(team, target);
      const session = services.sessions.get(caller.sessionKey);
      if (session) next.services.sessions.set(caller.sessionKey, session);
      const rows = tables.reduce((sum, table) => sum + table.rows, 0);
      await this.switchTo(next, target, { rows, tables: tables.length, backupFile });
      this.options.log.info('Local workspace moved into a team workspace', { rows, backupFile });
      return { tables, backupFile };
    });
  }

  useLocal(): Promise<void> {
    return this.serial(async () => {
      if (this.current.opened.kind === 'local') {
        this.unavailable = null;
        return;
      }
      const next = await this.openLocal();
      this.choices.openedLocal();
      await this.replace(next);
    });
  }

  async forget(key: string): Promise<WorkspaceStatus> {
    const { opened } = this.current;
    if (opened.kind === 'team' && opened.key === key) throw new DomainError('VALIDATION_FAILED', 'Open another workspace before forgetting this one.');
    this.choices.forget(key);
    await this.vault.delete(teamPasswordName(key));
    if (this.unavailable?.key === key) this.unavailable = null;
    return this.status();
  }

  /** Quit: every wizard ends and releases its lock, then the workspace closes. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    const generation = this.generation;
    if (!generation) return;
    await generation.services.close();
    await generation.workspace.close();
  }

  private async openLocal(): Promise<Generation> {
    const file = this.options.initial?.kind === 'local' ? this.options.initial.file : join(this.options.dataDir, WORKSPACE_FILE);
    const { workspace } = await openWorkspace({ kind: 'local', file }, this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {});
    return this.build(workspace, { kind: 'local', file });
  }

  private async teamGeneration(workspace: Workspace, target: TeamTarget): Promise<Generation> {
    return this.build(workspace, { kind: 'team', key: teamWorkspaceKey(target.connection), connection: target.connection });
  }

  private build(workspace: Workspace, opened: Opened): Generation {
    const { options } = this;
    const services = createServices({
      workspace,
      cipher: options.cipher,
      settings: options.settings,
      log: options.log,
      redactor: options.redactor,
      dataDir: options.dataDir,
      events: this.events,
      vault: this.vault,
      // The app (and the development bridge) runs the workspace's directory sync schedule; the CLI has its own loop.
      scheduleDirectorySync: true,
      ...(options.lockLeaseMs !== undefined ? { lockLeaseMs: options.lockLeaseMs } : {}),
      ...(options.psaHttp ? { psaHttp: options.psaHttp } : {}),
      ...(options.signInFailureDelayMs !== undefined ? { signInFailureDelayMs: options.signInFailureDelayMs } : {}),
      ...(options.passwordHashCost ? { passwordHashCost: options.passwordHashCost } : {}),
      ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    });
    const edge = createIpcEdge(services, {
      info: { ...options.info, workspaceKind: workspace.kind },
      allowedOrigins: options.allowedOrigins,
      workspaceHandlers: this.handlers,
      windows: this.windows,
      ...(options.onResult ? { onResult: options.onResult } : {}),
    });
    return { opened, workspace, services, edge };
  }

  /** The connection with its password: the one typed, else the one this workstation stored for it. */
  private async targetFor(connection: TeamConnection, password: string | null): Promise<TeamTarget> {
    const stored = password ?? (await this.vault.get(teamPasswordName(teamWorkspaceKey(connection))));
    if (stored === undefined) throw new DomainError('WORKSPACE_PASSWORD_NEEDED', 'Type the password of the database user; none is stored on this workstation.');
    this.options.redactor.add(stored);
    return { kind: 'team', connection, password: stored, applicationName: applicationNameFor(this.options.workstation) };
  }

  /** Create (and move) need a database without data; join needs a team workspace. Anything else is refused before a single write. */
  private async expectContents(target: TeamTarget, purpose: 'create' | 'join'): Promise<void> {
    const { probe, contents } = await inspectTeam(target, this.options.log);
    if (probe.outcome === 'failed' || !contents) throw teamFailureError(probe.outcome === 'failed' ? probe.failure : 'unknown');
    if (contents.foreign.length > 0) {
      throw new DomainError('WORKSPACE_FOREIGN', 'The database holds tables that are not MSP Roster’s; use an empty database.', { tables: contents.foreign.slice(0, 10).join(', ') });
    }
    if (purpose === 'join' && contents.tables.length === 0) throw new DomainError('WORKSPACE_EMPTY', 'This database has no team workspace yet; create one there instead.');
    // An unused workspace (migrated, nothing written: a create that stopped early) may be set up again.
    if (purpose === 'create' && contents.rows > 0) throw new DomainError('WORKSPACE_NOT_EMPTY', 'This database already holds a team workspace; join it instead.');
  }

  private async switchTo(next: Generation, target: TeamTarget, moved: WorkspaceMoved | null = null): Promise<void> {
    // Remembered only once it opened: the password goes to the vault, the rest to the settings.
    await this.vault.set(teamPasswordName(teamWorkspaceKey(target.connection)), target.password);
    this.choices.openedTeam(target.connection, new Date().toISOString());
    this.unavailable = null;
    await this.replace(next, moved);
  }

  private async replace(next: Generation, moved: WorkspaceMoved | null = null): Promise<void> {
    const previous = this.generation;
    this.generation = next;
    if (previous) await this.discard(previous);
    this.options.log.info('Workspace switched', { kind: next.opened.kind });
    this.events.emit(null, 'workspaceChanged', { kind: next.opened.kind, moved });
  }

  /** Ends a generation's wizards (releasing their locks) and closes its workspace; a failure there is logged, never thrown into the switch. */
  private async discard(generation: Generation): Promise<void> {
    try {
      await generation.services.close();
    } catch (error) {
      this.options.log.warn('Ending the wizards of the previous workspace failed', { error });
    }
    await generation.workspace.close().catch((error: unknown) => this.options.log.warn('Closing the previous workspace failed', { error }));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(work);
    this.queue = run;
    return run;
  }
}

/** A refused or failed copy as the user reads it; the target was rolled back either way. */
function moveError(error: unknown): unknown {
  if (error instanceof WorkspaceError && error.reason === 'not-empty') return new DomainError('WORKSPACE_NOT_EMPTY', error.message);
  if (error instanceof WorkspaceError && error.reason === 'copy-mismatch') return new DomainError('WORKSPACE_COPY_MISMATCH', error.message);
  return error;
}
