/** Builds the wizard's views from a fetch and the workspace: loads, reconciles (pure), and shapes rows. */
import type { ImportContactRow, ReconciliationView } from '../../../shared/import/session';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaFetchResult } from '../../../shared/psa/records';
import * as directory from '../db/repositories/directory';
import type { SqlReader, Workspace } from '../db/workspace';
import { contactsByCompany } from './contacts-by-company';
import { matchContacts, reconcileFetch } from './reconcile';
import { contactRow } from '../../../shared/preview/preview-contacts';

/** What reconciliation reads from the workspace: this PSA's company mappings and every managed company. */
export interface ReconcileInputs {
  readonly mappings: directory.CompanyMappingListRow[];
  readonly companies: Array<{ id: string; name: string }>;
}

export async function loadReconcileInputs(db: SqlReader, psa: PsaKind): Promise<ReconcileInputs> {
  // Two plain reads: the managed companies' names are joined in memory, which costs less than SQL joining 50,000 rows.
  const [mappings, companies] = await Promise.all([directory.listCompanyMappings(db, psa), directory.listCompanyRefs(db)]);
  return { mappings, companies };
}

/**
 * The inputs read as soon as a download starts, so the technician does not wait for them when it ends
 * (at 50,000 mappings they take about as long as reconciling). Read again if anyone committed in between.
 */
export class PrefetchedReconcileInputs {
  private readonly read: Promise<{ token: string; inputs: ReconcileInputs }>;

  constructor(
    private readonly workspace: Pick<Workspace, 'read' | 'changeToken'>,
    private readonly psa: PsaKind,
  ) {
    this.read = this.loadInSlices();
    // Awaited by current(); a failed read is read again there, so it is no unhandled rejection here.
    this.read.catch(() => undefined);
  }

  async current(): Promise<ReconcileInputs> {
    const early = await this.read.catch(() => undefined);
    if (early && early.token === (await this.workspace.changeToken())) return early.inputs;
    return (await this.load()).inputs;
  }

  private async load(): Promise<{ token: string; inputs: ReconcileInputs }> {
    // The token first: a commit during the reads makes the next check read again, never miss it.
    const token = await this.workspace.changeToken();
    return { token, inputs: await loadReconcileInputs(this.workspace.read, this.psa) };
  }

  /** Slices with a turn of the event loop between them: the download's pages and IPC go on meanwhile. */
  private async loadInSlices(): Promise<{ token: string; inputs: ReconcileInputs }> {
    const token = await this.workspace.changeToken();
    const mappings = await readSlices((after) => directory.listCompanyMappingsSlice(this.workspace.read, this.psa, after, SLICE_ROWS));
    const companies = await readSlices((after) => directory.listCompanyRefsSlice(this.workspace.read, after, SLICE_ROWS));
    return { token, inputs: { mappings, companies } };
  }
}

/** About 5 ms of reading per slice. */
const SLICE_ROWS = 2_500;

async function readSlices<R extends { sliceKey: string }>(slice: (afterKey: string | null) => Promise<R[]>): Promise<Array<Omit<R, 'sliceKey'>>> {
  const all: Array<Omit<R, 'sliceKey'>> = [];
  for (let after: string | null = null; ; ) {
    const rows = await slice(after);
    // The key only pages the read: the rows reach the wizard's view, whose schema has no such field.
    for (const { sliceKey, ...row } of rows) all.push(row);
    if (rows.length < SLICE_ROWS) return all;
    after = rows[rows.length - 1]!.sliceKey;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export async function reconciliationView(db: SqlReader, psa: PsaKind, fetched: PsaFetchResult, inputs?: ReconcileInputs): Promise<ReconciliationView> {
  const { mappings, companies } = inputs ?? (await loadReconcileInputs(db, psa));
  const result = reconcileFetch(fetched, companies, mappings);
  return {
    inPsa: result.inPsa,
    // reconcile sets the mappings it did not meet aside in the same pass: the list is built from its answer.
    notInPsa: result.notInPsa.map(({ mapping, managedCompany }) => ({
      psaCompanyId: mapping.psaCompanyId,
      psaNameAtMapping: mapping.psaNameAtMapping,
      managedCompany: managedCompany ?? { id: mapping.managedCompanyId, name: '' },
      lastImportedAt: mapping.lastImportedAt,
    })),
  };
}

/** A company's PSA contacts, matched to the users of the managed company it maps (or will map) to. */
export async function contactsView(db: SqlReader, psa: PsaKind, fetched: PsaFetchResult, psaCompanyId: string, managedCompanyId: string | null): Promise<ImportContactRow[]> {
  const contacts = contactsByCompany(fetched).get(psaCompanyId) ?? [];
  const [users, mappings, imported] = managedCompanyId
    ? await Promise.all([directory.listUsersOfCompany(db, managedCompanyId), directory.listContactMappingsOfCompany(db, psa, managedCompanyId), directory.importedUsersOfCompany(db, managedCompanyId)])
    : [[], [], []];
  // Imported before from either PSA: a contact whose email a user has who came from an import (of this PSA or the other).
  const importedUserIds = new Set(imported.map((user) => user.id));
  const matches = matchContacts(contacts, users, mappings, managedCompanyId ? new Map([[psaCompanyId, managedCompanyId]]) : new Map<string, string>());
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return contacts.map((contact, index) => {
    const match = matches[index] ?? { kind: 'new' as const };
    if (match.kind === 'new') return contactRow(contact, null);
    return contactRow(contact, {
      match: match.kind,
      user: { id: match.userId, email: emails.get(match.userId) ?? '' },
      emailChanged: match.kind === 'mapped' && match.emailChanged,
      importedBefore: match.kind === 'mapped' || importedUserIds.has(match.userId),
    });
  });
}
