/**
 * The IPC edge's map from this process's windows to caller sessions. A window
 * id is small and local (Electron numbers them from 1 on every workstation), so
 * each window gets a random session key: a lock holder stored in a shared team
 * workspace is then never mistaken for another workstation's window 1.
 */
import type { Caller } from '../base/caller';
import { newId } from '../base/ids';

export class WindowSessions {
  private readonly byWindow = new Map<string, Caller>();
  private readonly byKey = new Map<string, string>();

  /** The window's session, created on its first call. */
  callerOf(windowId: string): Caller {
    let caller = this.byWindow.get(windowId);
    if (!caller) {
      caller = { sessionKey: `window:${newId()}` };
      this.byWindow.set(windowId, caller);
      this.byKey.set(caller.sessionKey, windowId);
    }
    return caller;
  }

  /** The window behind a session, if it is one of this process's windows. */
  windowOf(sessionKey: string): string | undefined {
    return this.byKey.get(sessionKey);
  }

  /** The window closed: its session is gone (a reused window id gets a new one). */
  forget(windowId: string): Caller | undefined {
    const caller = this.byWindow.get(windowId);
    if (!caller) return undefined;
    this.byWindow.delete(windowId);
    this.byKey.delete(caller.sessionKey);
    return caller;
  }
}
