/**
 * Reconciling one PSA fetch against the workspace (the LastPass seed's
 * "Companies in / not in <PSA>" and import statuses). Pure: the caller loads
 * the managed companies, users and mappings, and applies the outcome.
 */
import type { ImportCompanyRow } from '../../../shared/import/session';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../shared/psa/records';
import { normalizeCompanyName } from './normalize-company-name';

/**
 * Mapped, unmapped, or unmapped with exactly one (possible-duplicate) or several (ambiguous) same-named
 * managed companies. Ambiguous too: one same-named managed company that several PSA companies would take.
 */
export type ImportStatus = 'mapped' | 'unmapped' | 'possible-duplicate' | 'ambiguous-duplicate';

export interface ManagedCompanyRef {
  readonly id: string;
  readonly name: string;
}

/** (PSA company id) → managed company, for one PSA. */
export interface CompanyMappingRef {
  readonly psaCompanyId: string;
  readonly managedCompanyId: string;
  readonly lastImportedAt: string | null;
  /** The PSA company's name when it was last imported: a different name now is a rename in the PSA. */
  readonly psaNameAtMapping?: string;
}

/**
 * A company the fetch returned, as the wizard shows it: reconcile builds the rows themselves, so a big fetch
 * makes one object per company, not one here and another for the view. `managedCompany` and `candidates` are
 * the caller's own objects, shared between rows: never mutated.
 */
export type ReconciledCompany = ImportCompanyRow;

/** A mapping whose PSA company this fetch did not return, with the managed company it maps (null if that is gone). */
export interface NotInPsa<M extends CompanyMappingRef = CompanyMappingRef> {
  readonly mapping: M;
  readonly managedCompany: ManagedCompanyRef | null;
}

/** Generic in the mapping type: "not in" hands back the caller's own mapping rows, with whatever else they carry. */
export interface CompanyReconciliation<M extends CompanyMappingRef = CompanyMappingRef> {
  /** Every company the filter returned, unmapped ones first (as the seed lists them). */
  readonly inPsa: ReconciledCompany[];
  /** Mapped earlier, not returned now (filtered out, deleted or merged in the PSA), in the mappings' order. */
  readonly notInPsa: readonly NotInPsa<M>[];
}

/** No candidates: one shared, frozen array instead of a new one per row (the rows are copied when sent). */
const NO_CANDIDATES = Object.freeze([]) as unknown as ManagedCompanyRef[];

const STATUS_ORDER: Readonly<Record<ImportStatus, number>> = { unmapped: 0, 'possible-duplicate': 1, 'ambiguous-duplicate': 2, mapped: 3 };

/** Companies only (no contacts to count). */
export function reconcileCompanies<M extends CompanyMappingRef>(fetched: readonly PsaCompanyRecord[], managed: readonly ManagedCompanyRef[], mappings: readonly M[]): CompanyReconciliation<M> {
  return reconcileFetch({ companies: fetched, contacts: [] }, managed, mappings);
}

/**
 * The reconciliation the wizard shows when a download finishes: companies in and not in, contacts counted per
 * company. It runs on the main process while the user waits, over every record of the fetch and the workspace,
 * so each record costs a few hash lookups and no more: ids are looked up once and then carried as array indexes,
 * and the "not in" list falls out of the same pass instead of a second search.
 */
