/**
 * A preview's decisions and the wizard's draft turn into each other without loss (property), and a preview's
 * contacts come back as the wizard's rows with how they matched when saved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportDraftSchema, type CompanyChoice, type ImportDraft, type UserChoice } from '../../shared/import/draft';
import { checkPreviewDocumentNow } from '../../shared/preview/preview-check';
import { contactMatchesOfRows, contactMatchMap, contactRowsOf } from '../../shared/preview/preview-contacts';
import { decisionsToDraft, draftToDecisions } from '../../shared/preview/preview-draft';
import { buildPreviewDocument } from '../support/preview-documents';

const id = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 8 }), weight: 8 }, fc.constantFrom('__proto__', 'constructor', 'toString'));
const replacing = fc.option(id, { nil: undefined });
const companyChoice: fc.Arbitrary<CompanyChoice> = fc.oneof(
  replacing.map((r): CompanyChoice => (r === undefined ? { kind: 'create' } : { kind: 'create', replacing: r })),
  fc.record({ managedCompanyId: id, managedCompanyName: fc.string({ maxLength: 20 }), replacing, updateName: fc.constantFrom(true as const, undefined) }).map(
    ({ managedCompanyId, managedCompanyName, replacing: r, updateName }): CompanyChoice => ({
      kind: 'map',
      managedCompanyId,
      managedCompanyName,
      ...(r === undefined ? {} : { replacing: r }),
      ...(updateName ? { updateName } : {}),
    }),
  ),
);
const userChoice: fc.Arbitrary<UserChoice> = fc.oneof(
  fc.constant<UserChoice>({ kind: 'create' }),
  fc.record({ userId: id, userLabel: fc.emailAddress() }).map(({ userId, userLabel }): UserChoice => ({ kind: 'map', userId, userLabel })),
);
const entries = <T>(value: fc.Arbitrary<T>) => fc.array(fc.tuple(id, value), { maxLength: 6 }).map((pairs) => Object.fromEntries(pairs));
const draft: fc.Arbitrary<ImportDraft> = fc.record({
  selected: entries(fc.constant(true as const)),
  companies: entries(companyChoice),
  users: entries(fc.oneof(fc.constant('all' as const), entries(userChoice))),
  notes: entries(fc.string({ maxLength: 30 })),
});

describe('decisions and the draft', () => {
  it('a draft survives the trip through the preview’s decisions (property)', () => {
    fc.assert(
      fc.property(draft, (value) => {
        expect(ImportDraftSchema.safeParse(value).success).toBe(true);
        const decisions = draftToDecisions(value);
        expect(new Set(decisions.map((decision) => decision.psaCompanyId)).size).toBe(decisions.length);
        expect(decisionsToDraft(decisions)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('with the snapshot’s companies: one entry each in their order, decided or not, and the trip back is the same list', () => {
    fc.assert(
      fc.property(draft, fc.uniqueArray(id, { maxLength: 8 }), (value, companyIds) => {
        const decisions = draftToDecisions(value, companyIds);
        expect(decisions.map((decision) => decision.psaCompanyId)).toEqual(companyIds);
        expect(draftToDecisions(decisionsToDraft(decisions), companyIds)).toEqual(decisions);
      }),
      { numRuns: 200 },
    );
  });

  it('an undecided company is selected false with no choice, users or note; a decided one carries each part', () => {
    const decided: ImportDraft = {
      selected: { a: true },
      companies: { a: { kind: 'map', managedCompanyId: 'mc1', managedCompanyName: 'Contoso' } },
      users: { a: { c1: { kind: 'create' } } },
      notes: { a: 'Ask Femke' },
    };
    expect(draftToDecisions(decided, ['a', 'b'])).toEqual([
      { psaCompanyId: 'a', selected: true, choice: { kind: 'map', managedCompanyId: 'mc1', managedCompanyName: 'Contoso' }, users: { c1: { kind: 'create' } }, note: 'Ask Femke' },
      { psaCompanyId: 'b', selected: false, choice: null, users: null },
    ]);
    // "__proto__" is a company like any other, not the records' prototype.
    expect(draftToDecisions({ selected: {}, companies: {}, users: {}, notes: {} }, ['__proto__'])).toEqual([{ psaCompanyId: '__proto__', selected: false, choice: null, users: null }]);
  });

  it('the decisions of a test preview pass its checks', () => {
    const document = buildPreviewDocument({ companies: 40, contacts: 200 });
    const again = draftToDecisions(decisionsToDraft(document.decisions), document.snapshot.companies.map((company) => company.psaId));
    expect(again).toEqual(document.decisions);
    expect(checkPreviewDocumentNow({ ...document, decisions: again }).ok).toBe(true);
  });
});

describe('contacts as the wizard’s rows', () => {
  it('a matched contact keeps its match, user, changed email and "imported before"; one not listed is new', () => {
    const document = buildPreviewDocument({ companies: 30, contacts: 300 });
    const matches = contactMatchMap(document.reconciliation.contactMatches);
    const rows = contactRowsOf(document.snapshot.contacts, matches);
    expect(rows).toHaveLength(300);
    const kinds = new Set(rows.map((row) => row.match));
    expect([...kinds].sort()).toEqual(['mapped', 'new', 'same-email']);
    for (const [i, row] of rows.entries()) {
      const contact = document.snapshot.contacts[i]!;
      expect(row).toMatchObject({ psaContactId: contact.psaId, firstName: contact.firstName, lastName: contact.lastName, email: contact.email, active: contact.active });
      const match = matches.get(contact.psaId);
      if (match) expect(row).toMatchObject({ match: match.match, user: match.user, emailChanged: match.emailChanged, importedBefore: match.importedBefore });
      else expect(row).toMatchObject({ match: 'new', user: null, emailChanged: false, importedBefore: false });
    }
    expect(rows.some((row) => row.emailChanged)).toBe(true);
    // And the rows give the same matches back.
    expect(contactMatchesOfRows(rows)).toEqual(document.reconciliation.contactMatches);
  });
});
