/**
 * The workspace's tables as the compiler sees them: every query built with
 * Kysely (see sql-builder.ts) is checked against these column names and types.
 * Both dialects store the same values: text ids and ISO timestamps, 0/1 for
 * flags, and whole numbers that fit a JavaScript number (PostgreSQL's BIGINT is
 * parsed to number by the PostgreSQL workspace).
 */
import type { ColumnType, Generated } from 'kysely';

type Flag = 0 | 1;
/** An autoincrement key: the database picks it on insert. */
type Serial = Generated<number>;

export interface AdministratorsTable {
  id: string;
  name: string;
  email: string;
  email_key: string;
  role: 'master_admin' | 'admin';
  password_hash: string;
  must_change_password: ColumnType<Flag, Flag | undefined, Flag>;
  enabled: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

/** Nested technician groups; `rights` is a JSON array of the group's access rights (shared/org/rights.ts). */
export interface TechnicianGroupsTable {
  id: Serial;
  name: string;
  parent_id: number | null;
  description: ColumnType<string, string | undefined, string>;
  rights: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}

export interface TechniciansTable {
  id: string;
  group_id: number;
  name: string;
  nickname: string;
  email: string;
  email_key: string;
  sso_id: string;
  description: string;
  password_hash: string;
  must_change_password: Flag;
  enabled: Flag;
  standard_license: Flag;
  mobile_license: Flag;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  /** The directory's stable id of the user it was provisioned from; '' for a technician made in the app or by file. */
  directory_id: ColumnType<string, string | undefined, string>;
  /** The group the directory sync last placed it in (an administrator's move since is not undone). */
  directory_group_id: number | null;
}

export interface AdministratorGroupsTable {
  admin_id: string;
  group_id: number;
}

export interface WorkspaceSettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface AuditLogTable {
  id: Serial;
  at: string;
  actor_id: string | null;
  action: string;
  /** JSON text. */
  detail: string | null;
}

export interface IntegrationLocksTable {
  integration: string;
  holder_admin_id: string;
  holder_name: string;
  holder_session: string;
  fencing_token: number;
  acquired_at: string;
  renewed_at: string;
  expires_at_ms: number;
}

export interface IntegrationLockFencesTable {
  integration: string;
  last_token: number;
}

export interface ManagedCompaniesTable {
  id: string;
  name: string;
  created_at: string;
  created_by: string | null;
  origin: 'manual' | 'psa-import';
}

export interface ManagedUsersTable {
  id: string;
  managed_company_id: string;
  name: string;
  email: string;
  email_key: string;
  status: 'active' | 'disabled';
  has_license: Flag;
  created_at: string;
  updated_at: string;
}

export interface CompanyMappingsTable {
  psa: 'autotask' | 'connectwise';
  psa_company_id: string;
  managed_company_id: string;
  psa_name_at_mapping: string;
  mapped_by: string | null;
  mapped_at: string;
  last_imported_at: string;
  psa_gone_at: string | null;
}

export interface ContactMappingsTable {
  psa: 'autotask' | 'connectwise';
  psa_contact_id: string;
  user_id: string;
  psa_email_at_mapping: string | null;
  mapped_by: string | null;
  mapped_at: string;
  last_imported_at: string;
}

export interface RecordHistoryTable {
  id: Serial;
  entity: 'company' | 'user';
  entity_id: string;
  at: string;
  actor_id: string | null;
  event: string;
  detail: string | null;
}

export interface ImportCyclesTable {
  seq: Serial;
  id: string;
  psa: 'autotask' | 'connectwise';
  actor_id: string | null;
  actor_name: string;
  filter: string | null;
  started_at: string;
  finished_at: string | null;
  status: 'applying' | 'completed' | 'undone';
  counts: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface ImportCycleBatchesTable {
  cycle_id: string;
  batch: number;
  changes: string;
  errors: string;
}

export interface ImportSnapshotsTable {
  id: string;
  psa: 'autotask' | 'connectwise';
  /** JSON: the integration's non-secret identity. */
  integration: string;
  /** JSON: the PSA filter of the download. */
  filter: string;
  created_by: string;
  created_by_name: string;
  fetched_at: string;
  companies: number;
  contacts: number;
  /** gzip-compressed JSON of the companies and contacts. */
  content: Uint8Array;
  content_sha256: string;
  /** JSON: the draft plan (decisions and notes so far); null until the first decision is kept. */
  draft: string | null;
  draft_updated_at: string | null;
  applied_at: string | null;
}

export interface DirectorySyncRunsTable {
  id: string;
  started_at: string;
  finished_at: string;
  trigger: 'app' | 'schedule' | 'service';
  by_name: string;
  dry_run: Flag;
  outcome: 'succeeded' | 'problems' | 'failed';
  /** JSON: SyncCounts. */
  counts: string;
  failure_code: string | null;
  failure_detail: string | null;
  /** JSON: the run's log entries, each [kind, code, name, email, user DN, detail] (migration 0009). */
  entries: string;
}

export interface DirectorySyncLockTable {
  id: number;
  holder_session: string;
  holder_name: string;
  acquired_at: string;
  expires_at_ms: number;
}

export interface SchemaMigrationsTable {
  id: number;
  name: string;
  checksum: string;
  applied_at: string;
}

export interface Database {
  administrators: AdministratorsTable;
  technician_groups: TechnicianGroupsTable;
  technicians: TechniciansTable;
  administrator_groups: AdministratorGroupsTable;
  workspace_settings: WorkspaceSettingsTable;
  audit_log: AuditLogTable;
  integration_locks: IntegrationLocksTable;
  integration_lock_fences: IntegrationLockFencesTable;
  managed_companies: ManagedCompaniesTable;
  managed_users: ManagedUsersTable;
  company_mappings: CompanyMappingsTable;
  contact_mappings: ContactMappingsTable;
  record_history: RecordHistoryTable;
  import_cycles: ImportCyclesTable;
  import_cycle_batches: ImportCycleBatchesTable;
  import_snapshots: ImportSnapshotsTable;
  directory_sync_runs: DirectorySyncRunsTable;
  directory_sync_lock: DirectorySyncLockTable;
  schema_migrations: SchemaMigrationsTable;
}
