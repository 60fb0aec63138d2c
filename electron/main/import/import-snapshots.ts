/**
 * Downloads kept in the workspace (issue 12): each completed download becomes a snapshot — its companies and
 * contacts, the filter, when, by whom and from which integration — and the technician's decisions are kept with it
 * as a draft plan. An import session points at its snapshot, so a wizard survives a restart of the app, and a saved
 * preview is made from it. Each person keeps their newest KEEP_PER_PERSON snapshots; older ones are removed as new
 * ones are kept.
 */
import { randomUUID } from 'node:crypto';
import { ImportDraftSchema, type ImportDraft } from '../../../shared/import/draft';
import { IntegrationIdentitySchema, type IntegrationIdentity, type SnapshotSummary } from '../../../shared/import/snapshot';
import { PsaFilterSchema, type PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaFetchResult } from '../../../shared/psa/records';
import type { Clock } from '../base/clock';
import { DomainError } from '../base/domain-error';
import * as snapshotsDb from '../db/repositories/import-snapshots';
import type { Workspace } from '../db/workspace';
import { decodeSnapshotContent, encodeSnapshotContent } from './snapshot-content';

/** How many snapshots each person keeps (the newest). */
export const KEEP_PER_PERSON = 10;

export interface KeptSnapshot {
  readonly summary: SnapshotSummary;
  readonly result: Pick<PsaFetchResult, 'companies' | 'contacts'>;
  readonly draft: ImportDraft | null;
}

export interface NewSnapshot {
  readonly psa: PsaKind;
  readonly integration: IntegrationIdentity;
  readonly filter: PsaFilter;
  readonly actor: { readonly adminId: string; readonly name: string };
  readonly result: Pick<PsaFetchResult, 'companies' | 'contacts'>;
}

const notFound = () => new DomainError('NOT_FOUND', 'That download is no longer kept in the workspace; download the companies again.');

/** A stored JSON column, read back: anything else than what was written is damage. */
function parsed<T>(text: string, parse: (value: unknown) => T): T {
  try {
    return parse(JSON.parse(text));
  } catch {
    throw new DomainError('SNAPSHOT_DAMAGED', 'A kept download’s details cannot be read.');
  }
}

function toSummary(row: snapshotsDb.SnapshotSummaryRow): SnapshotSummary {
  return {
    id: row.id,
    psa: row.psa,
    integration: parsed(row.integration, (value) => IntegrationIdentitySchema.parse(value)),
    filter: parsed(row.filter, (value) => PsaFilterSchema.parse(value)),
    createdBy: { adminId: row.createdBy, name: row.createdByName },
    fetchedAt: row.fetchedAt,
    companies: row.companies,
    contacts: row.contacts,
    draftUpdatedAt: row.draftUpdatedAt,
    appliedAt: row.appliedAt,
  };
}

export class ImportSnapshots {
  constructor(private readonly deps: { readonly workspace: Workspace; readonly clock: Clock }) {}

  /** Keeps a completed download; returns its id. The person's oldest snapshots beyond KEEP_PER_PERSON go. */
  async keep(snapshot: NewSnapshot): Promise<string> {
    const { bytes, sha256 } = await encodeSnapshotContent(snapshot.result);
    const id = randomUUID();
    await this.deps.workspace.transaction(async (tx) => {
      await snapshotsDb.insertSnapshot(tx, {
        id,
        psa: snapshot.psa,
        integration: JSON.stringify(snapshot.integration),
        filter: JSON.stringify(snapshot.filter),
        createdBy: snapshot.actor.adminId,
        createdByName: snapshot.actor.name,
        fetchedAt: this.deps.clock.now().toISOString(),
        companies: snapshot.result.companies.length,
        contacts: snapshot.result.contacts.length,
        content: bytes,
        contentSha256: sha256,
      });
      const older = (await snapshotsDb.listSnapshots(tx, snapshot.actor.adminId)).slice(KEEP_PER_PERSON);
      await snapshotsDb.deleteSnapshots(
        tx,
        older.map((row) => row.id),
      );
    });
    return id;
  }

  /** A person's kept downloads, newest first. */
  async list(adminId: string): Promise<SnapshotSummary[]> {
    // A row whose details no longer read (damaged, or from a filter this version does not know) is left out, not the list.
    return (await snapshotsDb.listSnapshots(this.deps.workspace.read, adminId)).flatMap((row) => {
      try {
        return [toSummary(row)];
      } catch {
        return [];
      }
    });
  }

  /** A kept download with its records and draft (NOT_FOUND when gone, SNAPSHOT_DAMAGED when it cannot be read). */
  async load(id: string): Promise<KeptSnapshot> {
    const row = await snapshotsDb.findSnapshot(this.deps.workspace.read, id);
    if (!row) throw notFound();
    const result = await decodeSnapshotContent(row.content, row.contentSha256);
    const draft = row.draft === null ? null : parsed(row.draft, (value) => ImportDraftSchema.parse(value));
    return { summary: toSummary(row), result, draft };
  }

  /** Keeps the decisions so far (the latest wins). */
  async saveDraft(id: string, draft: ImportDraft): Promise<void> {
    const text = JSON.stringify(draft);
    const kept = await this.deps.workspace.transaction((tx) => snapshotsDb.updateDraft(tx, id, text, this.deps.clock.now().toISOString()));
    if (!kept) throw notFound();
  }

  /** The technician backed out of the import: its download is not kept for later. */
  async discard(id: string): Promise<void> {
    await this.deps.workspace.transaction((tx) => snapshotsDb.deleteSnapshots(tx, [id]));
  }

  async markApplied(id: string): Promise<void> {
    await this.deps.workspace.transaction((tx) => snapshotsDb.markSnapshotApplied(tx, id, this.deps.clock.now().toISOString()));
  }
}
