import type { Migration } from './migration';

/**
 * A sync run's log entries as one JSON value on the run, not a row each: a first sync of thousands wrote as many
 * rows — a third of its write time (bench:directory-sync) — while the log is only ever read a whole run at a time.
 * The value is an array of [kind, code, name, email, user DN, detail]; entries already logged move over in order.
 */
export const m0009DirectorySyncEntriesPerRun: Migration = {
  id: 9,
  name: 'directory-sync-entries-per-run',
  sqlite: `
    ALTER TABLE directory_sync_runs ADD COLUMN entries TEXT NOT NULL DEFAULT '[]';
    UPDATE directory_sync_runs SET entries = (
      SELECT json_group_array(json_array(kind, code, name, email, user_dn, detail) ORDER BY seq)
      FROM directory_sync_entries WHERE run_id = directory_sync_runs.id
    ) WHERE EXISTS (SELECT 1 FROM directory_sync_entries WHERE run_id = directory_sync_runs.id);
    DROP TABLE directory_sync_entries;
  `,
  postgres: `
    ALTER TABLE directory_sync_runs ADD COLUMN entries TEXT NOT NULL DEFAULT '[]';
    UPDATE directory_sync_runs r SET entries = (
      SELECT json_agg(json_build_array(kind, code, name, email, user_dn, detail) ORDER BY seq)::text
      FROM directory_sync_entries e WHERE e.run_id = r.id
    ) WHERE EXISTS (SELECT 1 FROM directory_sync_entries e WHERE e.run_id = r.id);
    DROP TABLE directory_sync_entries;
  `,
};
