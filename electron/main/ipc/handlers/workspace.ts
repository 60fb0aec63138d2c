import type { TeamConnection, TeamProbe, WorkspaceStatus } from '../../../../shared/workspace/connection';
import type { Caller } from '../../base/caller';
import type { DomainHandlers } from './types';

/** What the workspace channels need of the host that opens and switches workspaces (core/workspace-host.ts). */
export interface WorkspaceControl {
  status(): WorkspaceStatus;
  test(connection: TeamConnection, password: string | null): Promise<TeamProbe>;
  join(connection: TeamConnection, password: string | null): Promise<void>;
  createTeam(caller: Caller, connection: TeamConnection, password: string | null, admin: { name: string; email: string; password: string }): Promise<void>;
  moveToTeam(caller: Caller, connection: TeamConnection, password: string | null): Promise<{ tables: { table: string; rows: number }[]; backupFile: string }>;
  useLocal(): Promise<void>;
  forget(key: string): Promise<WorkspaceStatus>;
}

export function workspaceHandlers(control: WorkspaceControl): DomainHandlers<'workspace'> {
  return {
    status: async () => control.status(),
    test: ({ connection, password }) => control.test(connection, password),
    join: async ({ connection, password }) => {
      await control.join(connection, password);
      return null;
    },
    createTeam: async ({ connection, password, admin }, { caller }) => {
      await control.createTeam(caller, connection, password, admin);
      return null;
    },
    moveToTeam: ({ connection, password }, { caller }) => control.moveToTeam(caller, connection, password),
    useLocal: async () => {
      await control.useLocal();
      return null;
    },
    forget: ({ key }) => control.forget(key),
  };
}