export function reconcileFetch<M extends CompanyMappingRef>(
  fetched: { readonly companies: readonly PsaCompanyRecord[]; readonly contacts: readonly PsaContactRecord[]; readonly contactsPerCompany?: ReadonlyMap<string, number> | undefined },
  managed: readonly ManagedCompanyRef[],
  mappings: readonly M[],
): CompanyReconciliation<M> {
  const companies = fetched.companies;
  const companyIndex = new Map<string, number>();
  for (let index = 0; index < companies.length; index++) companyIndex.set(companies[index]!.psaId, index);
  const managedIndex = new Map<string, number>();
  for (let index = 0; index < managed.length; index++) managedIndex.set(managed[index]!.id, index);
  // Per managed company: mapped (for this PSA) or not. Per fetched company: its mapping, if any (-1: none).
  // The mappings the fetch does not have are the "not in" list.
  const managedIsMapped = new Uint8Array(managed.length);
  const fetchedMapping = new Int32Array(companies.length).fill(-1);
  const fetchedManaged = new Array<ManagedCompanyRef | null>(companies.length);
  const notInPsa: NotInPsa<M>[] = [];
  for (let index = 0; index < mappings.length; index++) {
    const mapping = mappings[index]!;
    const at = managedIndex.get(mapping.managedCompanyId);
    if (at !== undefined) managedIsMapped[at] = 1;
    const managedCompany = at === undefined ? null : managed[at]!;
    const fetchedAt = companyIndex.get(mapping.psaCompanyId);
    if (fetchedAt === undefined) notInPsa.push({ mapping, managedCompany });
    else {
      fetchedMapping[fetchedAt] = index;
      fetchedManaged[fetchedAt] = managedCompany;
    }
  }
  // Only managed companies no mapping points at can be someone's duplicate.
  const unmappedByName = new Map<string, ManagedCompanyRef[]>();
  for (let index = 0; index < managed.length; index++) {
    if (managedIsMapped[index]) continue;
    const company = managed[index]!;
    const key = normalizeCompanyName(company.name);
    const list = unmappedByName.get(key);
    if (list) list.push(company);
    else unmappedByName.set(key, [company]);
  }
  const contactCounts = new Uint32Array(companies.length);
  if (fetched.contactsPerCompany) {
    // Counted by the fetch as its pages came in: one lookup per company instead of one per contact.
    for (let index = 0; index < companies.length; index++) contactCounts[index] = fetched.contactsPerCompany.get(companies[index]!.psaId) ?? 0;
  } else {
    for (const contact of fetched.contacts) {
      const at = companyIndex.get(contact.companyPsaId);
      if (at !== undefined) contactCounts[at]!++;
    }
  }

  const inPsa = new Array<ReconciledCompany>(companies.length);
  // One managed company can take only one PSA company: when several would map to it, none does by default.
  const claims = new Map<ManagedCompanyRef, number>();
  for (let index = 0; index < companies.length; index++) {
    const psa = companies[index]!;
    const contacts = contactCounts[index]!;
    const mappingAt = fetchedMapping[index]!;
    if (mappingAt >= 0) {
      const mapping = mappings[mappingAt]!;
      const renamedFrom = mapping.psaNameAtMapping !== undefined && mapping.psaNameAtMapping !== psa.name ? mapping.psaNameAtMapping : null;
      inPsa[index] = row(psa, contacts, 'mapped', fetchedManaged[index] ?? null, NO_CANDIDATES, mapping.lastImportedAt, renamedFrom);
      continue;
    }
    const same = unmappedByName.get(normalizeCompanyName(psa.name));
    if (same === undefined) inPsa[index] = row(psa, contacts, 'unmapped', null, NO_CANDIDATES, null);
    else if (same.length > 1) inPsa[index] = row(psa, contacts, 'ambiguous-duplicate', null, same, null);
    else {
      const only = same[0]!;
      claims.set(only, (claims.get(only) ?? 0) + 1);
      inPsa[index] = row(psa, contacts, 'possible-duplicate', only, same, null);
    }
  }
  // Grouped by status in one pass (stable: the PSA's order within a group); the table sorts by name.
  const groups: ReconciledCompany[][] = [[], [], [], []];
  for (const entry of inPsa) {
    if (entry.status === 'possible-duplicate' && (claims.get(entry.managedCompany!) ?? 0) > 1) {
      entry.status = 'ambiguous-duplicate';
      entry.managedCompany = null;
    }
    groups[STATUS_ORDER[entry.status]]!.push(entry);
  }
  return { inPsa: groups.flat(), notInPsa };
}

