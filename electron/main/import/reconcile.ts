/**
 * Reconciling one PSA fetch against the workspace (the LastPass seed's
 * "Companies in / not in <PSA>" and import statuses). Pure: the caller loads
 * the managed companies, users and mappings, and applies the outcome.
 */
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
}

export interface ReconciledCompany {
  readonly psa: PsaCompanyRecord;
  readonly status: ImportStatus;
  /** The mapped company, or the single same-named one a possible duplicate would map to (the caller's own object). */
  readonly managedCompany: ManagedCompanyRef | null;
  /** For an ambiguous duplicate: every same-named unmapped managed company; the user chooses. */
  readonly candidates: readonly ManagedCompanyRef[];
  readonly lastImportedAt: string | null;
  /** The company's contacts in this fetch. */
  readonly contacts: number;
}

/** A mapping whose PSA company this fetch did not return, with the managed company it maps (null if that is gone). */
export interface NotInPsa<M extends CompanyMappingRef = CompanyMappingRef> {
  readonly mapping: M;
  readonly managedCompany: ManagedCompanyRef | null;
}

/** Generic in the mapping type: "not in" hands back the caller's own mapping rows, with whatever else they carry. */
export interface CompanyReconciliation<M extends CompanyMappingRef = CompanyMappingRef> {
  /** Every company the filter returned, unmapped ones first (as the seed lists them). */
  readonly inPsa: readonly ReconciledCompany[];
  /** Mapped earlier, not returned now (filtered out, deleted or merged in the PSA), in the mappings' order. */
  readonly notInPsa: readonly NotInPsa<M>[];
}

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
  fetched: { readonly companies: readonly PsaCompanyRecord[]; readonly contacts: readonly PsaContactRecord[] },
  managed: readonly ManagedCompanyRef[],
  mappings: readonly M[],
): CompanyReconciliation<M> {
  const managedIndex = new Map<string, number>();
  for (let index = 0; index < managed.length; index++) managedIndex.set(managed[index]!.id, index);
  // Per managed company: mapped (for this PSA) or not; per mapping: its managed company, and whether this fetch has it.
  const managedIsMapped = new Uint8Array(managed.length);
  const mappingManaged = new Array<ManagedCompanyRef | null>(mappings.length);
  const mappingFetched = new Uint8Array(mappings.length);
  const mappingIndex = new Map<string, number>();
  for (let index = 0; index < mappings.length; index++) {
    const mapping = mappings[index]!;
    mappingIndex.set(mapping.psaCompanyId, index);
    const at = managedIndex.get(mapping.managedCompanyId);
    if (at !== undefined) managedIsMapped[at] = 1;
    mappingManaged[index] = at === undefined ? null : managed[at]!;
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
  const companies = fetched.companies;
  const contactCounts = new Uint32Array(companies.length);
  const companyIndex = new Map<string, number>();
  for (let index = 0; index < companies.length; index++) companyIndex.set(companies[index]!.psaId, index);
  for (const contact of fetched.contacts) {
    const at = companyIndex.get(contact.companyPsaId);
    if (at !== undefined) contactCounts[at]!++;
  }

  const inPsa = new Array<ReconciledCompany>(companies.length);
  // One managed company can take only one PSA company: when several would map to it, none does by default.
  const claims = new Map<ManagedCompanyRef, number>();
  for (let index = 0; index < companies.length; index++) {
    const psa = companies[index]!;
    const contacts = contactCounts[index]!;
    const at = mappingIndex.get(psa.psaId);
    if (at !== undefined) {
      mappingFetched[at] = 1;
      inPsa[index] = { psa, status: 'mapped', managedCompany: mappingManaged[at]!, candidates: [], lastImportedAt: mappings[at]!.lastImportedAt, contacts };
      continue;
    }
    const same = unmappedByName.get(normalizeCompanyName(psa.name));
    if (same === undefined) inPsa[index] = { psa, status: 'unmapped', managedCompany: null, candidates: [], lastImportedAt: null, contacts };
    else if (same.length > 1) inPsa[index] = { psa, status: 'ambiguous-duplicate', managedCompany: null, candidates: same, lastImportedAt: null, contacts };
    else {
      const only = same[0]!;
      claims.set(only, (claims.get(only) ?? 0) + 1);
      inPsa[index] = { psa, status: 'possible-duplicate', managedCompany: only, candidates: same, lastImportedAt: null, contacts };
    }
  }
  // Grouped by status in one pass (stable: the PSA's order within a group); the table sorts by name.
  const groups: ReconciledCompany[][] = [[], [], [], []];
  for (let entry of inPsa) {
    if (entry.status === 'possible-duplicate' && (claims.get(entry.managedCompany!) ?? 0) > 1) entry = { ...entry, status: 'ambiguous-duplicate', managedCompany: null };
    groups[STATUS_ORDER[entry.status]]!.push(entry);
  }
  const notInPsa: NotInPsa<M>[] = [];
  for (let index = 0; index < mappings.length; index++) if (!mappingFetched[index]) notInPsa.push({ mapping: mappings[index]!, managedCompany: mappingManaged[index]! });
  return { inPsa: groups.flat(), notInPsa };
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
  const mapped = new Map<string, string>();
  for (const mapping of mappings) mapped.set(mapping.psaContactId, mapping.userId);
  const result = new Array<ContactMatch>(contacts.length);
  // Contacts come grouped by company: the last company's lookups are reused.
  let lastCompany: string | undefined;
  let target: string | undefined;
  let byEmail: Map<string, ManagedUserRef> | undefined;
  for (let index = 0; index < contacts.length; index++) {
    const contact = contacts[index]!;
    if (contact.companyPsaId !== lastCompany) {
      lastCompany = contact.companyPsaId;
      target = targets.get(lastCompany);
      byEmail = target === undefined ? undefined : byCompany.get(target);
    }
    if (byEmail === undefined) {
      result[index] = NEW;
      continue;
    }
    const email = contact.email ? contact.email.toLowerCase() : null;
    const userId = mapped.get(contact.psaId);
    const user = userId === undefined ? undefined : usersById.get(userId);
    if (user !== undefined && user.managedCompanyId === target) {
      result[index] = { kind: 'mapped', userId: user.id, emailChanged: email !== null && email !== user.email.toLowerCase() };
      continue;
    }
    const sameEmail = email === null ? undefined : byEmail.get(email);
    result[index] = sameEmail === undefined ? NEW : { kind: 'same-email', userId: sameEmail.id };
  }
  return result;
}
