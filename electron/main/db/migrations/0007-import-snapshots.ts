import type { Migration } from './migration';

/**
 * Every download kept as a snapshot in the workspace (issue 12): the companies and contacts fetched (gzip-compressed
 * JSON, with its SHA-256), the filter, when, by whom and from which integration (its non-secret identity), and the
 * technician's decisions so far as a draft plan. An import session points at a snapshot, so a wizard survives a
 * restart of the app and a preview never depends on memory. `applied_at` is set once its plan was applied.
 */
export const m0007ImportSnapshots: Migration = {
  id: 7,
  name: 'import-snapshots',
  sqlite: `
    CREATE TABLE import_snapshots (
      id TEXT PRIMARY KEY,
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      integration TEXT NOT NULL,
      filter TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_by_name TEXT NOT NULL,
      fetched_at TEXT NOT NULL,
      companies INTEGER NOT NULL CHECK (companies >= 0),
      contacts INTEGER NOT NULL CHECK (contacts >= 0),
      content BLOB NOT NULL,
      content_sha256 TEXT NOT NULL,
      draft TEXT,
      draft_updated_at TEXT,
      applied_at TEXT
    ) STRICT;
    CREATE INDEX import_snapshots_by_creator ON import_snapshots (created_by, fetched_at);
  `,
  postgres: `
    CREATE TABLE import_snapshots (
      id TEXT PRIMARY KEY,
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      integration TEXT NOT NULL,
      filter TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_by_name TEXT NOT NULL,
      fetched_at TEXT NOT NULL,
      companies INTEGER NOT NULL CHECK (companies >= 0),
      contacts INTEGER NOT NULL CHECK (contacts >= 0),
      content BYTEA NOT NULL,
      content_sha256 TEXT NOT NULL,
      draft TEXT,
      draft_updated_at TEXT,
      applied_at TEXT
    );
    CREATE INDEX import_snapshots_by_creator ON import_snapshots (created_by, fetched_at);
  `,
};
