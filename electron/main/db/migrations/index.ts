import { m0001Initial } from './0001-initial';
import { m0002IntegrationLocks } from './0002-integration-locks';
import { m0003ManagedCompanies } from './0003-managed-companies';
import { m0004ImportHistory } from './0004-import-history';
import { m0005PsaCompanyGone } from './0005-psa-company-gone';
import { m0006Technicians } from './0006-technicians';
import { m0007ImportSnapshots } from './0007-import-snapshots';
import { m0008DirectorySync } from './0008-directory-sync';
import { m0009DirectorySyncEntriesPerRun } from './0009-directory-sync-entries-per-run';
import type { Migration } from './migration';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002IntegrationLocks, m0003ManagedCompanies, m0004ImportHistory, m0005PsaCompanyGone, m0006Technicians, m0007ImportSnapshots, m0008DirectorySync, m0009DirectorySyncEntriesPerRun];
