import { m0001Initial } from './0001-initial';
import { m0002IntegrationLocks } from './0002-integration-locks';
import { m0003ManagedCompanies } from './0003-managed-companies';
import { m0004PsaCompanyGone } from './0004-psa-company-gone';
import type { Migration } from './migration';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002IntegrationLocks, m0003ManagedCompanies, m0004PsaCompanyGone];
