/**
 * The preview document: older schema versions migrate on open (a version-0 file opens as version 1), and the
 * hand-written checkers of the snapshot's records agree with their zod schemas.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readPreviewFile } from '../../electron/main/preview/preview-file';
import { checkPreviewDocumentNow, companyProblem, contactProblem } from '../../shared/preview/preview-check';
import { PreviewCompanySchema, PreviewContactSchema, type PreviewDocument } from '../../shared/preview/preview-document';
import { migratePreviewDocument, type PreviewMigration } from '../../shared/preview/preview-migrations';
import { buildPreviewDocument } from '../support/preview-documents';
import { previewBytes } from '../support/preview-files';

const dir = mkdtempSync(join(tmpdir(), 'msp-roster-preview-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The version-0 shape (shared/preview/preview-migrations.ts) of a version-1 document without notes. */
function asVersion0(document: PreviewDocument): Record<string, unknown> {
  const { integration, snapshot, decisions, ...rest } = document;
  return {
    ...rest,
    tenant: integration.tenant,
    companies: snapshot.companies,
    contacts: snapshot.contacts,
    decisions: Object.fromEntries(decisions.map(({ psaCompanyId, action, users }) => [psaCompanyId, { action, users }])),
  };
}

/** A version-0 file as an older MSP Roster wrote it: the container is the same, the big arrays were others. */
const VERSION_0_ARRAYS = [['companies'], ['contacts'], ['reconciliation', 'inPsa'], ['reconciliation', 'notInPsa']] as const;

describe('migration of older schema versions', () => {
  it('opens a version-0 file as version 1: the tenant in the integration, the records in the snapshot, decisions as a list', async () => {
    const current = buildPreviewDocument({ companies: 30, contacts: 120 });
    const withoutNotes: PreviewDocument = { ...current, decisions: current.decisions.map(({ note: _note, updateName: _updateName, ...decision }) => decision) };
    const path = join(dir, 'old.msp-preview');
    writeFileSync(path, previewBytes(asVersion0(withoutNotes), { version: 0, bigArrays: VERSION_0_ARRAYS }));
    const opened = await readPreviewFile(path);
    expect(opened.schemaVersion).toBe(0);
    expect(opened.document).toEqual({ ...withoutNotes, integration: { tenant: 'ww14', apiUrl: null, label: 'Autotask — ww14' } });
  });

  it('a malformed version-0 file ends as the named problem of version 1, with a path', async () => {
    const current = buildPreviewDocument({ companies: 3, contacts: 5 });
    const broken = { ...asVersion0(current), decisions: { [current.snapshot.companies[0]!.psaId]: 'create' } };
    const path = join(dir, 'old-broken.msp-preview');
    writeFileSync(path, previewBytes(broken, { version: 0, bigArrays: VERSION_0_ARRAYS }));
    await expect(readPreviewFile(path)).rejects.toMatchObject({ problem: 'invalid', path: ['decisions', 0] });
  });

  it('runs every step in order, and refuses a version it has no step for or a newer one', () => {
    const steps: PreviewMigration[] = [
      { from: 0, migrate: (value) => ({ ...(value as object), one: true }) },
      { from: 1, migrate: (value) => ({ ...(value as object), two: true }) },
    ];
    expect(migratePreviewDocument({}, 0, steps, 2)).toEqual({ ok: true, value: { one: true, two: true }, from: 0 });
    expect(migratePreviewDocument({}, 1, steps, 2)).toEqual({ ok: true, value: { two: true }, from: 1 });
    expect(migratePreviewDocument({}, 2, steps, 2)).toEqual({ ok: true, value: {}, from: 2 });
    expect(migratePreviewDocument({}, 0, steps.slice(1), 2)).toMatchObject({ ok: false, problem: { problem: 'not-a-preview' } });
    expect(migratePreviewDocument({}, 3, steps, 2)).toMatchObject({ ok: false, problem: { problem: 'newer-version', version: 3 } });
    expect(migratePreviewDocument({}, 1.5, steps, 2)).toMatchObject({ ok: false, problem: { problem: 'not-a-preview' } });
  });
});

describe('the snapshot’s hand-written checkers', () => {
  const id = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 12 }), weight: 12 }, fc.constant(''), fc.string({ minLength: 101, maxLength: 102 }), fc.integer());
  const text = fc.oneof({ arbitrary: fc.string({ maxLength: 8 }), weight: 12 }, fc.constant(null), fc.integer(), fc.boolean());
  const flag = fc.oneof({ arbitrary: fc.boolean(), weight: 12 }, fc.constant(null), fc.string({ maxLength: 3 }));
  const extra = fc.option(fc.constantFrom('password', 'token', '__proto__', 'psaId'), { nil: undefined, freq: 8 });
  /** Both verdicts must come up, or the agreement says little. */
  const verdicts = new Set<boolean>();
  /** Mostly well-formed records, each field sometimes wrong, sometimes missing, sometimes one key too many. */
  function record(fields: Record<string, fc.Arbitrary<unknown>>) {
    return fc.tuple(fc.oneof({ arbitrary: fc.record(fields), weight: 4 }, fc.record(fields, { requiredKeys: [] })), extra).map(([value, key]): unknown => (key ? { ...value, [key]: 1 } : value));
  }

  it('give the same verdict as PreviewCompanySchema', () => {
    const company = record({ psaId: id, name: text, typeLabel: text, active: flag, lastModifiedAt: text });
    fc.assert(
      fc.property(fc.oneof(company, fc.anything()), (value) => {
        verdicts.add(companyProblem(value) === null);
        expect(companyProblem(value) === null).toBe(PreviewCompanySchema.safeParse(value).success);
      }),
      { numRuns: 400 },
    );
    expect([...verdicts].sort()).toEqual([false, true]);
    verdicts.clear();
  });

  it('give the same verdict as PreviewContactSchema', () => {
    const contact = record({ psaId: id, companyPsaId: id, firstName: text, lastName: text, email: text, active: flag });
    fc.assert(
      fc.property(fc.oneof(contact, fc.anything()), (value) => {
        verdicts.add(contactProblem(value) === null);
        expect(contactProblem(value) === null).toBe(PreviewContactSchema.safeParse(value).success);
      }),
      { numRuns: 400 },
    );
    expect([...verdicts].sort()).toEqual([false, true]);
  });

  it('a valid document passes the checks whole', () => {
    const document = buildPreviewDocument({ companies: 20, contacts: 60 });
    expect(checkPreviewDocumentNow(document)).toEqual({ ok: true, document });
  });
});
