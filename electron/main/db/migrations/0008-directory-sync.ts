import type { Migration } from './migration';

/**
 * Directory sync (the Rescue seed's Active Directory Synchronization):
 * - a technician provisioned from the directory keeps the directory's stable id (`directory_id`: objectGUID as hex,
 *   or entryUUID; '' for technicians made in the app or by file) and the group the sync last placed it in
 *   (`directory_group_id`): a technician an administrator moved since is in another group, and is not moved back;
 * - every run (dry runs too) with its counts or failure, and its entries: each change made (or that a dry run would
 *   make) and each problem — the seed's "Active Directory Logging";
 * - one lease row: two syncs never run at once for a workspace, from the app, its schedule or the headless service.
 * The settings themselves (connection, pairs, schedule, the default password's hash, the service token's hash) are
 * workspace settings (JSON).
 */
export const m0008DirectorySync: Migration = {
  id: 8,
  name: 'directory-sync',
  sqlite: `
    ALTER TABLE technicians ADD COLUMN directory_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE technicians ADD COLUMN directory_group_id INTEGER;
    CREATE UNIQUE INDEX technicians_directory_id ON technicians (directory_id) WHERE directory_id <> '';

    CREATE TABLE directory_sync_runs (
      id TEXT PRIMARY KEY,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('app', 'schedule', 'service')),
      by_name TEXT NOT NULL,
      dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
      outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'problems', 'failed')),
      counts TEXT NOT NULL,
      failure_code TEXT,
      failure_detail TEXT
    ) STRICT;
    CREATE INDEX directory_sync_runs_started ON directory_sync_runs (started_at);

    CREATE TABLE directory_sync_entries (
      run_id TEXT NOT NULL REFERENCES directory_sync_runs (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('change', 'problem', 'failure')),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      user_dn TEXT NOT NULL,
      detail TEXT NOT NULL,
      PRIMARY KEY (run_id, seq)
    ) STRICT;

    CREATE TABLE directory_sync_lock (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      holder_session TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      expires_at_ms INTEGER NOT NULL
    ) STRICT;
  `,
  postgres: `
    ALTER TABLE technicians ADD COLUMN directory_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE technicians ADD COLUMN directory_group_id BIGINT;
    CREATE UNIQUE INDEX technicians_directory_id ON technicians (directory_id) WHERE directory_id <> '';

    CREATE TABLE directory_sync_runs (
      id TEXT PRIMARY KEY,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('app', 'schedule', 'service')),
      by_name TEXT NOT NULL,
      dry_run SMALLINT NOT NULL CHECK (dry_run IN (0, 1)),
      outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'problems', 'failed')),
      counts TEXT NOT NULL,
      failure_code TEXT,
      failure_detail TEXT
    );
    CREATE INDEX directory_sync_runs_started ON directory_sync_runs (started_at);

    CREATE TABLE directory_sync_entries (
      run_id TEXT NOT NULL REFERENCES directory_sync_runs (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('change', 'problem', 'failure')),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      user_dn TEXT NOT NULL,
      detail TEXT NOT NULL,
      PRIMARY KEY (run_id, seq)
    );

    CREATE TABLE directory_sync_lock (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      holder_session TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      expires_at_ms BIGINT NOT NULL
    );
  `,
};
