/**
 * A download's contact matches in bulk (a preview's `contactMatches`) are, company by company, what "Manage users"
 * (contactsView) shows — on both backends — in a number of reads that does not grow with the companies.
 */
import { describe, expect, it } from 'vitest';
import * as directory from '../../electron/main/db/repositories/directory';
import type { SqlReader } from '../../electron/main/db/workspace';
import { WriteBuffer } from '../../electron/main/db/write-buffer';
import { contactMatchesOf, contactTargetsOf } from '../../electron/main/import/contact-matches';
import { contactsView, reconciliationView } from '../../electron/main/import/reconciliation-view';
import { contactMatchesOfRows } from '../../shared/preview/preview-contacts';
import { mappedPsaId, newPsaId, seedReconcileScene } from '../support/reconcile-fixtures';
import { useTempDirs } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspaces';

const tempDir = useTempDirs();

function countingReads(db: SqlReader): { reader: SqlReader; reads: () => number } {
  let reads = 0;
  const reader: SqlReader = {
    dialect: db.dialect,
    q: db.q,
    rows: (query) => (reads++, db.rows(query)),
    row: (query) => (reads++, db.row(query)),
    columns: (query) => (reads++, db.columns(query)),
    get: (text, params) => (reads++, db.get(text, params)),
    all: (text, params) => (reads++, db.all(text, params)),
  };
  return { reader, reads: () => reads };
}

describe('contact matches of a whole download', () => {
  it('equal contactsView company by company: mapped (email changed or not), same email (imported before from the other PSA or not), new', async () => {
    const workspace = await openTestWorkspace(tempDir());
    const scene = await seedReconcileScene(workspace, 'autotask', { mappings: 60, fetchEvery: 3, newCompanies: 24, contactsPerCompany: 6 });
    // A user found by email who came from the other PSA: imported before.
    const writes = new WriteBuffer();
    writes.add(directory.contactMappingInsert('connectwise', 'cw-1', `u${mappedPsaId(3)}-2`, null, 'seed', '2026-10-01T00:00:00.000Z'));
    await workspace.transaction((tx) => writes.flush(tx));

    const view = await reconciliationView(workspace.read, 'autotask', scene.fetched);
    const { reader, reads } = countingReads(workspace.read);
    const matches = await contactMatchesOf(reader, 'autotask', scene.fetched);
    const expected = [];
    const targets = contactTargetsOf(view.inPsa);
    for (const row of view.inPsa) expected.push(...contactMatchesOfRows(await contactsView(workspace.read, 'autotask', scene.fetched, row.psaCompanyId, targets.get(row.psaCompanyId) ?? null)));
    const byId = (list: typeof matches) => [...list].sort((a, b) => a.psaContactId.localeCompare(b.psaContactId));
    expect(byId(matches)).toEqual(byId(expected));

    // Each kind is there, so the comparison says something.
    const find = (id: string) => matches.find((match) => match.psaContactId === id);
    expect(find(`${mappedPsaId(3)}-0`)).toEqual({ psaContactId: `${mappedPsaId(3)}-0`, match: 'mapped', user: { id: `u${mappedPsaId(3)}-0`, email: `old-user0@c${mappedPsaId(3)}.example` }, emailChanged: true, importedBefore: true });
    expect(find(`${mappedPsaId(3)}-1`)).toMatchObject({ match: 'mapped', emailChanged: false, importedBefore: true });
    expect(find(`${mappedPsaId(3)}-2`)).toMatchObject({ match: 'same-email', importedBefore: true });
    expect(find(`${mappedPsaId(3)}-3`)).toMatchObject({ match: 'same-email', importedBefore: false });
    expect(find(`${newPsaId(4)}-0`)).toMatchObject({ match: 'same-email', user: { id: `u${newPsaId(4)}-0` }, importedBefore: false });
    expect(find(`${mappedPsaId(3)}-4`)).toBeUndefined();
    expect(find(`${newPsaId(1)}-0`)).toBeUndefined();
    // Reconciled (two reads) and three reads for the matches: none per company.
    expect(reads()).toBeLessThanOrEqual(5);
    await workspace.close();
  });

  it('against the draft’s targets: a company mapped elsewhere matches that company’s users; one to be created has only new contacts', async () => {
    const workspace = await openTestWorkspace(tempDir());
    const scene = await seedReconcileScene(workspace, 'autotask', { mappings: 12, fetchEvery: 3, newCompanies: 8, contactsPerCompany: 4 });
    const view = await reconciliationView(workspace.read, 'autotask', scene.fetched);
    const targets = contactTargetsOf(view.inPsa, {
      companies: { [mappedPsaId(3)]: { kind: 'map', managedCompanyId: 'dup4', managedCompanyName: 'x' }, [mappedPsaId(6)]: { kind: 'create' } },
    });
    expect(targets.get(mappedPsaId(3))).toBe('dup4');
    expect(targets.has(mappedPsaId(6))).toBe(false);
    const matches = await contactMatchesOf(workspace.read, 'autotask', scene.fetched, targets);
    for (const row of view.inPsa) {
      const rows = await contactsView(workspace.read, 'autotask', scene.fetched, row.psaCompanyId, targets.get(row.psaCompanyId) ?? null);
      const ids = new Set(rows.map((contact) => contact.psaContactId));
      expect(matches.filter((match) => ids.has(match.psaContactId))).toEqual(contactMatchesOfRows(rows));
    }
    expect(matches.some((match) => match.psaContactId.startsWith(mappedPsaId(6)))).toBe(false);
    expect(await contactMatchesOf(workspace.read, 'autotask', scene.fetched, new Map())).toEqual([]);
    await workspace.close();
  });
});
