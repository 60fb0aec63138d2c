/** The views the wizard shows when a download finishes, read from a real workspace (SQLite or PostgreSQL). */
import { describe, expect, it } from 'vitest';
import * as directory from '../../electron/main/db/repositories/directory';
import type { SqlParams, SqlReader } from '../../electron/main/db/workspace';
import { contactsView, PrefetchedReconcileInputs, reconciliationView } from '../../electron/main/import/reconciliation-view';
import { mappedPsaId, newPsaId, seedReconcileScene } from '../support/reconcile-fixtures';
import { useTempDirs } from '../support/temp-dir';
import { addManagedCompany } from '../support/workspace-rows';
import { openTestWorkspace } from '../support/workspaces';

const tempDir = useTempDirs();

async function open() {
  return openTestWorkspace(tempDir());
}

/** The real reader, counting how often anything reads a company mapping's PSA id. */
function countingMappingReads(db: SqlReader): { reader: SqlReader; reads: () => number } {
  let reads = 0;
  const counted = <T,>(sql: string, rows: T[]): T[] =>
    !/from "?company_mappings"?/i.test(sql)
      ? rows
      : rows.map(
          (row) =>
            new Proxy(row as object, {
              get(target, key, receiver) {
                if (key === 'psaCompanyId') reads++;
                return Reflect.get(target, key, receiver) as unknown;
              },
            }) as T,
        );
  const reader: SqlReader = {
    dialect: db.dialect,
    q: db.q,
    rows: async (query) => counted(query.compile().sql, await db.rows(query)),
    row: (query) => db.row(query),
    columns: (query) => db.columns(query),
    get: <T,>(sql: string, params?: SqlParams) => db.get<T>(sql, params),
    all: async <T,>(sql: string, params?: SqlParams) => counted(sql, await db.all<T>(sql, params)),
  };
  return { reader, reads: () => reads };
}

describe('"Companies not in <PSA>"', () => {
  it('lists exactly the mappings the download did not return, with their managed companies, in a number of steps linear in the mappings', async () => {
    const workspace = await open();
    // 20,000 mappings, a fifth of them in the download: 16,000 "not in" (the quadratic list read 16,000 × 20,000 ids).
    const scene = await seedReconcileScene(workspace, 'autotask', { mappings: 20_000, fetchEvery: 5, newCompanies: 500, contactsPerCompany: 0 });
    const { reader, reads } = countingMappingReads(workspace.read);
    const view = await reconciliationView(reader, 'autotask', scene.fetched);

    expect(view.notInPsa).toHaveLength(16_000);
    expect(view.notInPsa.map((row) => row.psaCompanyId)).toEqual([...scene.notIn.keys()]);
    expect(view.notInPsa.map((row) => row.managedCompany.name)).toEqual([...scene.notIn.values()]);
    expect(view.notInPsa[0]).toEqual({ psaCompanyId: mappedPsaId(1), psaNameAtMapping: scene.notIn.get(mappedPsaId(1)), managedCompany: { id: 'm1', name: scene.notIn.get(mappedPsaId(1)) }, lastImportedAt: '2026-10-01T00:00:00.000Z' });
    expect(view.inPsa.filter((row) => row.status === 'mapped')).toHaveLength(4_000);
    expect(view.inPsa.find((row) => row.psaCompanyId === mappedPsaId(5))).toMatchObject({ status: 'mapped', managedCompany: { id: 'm5' } });
    // Each mapping's id is read a few times (reconcile, then the row), never once per other mapping.
    expect(reads()).toBeLessThanOrEqual(3 * 20_000);
    await workspace.close();
  });
});

