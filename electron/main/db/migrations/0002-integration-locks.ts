import type { Migration } from './migration';

/**
 * One lock per PSA integration, held by one administrator's session at a time,
 * with a lease and a fencing token that only ever grows (kept in
 * `integration_lock_fences` so it survives releases).
 */
export const m0002IntegrationLocks: Migration = {
  id: 2,
  name: 'integration-locks',
  sqlite: `
    CREATE TABLE integration_locks (
      integration TEXT PRIMARY KEY CHECK (integration IN ('autotask', 'connectwise')),
      holder_admin_id TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      holder_session TEXT NOT NULL,
      fencing_token INTEGER NOT NULL,
      acquired_at TEXT NOT NULL,
      renewed_at TEXT NOT NULL,
      expires_at_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE integration_lock_fences (
      integration TEXT PRIMARY KEY,
      last_token INTEGER NOT NULL
    ) STRICT;
  `,
  postgres: `
    CREATE TABLE integration_locks (
      integration TEXT PRIMARY KEY CHECK (integration IN ('autotask', 'connectwise')),
      holder_admin_id TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      holder_session TEXT NOT NULL,
      fencing_token BIGINT NOT NULL,
      acquired_at TEXT NOT NULL,
      renewed_at TEXT NOT NULL,
      expires_at_ms BIGINT NOT NULL
    );

    CREATE TABLE integration_lock_fences (
      integration TEXT PRIMARY KEY,
      last_token BIGINT NOT NULL
    );
  `,
};
