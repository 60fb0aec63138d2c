/**
 * What the sync needs from a directory, whatever reads it: the users of the source groups (nested groups followed)
 * with their stable id, name, email and status. The LDAP implementation is ldap/ldap-directory.ts; every failure it
 * meets is a DomainError with a DIRECTORY_* code (see shared/ipc/result.ts), so a run can log it and change nothing.
 */
import type { DirectoryGroup, DirectoryTestResult } from '../../../shared/directory-sync/schemas';

export interface DirectoryUser {
  /** The entry's DN as the directory spells it. */
  readonly dn: string;
  /** The stable id: objectGUID as 32 lower-case hex digits (AD), else entryUUID as the directory gives it. */
  readonly id: string;
  /** displayName, else cn, trimmed; '' when the entry has neither. */
  readonly name: string;
  /** mail, trimmed; null when the entry has none. */
  readonly email: string | null;
  /** AD: userAccountControl bit 2 (ACCOUNTDISABLE); elsewhere the configured attribute. */
  readonly disabled: boolean;
}

export interface SourceMembers {
  /** The source group's DN as configured. */
  readonly sourceDn: string;
  /** Whether the group exists (a missing one fails the whole run before anything changes). */
  readonly found: boolean;
  /** Its users, nested groups followed (each user once, cycles survived), in the order first met. */
  readonly users: readonly DirectoryUser[];
}

export interface SourcesRead {
  readonly sources: readonly SourceMembers[];
  /** The stable ids of every user under the base DN (tells a deleted user from one removed from the groups); null when not read. */
  readonly existingUserIds: ReadonlySet<string> | null;
  /** Whether every source group was under the base DN: one read on its own lies outside what the change mark covers. */
  readonly underBaseDn: boolean;
}

export interface ReadProgress {
  (stage: 'reading-users' | 'reading-groups', done: number, total: number): void;
}

export interface DirectorySession {
  /** *Test connection*: who the server says it is, and how many users and groups the base DN holds (a page's worth). */
  test(): Promise<DirectoryTestResult>;
  /** Groups under the base DN whose name contains `search` (case-insensitive), by name, at most `limit`. */
  listGroups(search: string, limit: number): Promise<{ groups: DirectoryGroup[]; truncated: boolean }>;
  /**
   * The directory's change mark (ldap/change-mark.ts): equal marks mean nothing under the base DN changed between
   * them. Null when the server offers none. Read before readSources, so a change during the read moves it past.
   * Stops with the signal (rejects with its reason).
   */
  changeMark(signal?: AbortSignal): Promise<string | null>;
  /** The users of each source group, in the order given. Stops with the signal (rejects with its reason). */
  readSources(sourceDns: readonly string[], options: { signal?: AbortSignal; progress?: ReadProgress }): Promise<SourcesRead>;
  /** Unbinds and closes the connection; never rejects. */
  close(): Promise<void>;
}
