import type { Migration } from './migration';

/**
 * When a mapped PSA company was found gone from its PSA (deleted there): set by the download that
 * looked for it, cleared when a later download finds it again. Flagged on the Managed companies page.
 */
export const m0005PsaCompanyGone: Migration = {
  id: 5,
  name: 'psa-company-gone',
  sqlite: `
    ALTER TABLE company_mappings ADD COLUMN psa_gone_at TEXT;
  `,
  postgres: `
    ALTER TABLE company_mappings ADD COLUMN psa_gone_at TEXT;
  `,
};
