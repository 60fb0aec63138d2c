/** Who is signed in, per window. Lives only in main's memory: closing the window or the app signs out. */
import type { Role, Session } from '../../../shared/ipc/schemas';

export interface SessionState {
  readonly adminId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

export class SessionStore {
  private readonly sessions = new Map<string, SessionState>();

  get(windowId: string): SessionState | undefined {
    return this.sessions.get(windowId);
  }

  set(windowId: string, state: SessionState): void {
    this.sessions.set(windowId, state);
  }

  clear(windowId: string): void {
    this.sessions.delete(windowId);
  }

  /** Windows where `adminId` is signed in (one admin may have several windows open). */
  windowsOf(adminId: string): string[] {
    return [...this.sessions].filter(([, state]) => state.adminId === adminId).map(([windowId]) => windowId);
  }
}

export function toSessionView(state: SessionState): Session {
  return { adminId: state.adminId, name: state.name, email: state.email, role: state.role, mustChangePassword: state.mustChangePassword };
}
