/**
 * Preview documents for tests and bench:preview: realistic names, addresses and ids like Autotask's (eight-digit
 * company and contact ids), with a reconciliation row and a decision for each company, and a contact match for
 * the contacts of mapped companies (most mapped, some by the same email). Deterministic.
 */
import type { ImportCompanyRow, NotInPsaRow } from '../../shared/import/session';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import type { PreviewCompany, PreviewContact, PreviewContactMatch, PreviewDecision, PreviewDocument } from '../../shared/preview/preview-document';

const FIRST = ['Anna', 'Bram', 'Chantal', 'Daan', 'Eva', 'Femke', 'Gijs', 'Hanna', 'Iris', 'Joost', 'Kees', 'Lotte', 'Mark', 'Noor', 'Olaf', 'Priya', 'Quinten', 'Rosa', 'Sven', 'Tess'];
const LAST = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker'];
const WORDS = ['Noord', 'Zuid', 'Holland', 'Installatie', 'Techniek', 'Bouw', 'Logistiek', 'Zorg', 'Advies', 'Accountants', 'Groep', 'Makelaardij', 'Transport', 'Dental', 'Legal', 'Metaal'];
const SUFFIX = ['B.V.', 'N.V.', 'Holding B.V.', 'VOF', '& Partners', 'Ltd'];
const TYPES = ['Customer', 'Prospect', 'Vendor', 'Partner'];

export interface PreviewSize {
  readonly companies: number;
  /** Contacts in all, spread over the companies. */
  readonly contacts: number;
}

export function previewCompanyId(index: number): string {
  return String(29_600_000 + index * 7);
}

export function buildPreviewDocument(size: PreviewSize): PreviewDocument {
  const companies: PreviewCompany[] = [];
  const inPsa: ImportCompanyRow[] = [];
  const decisions: PreviewDecision[] = [];
  for (let i = 0; i < size.companies; i++) {
    const name = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${LAST[i % LAST.length]} ${SUFFIX[i % SUFFIX.length]} ${i}`;
    const psaId = previewCompanyId(i);
    const typeLabel = TYPES[i % TYPES.length] ?? null;
    companies.push({ psaId, name, typeLabel, active: i % 11 !== 0, lastModifiedAt: new Date(Date.UTC(2026, 0, 1) + i * 61_000).toISOString() });
    const mapped = i % 3 === 0;
    inPsa.push({
      psaCompanyId: psaId,
      name,
      typeLabel,
      active: i % 11 !== 0,
      status: mapped ? 'mapped' : i % 17 === 0 ? 'possible-duplicate' : 'unmapped',
      managedCompany: mapped ? { id: `mc_${i.toString(36)}`, name } : null,
      candidates: [],
      lastImportedAt: mapped ? '2026-06-01T09:30:00.000Z' : null,
      renamedFrom: i % 97 === 0 && mapped ? `${name} (old)` : null,
      contacts: 0,
    });
  }
  const contacts: PreviewContact[] = [];
  for (let j = 0; j < size.contacts; j++) {
    const company = size.companies === 0 ? 0 : (j * 7919) % size.companies;
    const firstName = FIRST[j % FIRST.length]!;
    const lastName = LAST[(j * 3) % LAST.length]!;
    contacts.push({
      psaId: String(30_100_000 + j * 3),
      companyPsaId: previewCompanyId(company),
      firstName,
      lastName,
      email: j % 13 === 0 ? null : `${firstName.toLowerCase()}.${lastName.replace(/ /g, '').toLowerCase()}${j}@${WORDS[company % WORDS.length]!.toLowerCase()}-${company}.nl`,
      active: j % 19 !== 0,
    });
    const row = inPsa[company];
    if (row) inPsa[company] = { ...row, contacts: row.contacts + 1 };
  }
  const contactMatches: PreviewContactMatch[] = [];
  for (const [j, contact] of contacts.entries()) {
    const company = size.companies === 0 ? undefined : inPsa[(j * 7919) % size.companies];
    if (company?.status !== 'mapped' || contact.email === null || j % 5 === 4) continue;
    const sameEmail = j % 7 === 0;
    contactMatches.push({
      psaContactId: contact.psaId,
      match: sameEmail ? 'same-email' : 'mapped',
      user: { id: `usr_${j.toString(36)}`, email: j % 23 === 0 && !sameEmail ? `old.${contact.email}` : contact.email },
      emailChanged: j % 23 === 0 && !sameEmail,
      importedBefore: !sameEmail || j % 2 === 0,
    });
  }
  const firstContact = new Map<string, string>();
  for (const contact of contacts) if (!firstContact.has(contact.companyPsaId)) firstContact.set(contact.companyPsaId, contact.psaId);
  for (let i = 0; i < size.companies; i++) {
    const psaCompanyId = previewCompanyId(i);
    const contact = firstContact.get(psaCompanyId);
    const row = inPsa[i]!;
    decisions.push({
      psaCompanyId,
      selected: i % 5 !== 0,
      choice:
        i % 3 === 0
          ? { kind: 'map', managedCompanyId: `mc_${i.toString(36)}`, managedCompanyName: row.name, ...(i % 97 === 0 ? { updateName: true as const } : {}) }
          : i % 5 === 0
            ? null
            : { kind: 'create' },
      users: i % 4 === 0 && contact ? { [contact]: i % 8 === 0 ? { kind: 'map', userId: `usr_${i.toString(36)}`, userLabel: `user${i}@example.nl` } : { kind: 'create' } } : i % 2 === 0 ? 'all' : null,
      ...(i % 50 === 0 ? { note: `Checked with ${FIRST[i % FIRST.length]} on the phone; keep the old name.` } : {}),
    });
  }
  const notInPsa: NotInPsaRow[] = [];
  for (let k = 0; k < Math.ceil(size.companies / 100); k++) {
    notInPsa.push({ psaCompanyId: String(10_000_000 + k), psaNameAtMapping: `Gone ${k} B.V.`, managedCompany: { id: `mc_gone_${k}`, name: `Gone ${k} B.V.` }, lastImportedAt: '2025-11-02T14:00:00.000Z' });
  }
  return {
    createdBy: { adminId: 'adm_01HZX3', name: 'Femke de Vries' },
    createdAt: '2026-12-01T05:00:00.000Z',
    psa: 'autotask',
    integration: { accountHint: 'api-user@contoso-msp.example', apiBaseUrl: 'https://webservices14.autotask.net/ATServicesRest/V1.0' },
    filter: { ...DEFAULT_PSA_FILTER, companies: { companyType: [1, 3] } },
    fetchedAt: '2026-12-01T04:58:12.000Z',
    snapshot: { companies, contacts },
    reconciliation: { inPsa, notInPsa, contactMatches },
    decisions,
  };
}
