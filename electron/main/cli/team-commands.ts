/**
 * `workspace create-team` and `workspace move-to-team`: a team workspace on an empty PostgreSQL database,
 * started with its first Master Administrator, or filled with this workstation's local workspace.
 */
import { z } from 'zod';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '../../../shared/auth/password-strength';
import { EmailSchema, PersonNameSchema } from '../../../shared/ipc/schemas';
import type { TeamConnection } from '../../../shared/workspace/connection';
import { DomainError } from '../base/domain-error';
import { migrate, schemaState } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { WorkspaceError, type MigrationReport, type Workspace } from '../db/workspace';
import { backupLocalWorkspace } from '../db/workspace-backup';
import { copyWorkspace, type TableCopy } from '../db/workspace-copy';
import { databaseContents } from '../db/workspace-report';
import { CliError } from './cli-error';
import { connectionFailure } from './connection-failures';
import { openWorkspace, servicesOn } from './headless-services';
import { describeTeam } from './team-url';
import type { WorkspaceLocation } from './workspace-location';

type TeamLocation = Extract<WorkspaceLocation, { kind: 'postgres' }>;
type LocalLocation = Extract<WorkspaceLocation, { kind: 'sqlite' }>;

export const AdminInputSchema = z.strictObject({ name: PersonNameSchema, email: EmailSchema, password: z.string().min(1) });
export type AdminInput = z.infer<typeof AdminInputSchema>;

/**
 * Opens the team database as it is and refuses one that holds anything: other tables, or a workspace
 * with rows. A workspace with none (an earlier run that stopped before it wrote any) is taken as empty.
 */
async function openEmptyTeam(location: TeamLocation, password: string): Promise<Workspace> {
  const { workspace } = await openWorkspace({ location, password }, { migrate: false });
  try {
    const contents = await databaseContents(workspace.read);
    if (contents.foreign.length > 0 || contents.rows > 0) {
      const shown = contents.tables.slice(0, 8).join(', ') + (contents.tables.length > 8 ? `, … (${contents.tables.length} tables)` : '');
      throw new CliError(`Refused: the database ${describeTeam(location.connection)} is not empty (it has ${shown}). A team workspace starts in an empty database: create one (CREATE DATABASE) and give its URL.`);
    }
    return workspace;
  } catch (error) {
    await workspace.close();
    throw error;
  }
}

async function migrateTeam(workspace: Workspace, team: TeamConnection): Promise<MigrationReport> {
  try {
    return await migrate(workspace, MIGRATIONS);
  } catch (error) {
    throw error instanceof WorkspaceError ? connectionFailure(team, error) : error;
  }
}

export interface CreateTeamReport {
  readonly location: TeamLocation;
  readonly schema: number;
  readonly admin: { readonly name: string; readonly email: string };
}

export async function workspaceCreateTeam(location: TeamLocation, password: string, input: AdminInput): Promise<CreateTeamReport> {
  const admin = AdminInputSchema.safeParse(input);
  if (!admin.success) {
    const issue = admin.error.issues[0];
    throw new CliError(`The Master Administrator's ${String(issue?.path[0] ?? 'details')}: ${issue?.message ?? 'not valid'}.`, 2);
  }
  // Checked before the database is touched; the policy a new workspace starts with is the default one,
  // and the AuthService checks it again as it creates the administrator.
  const strength = evaluatePassword(admin.data.password, DEFAULT_PASSWORD_POLICY, [admin.data.name, admin.data.email]);
  if (!strength.meetsPolicy) {
    throw new CliError(
      `The Master Administrator's password does not meet the password policy: at least ${DEFAULT_PASSWORD_POLICY.minLength} characters and strength ${DEFAULT_PASSWORD_POLICY.minScore} of 4 (this one: ${strength.score}). Choose a longer passphrase.`,
    );
  }
  const workspace = await openEmptyTeam(location, password);
  try {
    const migrations = await migrateTeam(workspace, location.connection);
    const headless = servicesOn(workspace, migrations);
    try {
      // The same path as the app's first run: the policy, the hash, the audit line, the race guard.
      await headless.services.auth.createFirstAdmin(headless.caller, admin.data);
    } catch (error) {
      if (error instanceof DomainError) throw new CliError(`Cannot create the Master Administrator: ${error.message}`);
      throw error;
    } finally {
      await headless.close();
    }
    return { location, schema: migrations.current, admin: { name: admin.data.name, email: admin.data.email } };
  } finally {
    await workspace.close();
  }
}

export interface MoveReport {
  readonly from: LocalLocation;
  readonly location: TeamLocation;
  readonly schema: number;
  readonly tables: readonly TableCopy[];
  readonly totalRows: number;
  readonly elapsedMs: number;
  /** The local workspace as it was moved, kept next to it. */
  readonly backup: string;
}

export async function workspaceMoveToTeam(from: LocalLocation, location: TeamLocation, password: string, onProgress?: (done: number, total: number) => void): Promise<MoveReport> {
  const { workspace: local } = await openWorkspace({ location: from, password: null }, { migrate: false });
  try {
    // Checked before the team database is touched.
    const schema = await schemaState(local.read, MIGRATIONS);
    if (schema.pending.length > 0) {
      throw new CliError(`The local workspace is at schema step ${schema.current} of ${schema.latest}: run "workspace migrate --workspace ${from.file}" (or open it in MSP Roster) first.`);
    }
    const team = await openEmptyTeam(location, password);
    try {
      const migrations = await migrateTeam(team, location.connection);
      let report;
      try {
        report = await copyWorkspace(local, team, onProgress ? { onProgress } : {});
      } catch (error) {
        if (error instanceof WorkspaceError && error.reason === 'not-empty') throw new CliError(`Refused: ${error.message}`);
        throw new CliError(`The move failed and nothing was written to ${describeTeam(location.connection)}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const backup = await backupLocalWorkspace(from.file);
      return { from, location, schema: migrations.current, tables: report.tables, totalRows: report.totalRows, elapsedMs: report.elapsedMs, backup };
    } finally {
      await team.close();
    }
  } finally {
    await local.close();
  }
}
