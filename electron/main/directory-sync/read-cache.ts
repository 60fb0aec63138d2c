/**
 * The last directory read, kept in memory with the change mark the server gave just before it, so a sync of a
 * directory that has not changed since (same mark) plans from that read instead of reading every user and group
 * again. Only the directory read is kept: the workspace is read fresh on every run, so the plan — and what a run
 * writes — is the same as after a full read. A read older than READ_CACHE_MAX_AGE_MS is not used, which bounds what a
 * server whose mark misbehaves (or a change the mark does not cover, such as the service account's access rights)
 * could hide. Per process: the app's schedule and the headless service keep it between their runs.
 */
import type { DirectoryConnection } from '../../../shared/directory-sync/schemas';
import type { Clock } from '../base/clock';
import type { SourcesRead } from './directory-reader';

export const READ_CACHE_MAX_AGE_MS = 60 * 60 * 1000;

/** What a read depends on besides the directory's content: where and as whom it reads, and which groups. */
export function readKey(connection: DirectoryConnection, sourceDns: readonly string[]): string {
  return JSON.stringify([connection, [...sourceDns].sort()]);
}

interface Kept {
  readonly key: string;
  readonly mark: string;
  readonly readAt: number;
  readonly read: SourcesRead;
}

export class DirectoryReadCache {
  private kept: Kept | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly maxAgeMs: number = READ_CACHE_MAX_AGE_MS,
  ) {}

  /** The kept read when it was made for `key` under the same mark, and is young enough; else null. */
  get(key: string, mark: string | null): { read: SourcesRead; readAt: Date } | null {
    const kept = this.kept;
    if (mark === null || kept === null || kept.key !== key || kept.mark !== mark) return null;
    const age = this.clock.now().getTime() - kept.readAt;
    // A clock set back makes a negative age: not to be trusted either.
    if (age < 0 || age > this.maxAgeMs) return null;
    return { read: kept.read, readAt: new Date(kept.readAt) };
  }

  /**
   * Keeps a complete read (every source group found, all under the base DN, which the mark covers), made after the
   * server gave `mark`; anything else — a null mark — keeps nothing.
   */
  keep(key: string, mark: string | null, readAt: Date, read: SourcesRead): void {
    const keepable = mark !== null && read.underBaseDn && read.sources.every((source) => source.found);
    this.kept = keepable ? { key, mark, readAt: readAt.getTime(), read } : null;
  }
}
