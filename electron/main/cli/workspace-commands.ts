/** `workspace info | migrate | check`: what a workspace holds, bringing its schema up to date, and whether it is sound. */
import { PSA_KINDS, type PsaKind } from '../../../shared/psa/kinds';
import { schemaState, type SchemaState } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { tableCounts, type WorkspaceTable } from '../db/workspace-report';
import type { LockInfo } from '../locks/integration-locks';
import type { Licenses } from '../directory/licenses';
import { openHeadless, type CliTarget } from './headless-services';
import type { WorkspaceLocation } from './workspace-location';

export interface WorkspaceInfo {
  readonly location: WorkspaceLocation;
  readonly schema: SchemaState;
  /** Only when the schema is up to date (an older schema may lack tables). */
  readonly contents: {
    readonly counts: Record<WorkspaceTable, number>;
    readonly licenses: Licenses;
    readonly locks: Record<PsaKind, LockInfo | null>;
  } | null;
}

export async function workspaceInfo(target: CliTarget): Promise<WorkspaceInfo> {
  const { location } = target;
  const headless = await openHeadless(target, { migrate: false });
  try {
    const { services } = headless;
    const schema = await schemaState(services.workspace.read, MIGRATIONS);
    if (schema.pending.length > 0) return { location, schema, contents: null };
    const locks = {} as Record<PsaKind, LockInfo | null>;
    for (const kind of PSA_KINDS) locks[kind] = await services.locks.holder(kind);
    return { location, schema, contents: { counts: await tableCounts(services.workspace.read), licenses: await services.licenses.read(), locks } };
  } finally {
    await headless.close();
  }
}

export interface MigrateReport {
  readonly location: WorkspaceLocation;
  readonly applied: readonly number[];
  readonly current: number;
}

export async function workspaceMigrate(target: CliTarget): Promise<MigrateReport> {
  const { location } = target;
  const headless = await openHeadless(target, { migrate: true });
  try {
    return { location, applied: headless.migrations.applied, current: headless.migrations.current };
  } finally {
    await headless.close();
  }
}

export interface CheckReport {
  readonly location: WorkspaceLocation;
  /** One line per problem; empty when the workspace is sound. */
  readonly problems: readonly string[];
  readonly counts: Record<WorkspaceTable, number> | null;
}

export async function workspaceCheck(target: CliTarget): Promise<CheckReport> {
  const { location } = target;
  const headless = await openHeadless(target, { migrate: false });
  try {
    const { services } = headless;
    const problems = await services.workspace.checkIntegrity();
    const schema = await schemaState(services.workspace.read, MIGRATIONS);
    if (schema.pending.length > 0) {
      problems.push(`The schema is at step ${schema.current} of ${schema.latest}: run "workspace migrate" (or open it in MSP Roster) first.`);
      return { location, problems, counts: null };
    }
    const licenses = await services.licenses.read();
    if (licenses.inUse > licenses.seats) problems.push(`${licenses.inUse} users hold a license, but the workspace has ${licenses.seats} seats.`);
    return { location, problems, counts: await tableCounts(services.workspace.read) };
  } finally {
    await headless.close();
  }
}
