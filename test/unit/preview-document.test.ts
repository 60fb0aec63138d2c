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
import { ImportCompanyRowSchema } from '../../shared/import/session';
import { checkPreviewDocumentNow, companyProblem, companyRowProblem, contactMatchProblem, contactProblem, decisionProblem } from '../../shared/preview/preview-check';
import { PreviewCompanySchema, PreviewContactMatchSchema, PreviewContactSchema, PreviewDecisionSchema, type PreviewDocument } from '../../shared/preview/preview-document';
import { migratePreviewDocument, type PreviewMigration } from '../../shared/preview/preview-migrations';
import { buildPreviewDocument } from '../support/preview-documents';
import { inCompanyOrder, previewBytes, wholeDocument } from '../support/preview-files';

const dir = mkdtempSync(join(tmpdir(), 'msp-roster-preview-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The version-0 shape (shared/preview/preview-migrations.ts) of a version-1 document without notes or contact matches. */
function asVersion0(document: PreviewDocument): Record<string, unknown> {
  const { integration, snapshot, decisions, reconciliation, ...rest } = document;
  return {
    ...rest,
    accountHint: integration.accountHint,
    companies: snapshot.companies,
    contacts: snapshot.contacts,
    reconciliation: { inPsa: reconciliation.inPsa, notInPsa: reconciliation.notInPsa },
    decisions: Object.fromEntries(decisions.map(({ psaCompanyId, selected, choice, users }) => [psaCompanyId, { selected, choice, users }])),
  };
}

/** A version-0 file as an older MSP Roster wrote it: the container is the same, the big arrays were others. */
const VERSION_0_ARRAYS = [['companies'], ['contacts'], ['reconciliation', 'inPsa'], ['reconciliation', 'notInPsa']] as const;

describe('migration of older schema versions', () => {
  it('opens a version-0 file as version 1: the account in the integration, the records in the snapshot, decisions as a list, every contact new', async () => {
    const current = buildPreviewDocument({ companies: 30, contacts: 120 });
    const withoutNotes: PreviewDocument = {
      ...current,
      reconciliation: { ...current.reconciliation, contactMatches: [] },
      decisions: current.decisions.map(({ note: _note, ...decision }) => decision),
    };
    const path = join(dir, 'old.msp-preview');
    writeFileSync(path, previewBytes(asVersion0(withoutNotes), { version: 0, bigArrays: VERSION_0_ARRAYS }));
    const opened = await readPreviewFile(path);
    expect(opened.schemaVersion).toBe(0);
    expect(await wholeDocument(opened)).toEqual({ ...inCompanyOrder(withoutNotes), integration: { accountHint: 'api-user@contoso-msp.example', apiBaseUrl: null } });
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
  const extra = fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, fc.constantFrom('password', 'token', '__proto__', 'psaId'));
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

  const ref = record({ id: text, name: text });
  const label = fc.oneof({ arbitrary: fc.string({ maxLength: 8 }), weight: 8 }, fc.constant('x'.repeat(501)), fc.constant(null));
  const companyChoice = fc.oneof(
    record({ kind: fc.constantFrom('create', 'map', 'delete'), replacing: id }),
    record({ kind: fc.constantFrom('map', 'map', 'create'), managedCompanyId: id, managedCompanyName: label, replacing: id, updateName: fc.constantFrom(true, true, false) }),
  );
  const userChoice = fc.oneof(
    record({ kind: fc.constantFrom('create', 'map', 'delete'), replacing: id }),
    record({ kind: fc.constantFrom('map', 'map', 'create'), userId: id, userLabel: label, replacing: id }),
  );
  const contactKey = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 6 }), weight: 10 }, fc.constant(''), fc.constant('k'.repeat(101)));
  const users = fc.oneof(
    fc.constantFrom(null, 'all', 'previous', 'some'),
    fc.array(fc.tuple(contactKey, userChoice), { maxLength: 3 }).map((entries) => Object.fromEntries(entries)),
    fc.array(userChoice, { maxLength: 2 }),
    fc.integer(),
  );

  it('give the same verdict as ImportCompanyRowSchema (reconciliation rows)', () => {
    const row = record({
      psaCompanyId: text,
      name: text,
      typeLabel: text,
      active: flag,
      status: fc.constantFrom('mapped', 'unmapped', 'possible-duplicate', 'ambiguous-duplicate', 'other'),
      managedCompany: fc.oneof(ref, fc.constant(null)),
      candidates: fc.oneof({ arbitrary: fc.array(ref, { maxLength: 3 }), weight: 6 }, fc.constant(null)),
      lastImportedAt: text,
      renamedFrom: text,
      contacts: fc.oneof({ arbitrary: fc.nat(), weight: 4 }, { arbitrary: fc.integer({ min: -3, max: -1 }), weight: 2 }, fc.double(), fc.constant(2 ** 60)),
    });
    fc.assert(
      fc.property(fc.oneof(row, fc.anything()), (value) => {
        verdicts.add(companyRowProblem(value) === null);
        expect(companyRowProblem(value) === null).toBe(ImportCompanyRowSchema.safeParse(value).success);
      }),
      { numRuns: 600 },
    );
    expect([...verdicts].sort()).toEqual([false, true]);
    verdicts.clear();
  });

  it('give the same verdict as PreviewDecisionSchema (decisions)', () => {
    const decision = record({
      psaCompanyId: id,
      selected: flag,
      choice: fc.oneof(companyChoice, fc.constant(null)),
      users,
      note: fc.oneof({ arbitrary: fc.string({ maxLength: 20 }), weight: 6 }, fc.constant('x'.repeat(2001)), fc.constant(undefined), fc.integer()),
    });
    fc.assert(
      fc.property(fc.oneof(decision, fc.anything()), (value) => {
        verdicts.add(decisionProblem(value) === null);
        expect(decisionProblem(value) === null).toBe(PreviewDecisionSchema.safeParse(value).success);
      }),
      { numRuns: 800 },
    );
    expect([...verdicts].sort()).toEqual([false, true]);
    verdicts.clear();
  });

  it('give the same verdict as PreviewContactMatchSchema (contact matches)', () => {
    const match = record({
      psaContactId: id,
      match: fc.constantFrom('mapped', 'same-email', 'new', 'other'),
      user: fc.oneof({ arbitrary: record({ id: text, email: text }), weight: 6 }, fc.constant(null)),
      emailChanged: flag,
      importedBefore: flag,
    });
    fc.assert(
      fc.property(fc.oneof(match, fc.anything()), (value) => {
        verdicts.add(contactMatchProblem(value) === null);
        expect(contactMatchProblem(value) === null).toBe(PreviewContactMatchSchema.safeParse(value).success);
      }),
      { numRuns: 600 },
    );
    expect([...verdicts].sort()).toEqual([false, true]);
    verdicts.clear();
  });

  it('tells ids apart exactly (ids alike but not equal pass; a repeat among thousands is found)', () => {
    const document = buildPreviewDocument({ companies: 3, contacts: 0 });
    const alike = ['1', '01', '001', '10', 'a1', 'A1'];
    const companies = alike.map((psaId) => ({ ...document.snapshot.companies[0]!, psaId }));
    expect(checkPreviewDocumentNow({ ...document, snapshot: { companies, contacts: [] }, reconciliation: { inPsa: [], notInPsa: [], contactMatches: [] }, decisions: [] }).ok).toBe(true);
    const big = buildPreviewDocument({ companies: 500, contacts: 20_000 });
    const contacts = [...big.snapshot.contacts, { ...big.snapshot.contacts[12_345]!, firstName: 'Again' }];
    expect(checkPreviewDocumentNow({ ...big, snapshot: { ...big.snapshot, contacts } })).toMatchObject({ ok: false, problem: { problem: 'duplicate-id', path: ['snapshot', 'contacts', 20_000, 'psaId'] } });
  });

  it('a valid document passes the checks whole', () => {
    const document = buildPreviewDocument({ companies: 20, contacts: 60 });
    expect(checkPreviewDocumentNow(document)).toEqual({ ok: true, document });
  });
});