describe('"Manage users" (contactsView)', () => {
  it('matches a company’s contacts to the users of its managed company: by mapping, then by email, else new', async () => {
    const workspace = await open();
    const scene = await seedReconcileScene(workspace, 'autotask', { mappings: 10, fetchEvery: 5, newCompanies: 8, contactsPerCompany: 8 });
    const mapped = await contactsView(workspace.read, 'autotask', scene.fetched, mappedPsaId(5), 'm5');
    expect(mapped.map((row) => [row.psaContactId, row.match, row.user?.id ?? null, row.emailChanged])).toEqual([
      // The first contact's email changed in the PSA since it was mapped.
      [`${mappedPsaId(5)}-0`, 'mapped', `u${mappedPsaId(5)}-0`, true],
      [`${mappedPsaId(5)}-1`, 'mapped', `u${mappedPsaId(5)}-1`, false],
      [`${mappedPsaId(5)}-2`, 'same-email', `u${mappedPsaId(5)}-2`, false],
      [`${mappedPsaId(5)}-3`, 'same-email', `u${mappedPsaId(5)}-3`, false],
      ...[4, 5, 6, 7].map((c) => [`${mappedPsaId(5)}-${c}`, 'new', null, false]),
    ]);
    // A possible duplicate: its users share emails in another case.
    const duplicate = await contactsView(workspace.read, 'autotask', scene.fetched, newPsaId(4), 'dup4');
    expect(duplicate.map((row) => row.match)).toEqual(['same-email', 'same-email', 'new', 'new', 'new', 'new', 'new', 'new']);
    // Mapped to another managed company than before: the old mappings and users do not count there.
    const elsewhere = await contactsView(workspace.read, 'autotask', scene.fetched, mappedPsaId(5), 'dup4');
    expect(elsewhere.every((row) => row.match === 'new')).toBe(true);
    // A company with no managed company yet: every contact is new.
    expect((await contactsView(workspace.read, 'autotask', scene.fetched, newPsaId(1), null)).map((row) => row.match)).toEqual(Array(8).fill('new'));
    await workspace.close();
  });
});

describe('read while the download runs', () => {
  it('gives the same view as reading after it, and contacts counted by the fetch give the same counts', async () => {
    const workspace = await open();
    const scene = await seedReconcileScene(workspace, 'autotask', { mappings: 6_000, fetchEvery: 3, newCompanies: 300, contactsPerCompany: 3 });
    // An earlier download flagged some of them gone: rows updated in place (PostgreSQL writes them anew, elsewhere).
    const gone = [...scene.notIn.keys()].filter((_, index) => index % 2 === 0);
    await workspace.transaction((tx) => directory.markPsaCompaniesGone(tx, 'autotask', gone, [], '2026-10-15T00:00:00.000Z'));
    // Several slices of 2,500 rows, so the sliced read is what is compared.
    const prefetched = new PrefetchedReconcileInputs(workspace, 'autotask');
    const early = await reconciliationView(workspace.read, 'autotask', scene.fetched, await prefetched.current());
    const { contactsPerCompany, ...uncounted } = scene.fetched;
    expect(contactsPerCompany?.size).toBeGreaterThan(0);
    expect(early).toEqual(await reconciliationView(workspace.read, 'autotask', uncounted));
    await workspace.close();
  });

  it('reads again when anyone committed since, so a managed company created meanwhile is a possible duplicate', async () => {
    const workspace = await open();
    const scene = await seedReconcileScene(workspace, 'autotask', { mappings: 50, fetchEvery: 5, newCompanies: 10, contactsPerCompany: 0 });
    const prefetched = new PrefetchedReconcileInputs(workspace, 'autotask');
    await prefetched.current();
    const newcomer = scene.fetched.companies.find((company) => company.psaId === newPsaId(3))!;
    // Another window (or workstation) enters the company by hand while the download runs.
    await workspace.transaction((tx) => addManagedCompany(tx, 'by-hand', newcomer.name, '2026-11-30T10:00:00Z'));
    const view = await reconciliationView(workspace.read, 'autotask', scene.fetched, await prefetched.current());
    expect(view.inPsa.find((row) => row.psaCompanyId === newcomer.psaId)).toMatchObject({ status: 'possible-duplicate', managedCompany: { id: 'by-hand' } });
    await workspace.close();
  });

  it('does not read again when nothing was committed', async () => {
    const workspace = await open();
    await seedReconcileScene(workspace, 'autotask', { mappings: 20, fetchEvery: 5, newCompanies: 5, contactsPerCompany: 0 });
    const prefetched = new PrefetchedReconcileInputs(workspace, 'autotask');
    const first = await prefetched.current();
    expect(await prefetched.current()).toBe(first);
    await workspace.close();
  });
});
