/** Who is signed in, per caller session (a window, a CLI run). Lives only in main's memory: closing the window or the app signs out. */
import type { Role, Session } from '../../../shared/ipc/schemas';
import type { Right } from '../../../shared/org/rights';

export interface SessionState {
  /** The account's id: an administrator's or a technician's. */
  readonly adminId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
  /** As of sign-in, for the screens; the core reads them afresh on every call (access/access-control.ts). */
  readonly rights: readonly Right[];
}

export class SessionStore {
  private readonly sessions = new Map<string, SessionState>();

  get(sessionKey: string): SessionState | undefined {
    return this.sessions.get(sessionKey);
  }

  set(sessionKey: string, state: SessionState): void {
    this.sessions.set(sessionKey, state);
  }

  clear(sessionKey: string): void {
    this.sessions.delete(sessionKey);
  }
}

export function toSessionView(state: SessionState): Session {
  return { adminId: state.adminId, name: state.name, email: state.email, role: state.role, mustChangePassword: state.mustChangePassword, rights: [...state.rights] };
}
