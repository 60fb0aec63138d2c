import type { Migration } from './migration';

/**
 * The history of every import cycle: who, when, which PSA and filter, its
 * counts, and per batch of the apply (written in that batch's transaction) the
 * changes it made with the state before them and the errors it met — enough to
 * list, export and undo the cycle.
 */
export const m0004ImportHistory: Migration = {
  id: 4,
  name: 'import-history',
  sqlite: `
    CREATE TABLE import_cycles (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      actor_id TEXT,
      actor_name TEXT NOT NULL,
      filter TEXT,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('applying', 'completed', 'undone')),
      counts TEXT NOT NULL,
      undone_at TEXT,
      undone_by TEXT
    ) STRICT;

    CREATE TABLE import_cycle_batches (
      cycle_id TEXT NOT NULL REFERENCES import_cycles (id) ON DELETE CASCADE,
      batch INTEGER NOT NULL,
      changes TEXT NOT NULL,
      errors TEXT NOT NULL,
      PRIMARY KEY (cycle_id, batch)
    ) STRICT;
  `,
  postgres: `
    CREATE TABLE import_cycles (
      seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      actor_id TEXT,
      actor_name TEXT NOT NULL,
      filter TEXT,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('applying', 'completed', 'undone')),
      counts TEXT NOT NULL,
      undone_at TEXT,
      undone_by TEXT
    );

    CREATE TABLE import_cycle_batches (
      cycle_id TEXT NOT NULL REFERENCES import_cycles (id) ON DELETE CASCADE,
      batch INTEGER NOT NULL,
      changes TEXT NOT NULL,
      errors TEXT NOT NULL,
      PRIMARY KEY (cycle_id, batch)
    );
  `,
};
