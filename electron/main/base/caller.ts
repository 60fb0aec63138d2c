/**
 * Who calls a service. Services never see windows, HTTP requests or processes:
 * every edge (the Electron IPC edge, the development bridge, the CLI) maps its
 * callers onto this.
 */
export interface Caller {
  /**
   * Unique across processes and workstations (a team workspace stores it as a
   * lock holder): what sign-in sessions, import wizards and fetch jobs are keyed by.
   */
  readonly sessionKey: string;
}
