/**
 * `npm run bench:reconcile [-- --json]`: 50,000 PSA companies with 400,000
 * contacts against 50,000 managed companies (mapped, unmapped, duplicates).
 * Goal: reconciling takes at most half the time of JSON.parse on the same PSA
 * payload (measured in the same run, best of several).
 */
import { matchContacts, reconcileFetch, type CompanyMappingRef, type ContactMappingRef, type ManagedUserRef } from '../../electron/main/import/reconcile';
import type { PsaCompanyRecord, PsaContactRecord } from '../../shared/psa/records';
import { printReport } from './report';

const COMPANIES = 50_000;
const CONTACTS_PER_COMPANY = 8;
const SUFFIXES = ['B.V.', 'BV', 'Ltd', 'Limited', 'Inc.', 'GmbH', 'N.V.', ''];

function dataset() {
  const companies: PsaCompanyRecord[] = [];
  const contacts: PsaContactRecord[] = [];
  const managed: Array<{ id: string; name: string }> = [];
  const mappings: CompanyMappingRef[] = [];
  const users: ManagedUserRef[] = [];
  const contactMappings: ContactMappingRef[] = [];
  for (let index = 0; index < COMPANIES; index++) {
    const base = `Company ${index % 45_000} ${['Installatie', 'Bakkerij', 'Accountants', 'Holding'][index % 4]}`;
    const psaId = String(100_000 + index);
    companies.push({ psaId, name: `${base} ${SUFFIXES[index % SUFFIXES.length]}`.trim(), typeLabel: 'Customer', active: index % 10 !== 0, lastModifiedAt: null });
    // A third mapped, a third with a same-named unmapped managed company, a third without.
    if (index % 3 === 0) {
      managed.push({ id: `m${index}`, name: base });
      mappings.push({ psaCompanyId: psaId, managedCompanyId: `m${index}`, lastImportedAt: '2026-10-01T00:00:00Z' });
    } else if (index % 3 === 1) managed.push({ id: `m${index}`, name: `${base.toUpperCase()} ${SUFFIXES[(index + 3) % SUFFIXES.length]}` });
    for (let c = 0; c < CONTACTS_PER_COMPANY; c++) {
      const contactId = String(10_000_000 + index * CONTACTS_PER_COMPANY + c);
      const email = `user${c}@company${index}.example`;
      contacts.push({ psaId: contactId, companyPsaId: psaId, firstName: 'A', lastName: String(c), email, active: true });
      if (index % 3 === 0 && c < 4) {
        users.push({ id: `u${contactId}`, managedCompanyId: `m${index}`, email: c === 0 ? `old-${email}` : email });
        if (c < 2) contactMappings.push({ psaContactId: contactId, userId: `u${contactId}` });
      }
    }
  }
  while (managed.length < COMPANIES) managed.push({ id: `extra${managed.length}`, name: `Unrelated Client ${managed.length}` });
  return { companies, contacts, managed, mappings, users, contactMappings };
}

function best(runs: number, work: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

const data = dataset();
const payload = JSON.stringify({ companies: data.companies, contacts: data.contacts });
const parseMs = best(5, () => JSON.parse(payload));
let statuses: Record<string, number> = {};
// What runs when a download finishes (reconciliationView): companies reconciled, contacts counted per company.
const reconcileMs = best(5, () => {
  const result = reconcileFetch(data, data.managed, data.mappings);
  statuses = {};
  for (const entry of result.inPsa) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
});
// Contact matching runs per company when "Manage users" opens; for scale, here all 400,000 at once.
const matchMs = best(3, () => matchContacts(data.contacts, data.users, data.contactMappings));
const ratio = reconcileMs / parseMs;
printReport({
  name: 'bench:reconcile — 50,000 PSA companies, 400,000 contacts, 50,000 managed companies',
  figures: {
    payloadMiB: Math.round((payload.length / 2 ** 20) * 10) / 10,
    jsonParseMs: Math.round(parseMs),
    reconcileMs: Math.round(reconcileMs),
    ratio,
    matchAllContactsMs: Math.round(matchMs),
    mapped: statuses['mapped'] ?? 0,
    possibleDuplicates: statuses['possible-duplicate'] ?? 0,
    ambiguousDuplicates: statuses['ambiguous-duplicate'] ?? 0,
    unmapped: statuses['unmapped'] ?? 0,
  },
  goals: { speed: { description: `reconcile ${Math.round(reconcileMs)} ms ≤ 0.5 × JSON.parse ${Math.round(parseMs)} ms (ratio ${ratio.toFixed(2)})`, pass: ratio <= 0.5 } },
});
