/**
 * Older preview documents are migrated on open, one version at a time (`migrate(vN) → vN+1`), before they are
 * checked as the current version: a file saved by an older MSP Roster opens as if saved today. A newer version is
 * refused ('newer-version'): this build cannot know what it would drop.
 *
 * Steps take the parsed JSON as it is (unknown): they move what they recognise and leave the rest, so a malformed
 * old file ends as the current version's named problem ('invalid', with a path), never as an exception.
 *
 * Schema version 0 was never released: it is the fixture that keeps this mechanism real (test/unit/preview-*.test.ts
 * opens a version-0 file). Its shape:
 *   { createdBy: { adminId, name }, createdAt, psa, accountHint: string | null, filter, fetchedAt,
 *     companies: PsaCompanyRecord[], contacts: PsaContactRecord[], reconciliation: { inPsa, notInPsa },
 *     decisions: { [psaCompanyId]: { selected: boolean, choice: CompanyChoice | null, users: UserSelection | null } } }
 * Version 1 moved the account hint into `integration` (with the API address, unknown to version 0: null), the
 * records into `snapshot`, made decisions a list with notes, and added the contacts' matches (version 0 kept none:
 * its contacts open as new).
 */
import { PREVIEW_SCHEMA_VERSION, type PreviewProblemInfo } from './preview-document';

export interface PreviewMigration {
  /** The version this step reads; it returns version `from + 1`. */
  readonly from: number;
  readonly migrate: (document: unknown) => unknown;
}

export type MigrationResult = { readonly ok: true; readonly value: unknown; readonly from: number } | { readonly ok: false; readonly problem: PreviewProblemInfo };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Version 0 → 1 (see above). */
export function migrateVersion0(document: unknown): unknown {
  if (!isRecord(document)) return document;
  const { accountHint, companies, contacts, decisions, reconciliation, ...rest } = document;
  return {
    ...rest,
    integration: { accountHint: typeof accountHint === 'string' ? accountHint : null, apiBaseUrl: null },
    snapshot: { companies, contacts },
    reconciliation: isRecord(reconciliation) ? { ...reconciliation, contactMatches: [] } : reconciliation,
    decisions: isRecord(decisions)
      ? Object.entries(decisions).map(([psaCompanyId, decision]) =>
          isRecord(decision) ? { psaCompanyId, selected: decision['selected'] ?? false, choice: decision['choice'] ?? null, users: decision['users'] ?? null } : decision,
        )
      : decisions,
  };
}

/** Every step, oldest first. */
export const PREVIEW_MIGRATIONS: readonly PreviewMigration[] = [{ from: 0, migrate: migrateVersion0 }];

/** Brings a document of `version` to `current` (the default: this build's schema version), or names why not. */
export function migratePreviewDocument(value: unknown, version: number, migrations: readonly PreviewMigration[] = PREVIEW_MIGRATIONS, current = PREVIEW_SCHEMA_VERSION): MigrationResult {
  if (!Number.isSafeInteger(version) || version < 0) return { ok: false, problem: { problem: 'not-a-preview', detail: `schema version ${String(version)} is not a version` } };
  if (version > current) return { ok: false, problem: { problem: 'newer-version', detail: `schema version ${version} is newer than ${current}`, version } };
  let document = value;
  for (let at = version; at < current; at++) {
    const step = migrations.find((migration) => migration.from === at);
    if (!step) return { ok: false, problem: { problem: 'not-a-preview', detail: `no migration from schema version ${at}`, version } };
    document = step.migrate(document);
  }
  return { ok: true, value: document, from: version };
}
