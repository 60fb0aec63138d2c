import type { StateCreator } from 'zustand';
import type { TeamConnection, WorkspaceStatus } from '../../../shared/workspace/connection';
import type { EventPayload } from '../../../shared/ipc/contract';
import { api, unwrap } from '../../api/client';
import type { AppState } from '../index';

/** Join an existing team workspace, create one on an empty database, or move this local workspace into one. */
export type WorkspaceDialogKind = 'join' | 'create' | 'move';

/** Told once after a switch, in every window: where this workstation works now (and, to whoever moved, what was copied). */
export type WorkspaceNotice =
  | { readonly kind: 'switched'; readonly name: string }
  | { readonly kind: 'switchedLocal' }
  | { readonly kind: 'moved'; readonly rows: number; readonly tables: number; readonly file: string };

export interface WorkspaceSlice {
  workspaceStatus: WorkspaceStatus | null;
  workspaceDialog: { readonly kind: WorkspaceDialogKind; readonly prefill: TeamConnection | null } | null;
  workspaceNotice: WorkspaceNotice | null;
  setWorkspaceStatus(status: WorkspaceStatus): void;
  openWorkspaceDialog(kind: WorkspaceDialogKind, prefill?: TeamConnection | null): void;
  closeWorkspaceDialog(): void;
  setWorkspaceNotice(notice: WorkspaceNotice | null): void;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  workspaceStatus: null,
  workspaceDialog: null,
  workspaceNotice: null,
  setWorkspaceStatus: (workspaceStatus) => set({ workspaceStatus }),
  openWorkspaceDialog: (kind, prefill = null) => set({ workspaceDialog: { kind, prefill } }),
  closeWorkspaceDialog: () => set({ workspaceDialog: null }),
  setWorkspaceNotice: (workspaceNotice) => set({ workspaceNotice }),
});

export function teamName(connection: Pick<TeamConnection, 'database' | 'host'>): string {
  return `${connection.database} @ ${connection.host}`;
}

type Store = { getState(): AppState; setState(partial: Partial<AppState>): void };

export async function loadWorkspaceStatus(store: Store): Promise<WorkspaceStatus> {
  const status = await unwrap(api().workspace.status());
  store.getState().setWorkspaceStatus(status);
  return status;
}

/**
 * This workstation opened another workspace (from any window): every screen starts again on it, from its
 * sign-in — or signed in, for whoever created or moved it. Nothing of the previous workspace stays on screen.
 */
export async function reopenWorkspace(store: Store, change: EventPayload<'workspaceChanged'>): Promise<void> {
  store.setState({ phase: 'loading', session: null, wizard: null, area: 'managedCompanies', workspaceDialog: null });
  const [status, auth] = await Promise.all([loadWorkspaceStatus(store), unwrap(api().auth.status())]);
  const current = status.current;
  store
    .getState()
    .setWorkspaceNotice(
      change.moved
        ? { kind: 'moved', rows: change.moved.rows, tables: change.moved.tables, file: change.moved.backupFile }
        : current.kind === 'team'
          ? { kind: 'switched', name: teamName(current.connection) }
          : { kind: 'switchedLocal' },
    );
  store.getState().applyAuthStatus(auth);
}

export function subscribeWorkspaceEvents(store: Store): () => void {
  return api().on('workspaceChanged', (change) => void reopenWorkspace(store, change));
}
