/**
 * The local workspace kept as a backup before it moves into a team workspace:
 * a copy of the SQLite file next to it, made with SQLite's online backup API
 * (a consistent copy of a WAL database, even while the app has it open; a raw
 * file copy could miss what the write-ahead log still holds).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** 2026-11-30T22:15:04.123Z → 20261130-221504: sorts by time, and is a valid file name on every OS. */
function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
}

/** `workspace.sqlite` → `workspace.before-team-20261130-221504.sqlite` in the same folder (a suffix when that exists). */
export function backupFileFor(file: string, now: Date): string {
  const extension = extname(file) || '.sqlite';
  const stem = basename(file, extname(file));
  const base = join(dirname(file), `${stem}.before-team-${stamp(now)}`);
  let candidate = `${base}${extension}`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}${extension}`;
  return candidate;
}

export interface BackupOptions {
  readonly now?: Date;
  /** better-sqlite3 built for Electron's ABI, in development. */
  readonly nativeBinding?: string;
}

/** Writes the backup and returns its path; the workspace file itself is left as it is. */
export async function backupLocalWorkspace(file: string, options: BackupOptions = {}): Promise<string> {
  const target = backupFileFor(file, options.now ?? new Date());
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return target;
}
