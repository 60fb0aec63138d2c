import type { StateCreator } from 'zustand';
import type { AuthStatus, PasswordPolicy, Session } from '../../../shared/ipc/schemas';
import type { AppState } from '../index';

/** Which top-level screen the window shows, derived from the core's auth status. */
export type Phase = 'loading' | 'first-run' | 'signed-out' | 'must-change-password' | 'signed-in';

export interface SessionSlice {
  phase: Phase;
  session: Session | null;
  policy: PasswordPolicy | null;
  applyAuthStatus(status: AuthStatus): void;
  setPolicy(policy: PasswordPolicy): void;
}

export function phaseOf(status: AuthStatus): Phase {
  if (!status.initialized) return 'first-run';
  if (!status.session) return 'signed-out';
  return status.session.mustChangePassword ? 'must-change-password' : 'signed-in';
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  phase: 'loading',
  session: null,
  policy: null,
  // Another (or no) administrator in this window: the previous one's import wizard is theirs, not carried over (main ended it).
  applyAuthStatus: (status) =>
    set((state) => ({ phase: phaseOf(status), session: status.session, ...(status.session?.adminId === state.session?.adminId ? {} : { wizard: null }) })),
  setPolicy: (policy) => set({ policy }),
});