// One shape for every row, built without a closure: this runs once per company of a big fetch.
function row(psa: PsaCompanyRecord, contacts: number, status: ImportStatus, managedCompany: ManagedCompanyRef | null, candidates: ManagedCompanyRef[], lastImportedAt: string | null, renamedFrom: string | null = null): ReconciledCompany {
  return { psaCompanyId: psa.psaId, name: psa.name, typeLabel: psa.typeLabel, active: psa.active, status, managedCompany, candidates, lastImportedAt, renamedFrom, contacts };
}

export interface ManagedUserRef {
  readonly id: string;
  readonly managedCompanyId: string;
  readonly email: string;
}

export interface ContactMappingRef {
  readonly psaContactId: string;
  readonly userId: string;
}

export type ContactMatch =
  | { readonly kind: 'mapped'; readonly userId: string; readonly emailChanged: boolean }
  | { readonly kind: 'same-email'; readonly userId: string }
  | { readonly kind: 'new' };

const NEW: ContactMatch = { kind: 'new' };

/**
 * Matches PSA contacts to users: by mapping first, then by email
 * (case-insensitive), always among the users of the managed company the
 * contact's PSA company maps (or will map) to — `targets`, PSA company id →
 * managed company id; a contact of a company without one is new. A mapped
 * contact whose email changed in the PSA is reported, so the import carries
 * the change. An empty email is no email. The answer is parallel to
 * `contacts` (an array, not a map: this runs over every contact of a fetch).
 */
interface CompanyUsers {
  readonly managedCompanyId: string;
  /** Lower-cased email → user. */
  readonly byEmail: ReadonlyMap<string, ManagedUserRef>;
}

export function matchContacts(
  contacts: readonly PsaContactRecord[],
  users: readonly ManagedUserRef[],
  mappings: readonly ContactMappingRef[],
  targets: ReadonlyMap<string, string>,
): ContactMatch[] {
  const usersById = new Map<string, ManagedUserRef>();
  // Per managed company, lower-cased email → user; users of companies no contact goes to are skipped.
  const wanted = new Set(targets.values());
  const byCompany = new Map<string, Map<string, ManagedUserRef>>();
  for (const user of users) {
    if (!wanted.has(user.managedCompanyId)) continue;
    usersById.set(user.id, user);
    let byEmail = byCompany.get(user.managedCompanyId);
    if (!byEmail) byCompany.set(user.managedCompanyId, (byEmail = new Map()));
    byEmail.set(user.email.toLowerCase(), user);
  }
  // Only mappings to those users can match: the rest are looked up, not stored.
  const mapped = new Map<string, ManagedUserRef>();
  for (const mapping of mappings) {
    const user = usersById.get(mapping.userId);
    if (user !== undefined) mapped.set(mapping.psaContactId, user);
  }
  // PSA company → the users its contacts can match: one lookup per contact, whatever order contacts come in.
  const usersOf = new Map<string, CompanyUsers>();
  for (const [psaCompanyId, managedCompanyId] of targets) {
    const byEmail = byCompany.get(managedCompanyId);
    if (byEmail !== undefined) usersOf.set(psaCompanyId, { managedCompanyId, byEmail });
  }
  const result = new Array<ContactMatch>(contacts.length);
  for (let index = 0; index < contacts.length; index++) {
    const contact = contacts[index]!;
    const company = usersOf.get(contact.companyPsaId);
    if (company === undefined) {
      result[index] = NEW;
      continue;
    }
    const email = contact.email ? contact.email.toLowerCase() : null;
    const user = mapped.get(contact.psaId);
    if (user !== undefined && user.managedCompanyId === company.managedCompanyId) {
      result[index] = { kind: 'mapped', userId: user.id, emailChanged: email !== null && email !== user.email.toLowerCase() };
      continue;
    }
    const sameEmail = email === null ? undefined : company.byEmail.get(email);
    result[index] = sameEmail === undefined ? NEW : { kind: 'same-email', userId: sameEmail.id };
  }
  return result;
}
