import type { Migration } from './migration';

/**
 * The managed-companies directory: companies, their users, where each came
 * from (history), and the PSA mappings, keyed by PSA ids — never by names.
 */
export const m0003ManagedCompanies: Migration = {
  id: 3,
  name: 'managed-companies',
  sqlite: `
    CREATE TABLE managed_companies (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('manual', 'psa-import'))
    ) STRICT;
    CREATE INDEX managed_companies_name ON managed_companies (name COLLATE NOCASE);

    CREATE TABLE managed_users (
      id TEXT PRIMARY KEY,
      managed_company_id TEXT NOT NULL REFERENCES managed_companies (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
      has_license INTEGER NOT NULL CHECK (has_license IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (managed_company_id, email_key)
    ) STRICT;

    CREATE TABLE company_mappings (
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      psa_company_id TEXT NOT NULL,
      managed_company_id TEXT NOT NULL REFERENCES managed_companies (id) ON DELETE CASCADE,
      psa_name_at_mapping TEXT NOT NULL,
      mapped_by TEXT,
      mapped_at TEXT NOT NULL,
      last_imported_at TEXT NOT NULL,
      PRIMARY KEY (psa, psa_company_id)
    ) STRICT;
    CREATE INDEX company_mappings_managed ON company_mappings (managed_company_id);

    CREATE TABLE contact_mappings (
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      psa_contact_id TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES managed_users (id) ON DELETE CASCADE,
      psa_email_at_mapping TEXT,
      mapped_by TEXT,
      mapped_at TEXT NOT NULL,
      last_imported_at TEXT NOT NULL,
      PRIMARY KEY (psa, psa_contact_id)
    ) STRICT;
    CREATE INDEX contact_mappings_user ON contact_mappings (user_id);

    CREATE TABLE record_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL CHECK (entity IN ('company', 'user')),
      entity_id TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_id TEXT,
      event TEXT NOT NULL,
      detail TEXT
    ) STRICT;
    CREATE INDEX record_history_entity ON record_history (entity, entity_id);
  `,
  postgres: `
    CREATE TABLE managed_companies (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('manual', 'psa-import'))
    );
    CREATE INDEX managed_companies_name ON managed_companies (lower(name));

    CREATE TABLE managed_users (
      id TEXT PRIMARY KEY,
      managed_company_id TEXT NOT NULL REFERENCES managed_companies (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      email_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
      has_license SMALLINT NOT NULL CHECK (has_license IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (managed_company_id, email_key)
    );

    CREATE TABLE company_mappings (
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      psa_company_id TEXT NOT NULL,
      managed_company_id TEXT NOT NULL REFERENCES managed_companies (id) ON DELETE CASCADE,
      psa_name_at_mapping TEXT NOT NULL,
      mapped_by TEXT,
      mapped_at TEXT NOT NULL,
      last_imported_at TEXT NOT NULL,
      PRIMARY KEY (psa, psa_company_id)
    );
    CREATE INDEX company_mappings_managed ON company_mappings (managed_company_id);

    CREATE TABLE contact_mappings (
      psa TEXT NOT NULL CHECK (psa IN ('autotask', 'connectwise')),
      psa_contact_id TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES managed_users (id) ON DELETE CASCADE,
      psa_email_at_mapping TEXT,
      mapped_by TEXT,
      mapped_at TEXT NOT NULL,
      last_imported_at TEXT NOT NULL,
      PRIMARY KEY (psa, psa_contact_id)
    );
    CREATE INDEX contact_mappings_user ON contact_mappings (user_id);

    CREATE TABLE record_history (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entity TEXT NOT NULL CHECK (entity IN ('company', 'user')),
      entity_id TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_id TEXT,
      event TEXT NOT NULL,
      detail TEXT
    );
    CREATE INDEX record_history_entity ON record_history (entity, entity_id);
  `,
};
