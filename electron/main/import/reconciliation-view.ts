/** Builds the wizard's views from a fetch and the workspace: loads, reconciles (pure), and shapes rows. */
import type { ImportContactRow, ReconciliationView } from '../../../shared/import/session';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';
import * as directory from '../db/repositories/directory';
import type { SqlReader } from '../db/workspace';
import { matchContacts, reconcileFetch } from './reconcile';

export async function reconciliationView(db: SqlReader, psa: PsaKind, fetched: PsaFetchResult): Promise<ReconciliationView> {
  // Two plain reads: the managed companies' names are joined in memory, which costs less than SQL joining 50,000 rows.
  const [mappings, companies] = await Promise.all([directory.listCompanyMappings(db, psa), directory.listCompanyRefs(db)]);
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
  const [users, mappings] = managedCompanyId
    ? await Promise.all([directory.listUsersOfCompany(db, managedCompanyId), directory.listContactMappingsOfCompany(db, psa, managedCompanyId)])
    : [[], []];
  const matches = matchContacts(contacts, users, mappings, managedCompanyId ? new Map([[psaCompanyId, managedCompanyId]]) : new Map<string, string>());
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return contacts.map((contact, index) => {
    const match = matches[index] ?? { kind: 'new' as const };
    const userId = match.kind === 'new' ? null : match.userId;
    return {
      psaContactId: contact.psaId,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      active: contact.active,
      match: match.kind,
      user: userId ? { id: userId, email: emails.get(userId) ?? '' } : null,
      emailChanged: match.kind === 'mapped' && match.emailChanged,
      importedBefore: match.kind === 'mapped',
    };
  });
}

/**
 * A fetch's contacts grouped by company, built once per fetch: "Manage users" opens once per company,
 * and scanning all 400,000 contacts each time would make opening it cost as much as the whole fetch.
 * Weak, so the index goes when the fetch does.
 */
const byCompanyOfFetch = new WeakMap<PsaFetchResult, ReadonlyMap<string, readonly PsaContactRecord[]>>();

export function contactsByCompany(fetched: PsaFetchResult): ReadonlyMap<string, readonly PsaContactRecord[]> {
  let index = byCompanyOfFetch.get(fetched);
  if (index) return index;
  const groups = new Map<string, PsaContactRecord[]>();
  for (const contact of fetched.contacts) {
    const list = groups.get(contact.companyPsaId);
    if (list) list.push(contact);
    else groups.set(contact.companyPsaId, [contact]);
  }
  byCompanyOfFetch.set(fetched, (index = groups));
  return index;
}
