import type { Migration } from './migration';

/**
 * The Rescue seed's organisation: nested technician groups (integer ids, the "Technician group ID" an import file
 * carries), technicians who sign in and belong to exactly one group, the groups each Administrator is assigned
 * to, and administrators who can be disabled. Emails are unique across technicians and administrators: each
 * table's unique `email_key`, and the services check the other table while holding the accounts resource.
 * PostgreSQL checks a group's parent at commit, so a copy may write a nested group before its parent.
 */
export const m0006Technicians: Migration = {
  id: 6,
  name: 'technicians',
  sqlite: `
    ALTER TABLE administrators ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1));

    CREATE TABLE technician_groups (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      parent_id INTEGER REFERENCES technician_groups (id),
      description TEXT NOT NULL DEFAULT '',
      rights TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX technician_groups_parent ON technician_groups (parent_id);

    CREATE TABLE technicians (
      id TEXT PRIMARY KEY,
      group_id INTEGER NOT NULL REFERENCES technician_groups (id),
      name TEXT NOT NULL,
      nickname TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL,
      email_key TEXT NOT NULL UNIQUE,
      sso_id TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      password_hash TEXT NOT NULL,
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      standard_license INTEGER NOT NULL DEFAULT 0 CHECK (standard_license IN (0, 1)),
      mobile_license INTEGER NOT NULL DEFAULT 0 CHECK (mobile_license IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_sign_in_at TEXT
    ) STRICT;
    CREATE INDEX technicians_group ON technicians (group_id);
    CREATE UNIQUE INDEX technicians_sso_id ON technicians (sso_id) WHERE sso_id <> '';

    CREATE TABLE administrator_groups (
      admin_id TEXT NOT NULL REFERENCES administrators (id) ON DELETE CASCADE,
      group_id INTEGER NOT NULL REFERENCES technician_groups (id) ON DELETE CASCADE,
      PRIMARY KEY (admin_id, group_id)
    ) STRICT;
    CREATE INDEX administrator_groups_group ON administrator_groups (group_id);
  `,
  postgres: `
    ALTER TABLE administrators ADD COLUMN enabled SMALLINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1));

    CREATE TABLE technician_groups (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name TEXT NOT NULL,
      parent_id BIGINT REFERENCES technician_groups (id) DEFERRABLE INITIALLY DEFERRED,
      description TEXT NOT NULL DEFAULT '',
      rights TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX technician_groups_parent ON technician_groups (parent_id);

    CREATE TABLE technicians (
      id TEXT PRIMARY KEY,
      group_id BIGINT NOT NULL REFERENCES technician_groups (id),
      name TEXT NOT NULL,
      nickname TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL,
      email_key TEXT NOT NULL UNIQUE,
      sso_id TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      password_hash TEXT NOT NULL,
      must_change_password SMALLINT NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      enabled SMALLINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      standard_license SMALLINT NOT NULL DEFAULT 0 CHECK (standard_license IN (0, 1)),
      mobile_license SMALLINT NOT NULL DEFAULT 0 CHECK (mobile_license IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_sign_in_at TEXT
    );
    CREATE INDEX technicians_group ON technicians (group_id);
    CREATE UNIQUE INDEX technicians_sso_id ON technicians (sso_id) WHERE sso_id <> '';

    CREATE TABLE administrator_groups (
      admin_id TEXT NOT NULL REFERENCES administrators (id) ON DELETE CASCADE,
      group_id BIGINT NOT NULL REFERENCES technician_groups (id) ON DELETE CASCADE,
      PRIMARY KEY (admin_id, group_id)
    );
    CREATE INDEX administrator_groups_group ON administrator_groups (group_id);
  `,
};
