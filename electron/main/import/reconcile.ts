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
  /** The mapped company, or the single same-named one a possible duplicate would map to. */
  readonly managedCompanyId: string | null;
  /** For an ambiguous duplicate: every same-named unmapped managed company; the user chooses. */
  readonly candidates: readonly string[];
  readonly lastImportedAt: string | null;
}

/** Generic in the mapping type: "not in" hands back the caller's own mapping rows, with whatever else they carry. */
export interface CompanyReconciliation<M extends CompanyMappingRef = CompanyMappingRef> {
  /** Every company the filter returned, unmapped ones first (as the seed lists them). */
  readonly inPsa: readonly ReconciledCompany[];
  /** Mapped earlier, not returned now (filtered out, deleted or merged in the PSA), in the mappings' order. */
  readonly notInPsa: readonly M[];
}

/** The reconciliation the wizard shows when a download finishes: companies, and contacts counted per company. */
export function reconcileFetch<M extends CompanyMappingRef>(
  fetched: { readonly companies: readonly PsaCompanyRecord[]; readonly contacts: readonly PsaContactRecord[] },
  managed: readonly ManagedCompanyRef[],
  mappings: readonly M[],
): CompanyReconciliation<M> & { readonly contactCounts: ReadonlyMap<string, number> } {
  const contactCounts = new Map<string, number>();
  for (const contact of fetched.contacts) contactCounts.set(contact.companyPsaId, (contactCounts.get(contact.companyPsaId) ?? 0) + 1);
  return { ...reconcileCompanies(fetched.companies, managed, mappings), contactCounts };
}

const STATUS_ORDER: Readonly<Record<ImportStatus, number>> = { unmapped: 0, 'possible-duplicate': 1, 'ambiguous-duplicate': 2, mapped: 3 };

export function reconcileCompanies<M extends CompanyMappingRef>(
  fetched: readonly PsaCompanyRecord[],
  managed: readonly ManagedCompanyRef[],
  mappings: readonly M[],
): CompanyReconciliation<M> {
  const byPsaId = new Map(mappings.map((mapping) => [mapping.psaCompanyId, mapping]));
  const mappedManaged = new Set(mappings.map((mapping) => mapping.managedCompanyId));
  // Only managed companies no mapping points at can be someone's duplicate.
  const unmappedByName = new Map<string, string[]>();
  for (const company of managed) {
    if (mappedManaged.has(company.id)) continue;
    const key = normalizeCompanyName(company.name);
    const list = unmappedByName.get(key);
    if (list) list.push(company.id);
    else unmappedByName.set(key, [company.id]);
  }
  const seen = new Set<string>();
  const inPsa = fetched.map((psa): ReconciledCompany => {
    seen.add(psa.psaId);
    const mapping = byPsaId.get(psa.psaId);
    if (mapping) return { psa, status: 'mapped', managedCompanyId: mapping.managedCompanyId, candidates: [], lastImportedAt: mapping.lastImportedAt };
    const same = unmappedByName.get(normalizeCompanyName(psa.name)) ?? [];
    if (same.length === 1) return { psa, status: 'possible-duplicate', managedCompanyId: same[0] ?? null, candidates: same, lastImportedAt: null };
    if (same.length > 1) return { psa, status: 'ambiguous-duplicate', managedCompanyId: null, candidates: same, lastImportedAt: null };
    return { psa, status: 'unmapped', managedCompanyId: null, candidates: [], lastImportedAt: null };
  });
  // One managed company can take only one PSA company: when several would map to it, none does by default.
  const claims = new Map<string, number>();
  for (const entry of inPsa) if (entry.status === 'possible-duplicate' && entry.managedCompanyId) claims.set(entry.managedCompanyId, (claims.get(entry.managedCompanyId) ?? 0) + 1);
  for (const [index, entry] of inPsa.entries()) {
    if (entry.status === 'possible-duplicate' && (claims.get(entry.managedCompanyId ?? '') ?? 0) > 1) inPsa[index] = { ...entry, status: 'ambiguous-duplicate', managedCompanyId: null };
  }
  // Grouped by status in one pass (stable: the PSA's order within a group); the table sorts by name.
  const groups: ReconciledCompany[][] = [[], [], [], []];
  for (const entry of inPsa) groups[STATUS_ORDER[entry.status]]!.push(entry);
  return { inPsa: groups.flat(), notInPsa: mappings.filter((mapping) => !seen.has(mapping.psaCompanyId)) };
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
