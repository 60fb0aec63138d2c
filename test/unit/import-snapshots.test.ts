/**
 * Downloads kept in the workspace (ImportSnapshots), on a local SQLite workspace and, through the unit-postgres
 * project, on a team PostgreSQL workspace: kept and read back whole, the draft plan, the newest ten per person, and
 * damage refused by name.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/main/db/workspace';
import { ImportSnapshots, KEEP_PER_PERSON } from '../../electron/main/import/import-snapshots';
import type { ImportDraft } from '../../shared/import/draft';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import type { PsaCompanyRecord, PsaContactRecord } from '../../shared/psa/records';
import { useTempDirs } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspaces';

const tempDir = useTempDirs();
let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

let tick = Date.parse('2026-12-01T09:00:00Z');
const clock = { now: () => new Date((tick += 1_000)) };
const mira = { adminId: 'admin-mira', name: 'Mira' };
const integration = { accountHint: 'api-user@msp.example', apiBaseUrl: 'https://webservices5.autotask.net' };

function download(companies: number, contactsEach: number) {
  const companyRecords: PsaCompanyRecord[] = Array.from({ length: companies }, (_, i) => ({
    psaId: String(1000 + i),
    name: i % 7 === 0 ? `Café Résumé ${i} “quoted”` : `Company ${i}`,
    typeLabel: i % 2 ? 'Customer' : null,
    active: i % 5 !== 0,
    lastModifiedAt: i % 3 ? '2026-11-30T10:00:00Z' : null,
  }));
  const contacts: PsaContactRecord[] = companyRecords.flatMap((company, c) =>
    Array.from({ length: contactsEach }, (_, j) => ({
      psaId: `${company.psaId}-${j}`,
      companyPsaId: company.psaId,
      firstName: `Anna ${j}`,
      lastName: `Jansen\n${c}`,
      email: j % 4 === 0 ? null : `anna.${c}.${j}@example.com`,
      active: j % 6 !== 0,
    })),
  );
  return { companies: companyRecords, contacts };
}

async function setUp() {
  workspace = await openTestWorkspace(tempDir());
  return { workspace, snapshots: new ImportSnapshots({ workspace, clock }) };
}

describe('import snapshots', () => {
  it('keeps a download whole, with its filter and integration, and reads it back as it was', async () => {
    const { snapshots } = await setUp();
    const result = download(120, 8);
    const id = await snapshots.keep({ psa: 'autotask', integration, filter: DEFAULT_PSA_FILTER, actor: mira, result });
    const kept = await snapshots.load(id);
    expect(kept.result).toEqual(result);
    expect(kept.draft).toBeNull();
    expect(kept.summary).toMatchObject({ id, psa: 'autotask', integration, filter: DEFAULT_PSA_FILTER, createdBy: { adminId: 'admin-mira', name: 'Mira' }, companies: 120, contacts: 960, appliedAt: null });
    expect(await snapshots.list(mira.adminId)).toEqual([kept.summary]);
    expect(await snapshots.list('someone-else')).toEqual([]);
  });

  it('keeps the decisions so far with the download; the latest wins', async () => {
    const { snapshots } = await setUp();
    const id = await snapshots.keep({ psa: 'connectwise', integration, filter: DEFAULT_PSA_FILTER, actor: mira, result: download(3, 1) });
    const draft: ImportDraft = {
      selected: { '1000': true, '1001': true },
      companies: { '1001': { kind: 'map', managedCompanyId: 'mc-1', managedCompanyName: 'Acme' } },
      users: { '1000': 'all', '1001': { '1001-0': { kind: 'create' } } },
      notes: { '1001': 'Ask Henk: merged with Acme Holding?' },
    };
    await snapshots.saveDraft(id, { ...draft, notes: {} });
    await snapshots.saveDraft(id, draft);
    const kept = await snapshots.load(id);
    expect(kept.draft).toEqual(draft);
    expect(kept.summary.draftUpdatedAt).not.toBeNull();
    await snapshots.markApplied(id);
    expect((await snapshots.list(mira.adminId))[0]?.appliedAt).not.toBeNull();
    await expect(snapshots.saveDraft('00000000-0000-4000-8000-000000000000', draft)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it(`keeps each person's newest ${KEEP_PER_PERSON}`, async () => {
    const { snapshots } = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < KEEP_PER_PERSON + 2; i++) ids.push(await snapshots.keep({ psa: 'autotask', integration, filter: DEFAULT_PSA_FILTER, actor: mira, result: download(1, 0) }));
    await snapshots.keep({ psa: 'autotask', integration, filter: DEFAULT_PSA_FILTER, actor: { adminId: 'admin-bob', name: 'Bob' }, result: download(1, 0) });
    const listed = (await snapshots.list(mira.adminId)).map((snapshot) => snapshot.id);
    expect(listed).toEqual(ids.slice(2).reverse());
    await expect(snapshots.load(ids[0] ?? '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshots.list('admin-bob')).toHaveLength(1);
  });

  it('refuses a damaged download by name, whatever the damage', async () => {
    const { workspace, snapshots } = await setUp();
    const id = await snapshots.keep({ psa: 'autotask', integration, filter: DEFAULT_PSA_FILTER, actor: mira, result: download(5, 2) });
    const row = await workspace.read.row(workspace.read.q.selectFrom('import_snapshots').select(['content']).where('id', '=', id));
    const bytes = Buffer.from(row?.content ?? new Uint8Array());
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await workspace.transaction((tx) => tx.execute(tx.q.updateTable('import_snapshots').set({ content: bytes }).where('id', '=', id)));
    await expect(snapshots.load(id)).rejects.toMatchObject({ code: 'SNAPSHOT_DAMAGED', message: expect.stringContaining('checksum') });
    // The content intact again, the draft cut short.
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await workspace.transaction((tx) => tx.execute(tx.q.updateTable('import_snapshots').set({ content: bytes, draft: '{"selected":' }).where('id', '=', id)));
    await expect(snapshots.load(id)).rejects.toMatchObject({ code: 'SNAPSHOT_DAMAGED', message: expect.stringContaining('details') });
    // A row whose details no longer read is left out of the list; the others stay.
    await workspace.transaction((tx) => tx.execute(tx.q.updateTable('import_snapshots').set({ filter: '{"companies":' }).where('id', '=', id)));
    const other = await snapshots.keep({ psa: 'autotask', integration, filter: DEFAULT_PSA_FILTER, actor: mira, result: download(1, 0) });
    expect((await snapshots.list(mira.adminId)).map((snapshot) => snapshot.id)).toEqual([other]);
    // Intact bytes, a matching checksum, but a record that is not a company: refused too, never half-read.
    const odd = gzipSync(JSON.stringify({ companies: [{ psaId: '1', name: 7 }], contacts: [] }));
    await workspace.transaction((tx) =>
      tx.execute(tx.q.updateTable('import_snapshots').set({ content: odd, content_sha256: createHash('sha256').update(odd).digest('hex'), draft: null }).where('id', '=', id)),
    );
    await expect(snapshots.load(id)).rejects.toMatchObject({ code: 'SNAPSHOT_DAMAGED', message: expect.stringContaining('a company is not as it was kept') });
  });
});
