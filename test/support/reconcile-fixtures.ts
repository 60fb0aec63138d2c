/**
 * A workspace imported from a PSA many times, and a new download from it: the
 * scene of "Companies in / not in <PSA>" and "Manage users" at scale, written
 * to a real SQLite workspace (bench:reconcile and the reconciliation tests).
 */
import * as directory from '../../electron/main/db/repositories/directory';
import { tallyContact } from '../../electron/main/psa/fetch-job';
import type { Workspace } from '../../electron/main/db/workspace';
import { WriteBuffer } from '../../electron/main/db/write-buffer';
import type { ContactMappingRef, ManagedUserRef } from '../../electron/main/import/reconcile';
import type { PsaKind } from '../../shared/psa/kinds';
import type { PsaCompanyRecord, PsaContactRecord, PsaFetchResult } from '../../shared/psa/records';

export interface ReconcileScene {
  /** `mappings` mapped companies; every `fetchEvery`-th is in the download, the rest are "not in". */
  readonly mappings: number;
  readonly fetchEvery: number;
  /** New (unmapped) PSA companies in the download; every fourth has a same-named unmapped managed company. */
  readonly newCompanies: number;
  readonly contactsPerCompany: number;
}

export interface SeededScene {
  readonly fetched: PsaFetchResult;
  /** What was written, for asserting and for matching without reading it back. */
  readonly users: readonly ManagedUserRef[];
  readonly contactMappings: readonly ContactMappingRef[];
  /** PSA company id → managed company name, of the mappings the download does not return, in insertion order. */
  readonly notIn: ReadonlyMap<string, string>;
}

const SUFFIXES = ['B.V.', 'BV', 'Ltd', 'Limited', 'Inc.', 'GmbH', 'N.V.', ''];
const NOW = '2026-10-01T00:00:00.000Z';

export const mappedPsaId = (index: number) => String(200_000 + index);
export const newPsaId = (index: number) => String(900_000 + index);

export async function seedReconcileScene(workspace: Workspace, psa: PsaKind, scene: ReconcileScene): Promise<SeededScene> {
  const companies: PsaCompanyRecord[] = [];
  // A PSA returns contacts in id order, not grouped by company: here the first contact of every company, then
  // the second… (the worst case for anything that leans on grouping).
  const byRound: PsaContactRecord[][] = [];
  const users: ManagedUserRef[] = [];
  const contactMappings: ContactMappingRef[] = [];
  const notIn = new Map<string, string>();
  const writes = new WriteBuffer();
  const addContacts = (psaId: string) => {
    for (let c = 0; c < scene.contactsPerCompany; c++) {
      (byRound[c] ??= []).push({ psaId: `${psaId}-${c}`, companyPsaId: psaId, firstName: 'Contact', lastName: String(c), email: `user${c}@c${psaId}.example`, active: c % 7 !== 6 });
    }
  };
  const addUser = (user: ManagedUserRef) => {
    users.push(user);
    writes.add(directory.userInsert({ id: user.id, managedCompanyId: user.managedCompanyId, name: user.email, email: user.email }, NOW));
  };
  const addContactMapping = (mapping: ContactMappingRef) => {
    contactMappings.push(mapping);
    writes.add(directory.contactMappingInsert(psa, mapping.psaContactId, mapping.userId, null, 'seed', NOW));
  };

  for (let index = 0; index < scene.mappings; index++) {
    const psaId = mappedPsaId(index);
    const managedId = `m${index}`;
    const name = `Client ${index} ${['Installatie', 'Bakkerij', 'Accountants', 'Holding'][index % 4]}`;
    writes.add(directory.managedCompanyInsert({ id: managedId, name, origin: 'psa-import', createdBy: 'seed' }, NOW));
    writes.add(directory.companyMappingInsert(psa, psaId, managedId, name, 'seed', NOW));
    if (index % scene.fetchEvery === 0) {
      // In the download: renamed in the PSA since, four users (one whose email the PSA changed), two contacts mapped.
      companies.push({ psaId, name: `${name} ${SUFFIXES[index % SUFFIXES.length]}`.trim(), typeLabel: 'Customer', active: index % 10 !== 5, lastModifiedAt: null });
      addContacts(psaId);
      for (let c = 0; c < Math.min(4, scene.contactsPerCompany); c++) {
        const email = `user${c}@c${psaId}.example`;
        addUser({ id: `u${psaId}-${c}`, managedCompanyId: managedId, email: c === 0 ? `old-${email}` : email });
        if (c < 2) addContactMapping({ psaContactId: `${psaId}-${c}`, userId: `u${psaId}-${c}` });
      }
    } else {
      notIn.set(psaId, name);
      for (let c = 0; c < Math.min(2, scene.contactsPerCompany); c++) {
        addUser({ id: `u${psaId}-${c}`, managedCompanyId: managedId, email: `user${c}@c${psaId}.example` });
        addContactMapping({ psaContactId: `${psaId}-${c}`, userId: `u${psaId}-${c}` });
      }
    }
    if (writes.size >= 20_000) await flush(workspace, writes);
  }
  for (let index = 0; index < scene.newCompanies; index++) {
    const psaId = newPsaId(index);
    const name = `Prospect ${index} ${['Logistics', 'Dental', 'Advocaten', 'Bouw'][index % 4]}`;
    companies.push({ psaId, name, typeLabel: index % 3 === 0 ? 'Prospect' : 'Customer', active: true, lastModifiedAt: null });
    addContacts(psaId);
    if (index % 4 === 0) {
      // Entered by hand before: a possible duplicate, with users sharing the first two contacts' emails (other case).
      const managedId = `dup${index}`;
      writes.add(directory.managedCompanyInsert({ id: managedId, name: `${name.toUpperCase()} B.V.`, origin: 'manual', createdBy: 'seed' }, NOW));
      for (let c = 0; c < Math.min(2, scene.contactsPerCompany); c++) addUser({ id: `u${psaId}-${c}`, managedCompanyId: managedId, email: `USER${c}@c${psaId}.example` });
    }
    if (writes.size >= 20_000) await flush(workspace, writes);
  }
  await flush(workspace, writes);
  const contacts = byRound.flat();
  // As the fetch job delivers them: counted per company while the pages arrive.
  const contactsPerCompany = new Map<string, number>();
  for (const contact of contacts) tallyContact(contactsPerCompany, contact);
  return { fetched: { companies, contacts, contactsPerCompany }, users, contactMappings, notIn };
}

function flush(workspace: Workspace, writes: WriteBuffer): Promise<void> {
  return workspace.transaction((tx) => writes.flush(tx));
}
