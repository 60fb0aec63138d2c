import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactName, psaChanges, type Download } from '../../shared/preview/psa-changes';

const company = (psaId: string, name: string) => ({ psaId, name });
const contact = (psaId: string, companyPsaId: string, firstName: string, lastName: string) => ({ psaId, companyPsaId, firstName, lastName });

describe('psaChanges', () => {
  it('lists companies and contacts added, removed and renamed since the preview', () => {
    const before: Download = {
      companies: [company('1', 'Acme'), company('2', 'Globex'), company('3', 'Initech')],
      contacts: [contact('a', '1', 'Ann', 'Lee'), contact('b', '2', 'Bob', 'Ray'), contact('c', '3', 'Cy', 'Oh')],
    };
    const now: Download = {
      companies: [company('1', 'Acme BV'), company('2', 'Globex'), company('4', 'Umbrella')],
      contacts: [contact('a', '1', 'Ann', 'Lee-Smith'), contact('b', '2', 'Bob', 'Ray'), contact('d', '4', 'Di', 'Ko')],
    };
    expect(psaChanges(before, now, '2026-12-01T08:00:00.000Z')).toEqual({
      fetchedAt: '2026-12-01T08:00:00.000Z',
      companies: { added: [company('4', 'Umbrella')], removed: [company('3', 'Initech')], renamed: [{ psaId: '1', before: 'Acme', now: 'Acme BV' }] },
      contacts: {
        added: [{ psaId: 'd', name: 'Di Ko', companyPsaId: '4' }],
        removed: [{ psaId: 'c', name: 'Cy Oh', companyPsaId: '3' }],
        renamed: [{ psaId: 'a', companyPsaId: '1', before: 'Ann Lee', now: 'Ann Lee-Smith' }],
      },
    });
  });

  const names = fc.constantFrom('Acme', 'Globex', 'Initech', 'Umbrella', '');
  const downloadArb = fc
    .tuple(
      fc.uniqueArray(fc.record({ psaId: fc.constantFrom('1', '2', '3', '4', '5', '6'), name: names }), { selector: (c) => c.psaId }),
      fc.uniqueArray(fc.record({ psaId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), companyPsaId: fc.constantFrom('1', '2', '3'), firstName: names, lastName: names }), { selector: (c) => c.psaId }),
    )
    .map(([companies, contacts]): Download => ({ companies, contacts }));

  it('(property) nothing changes against itself; applying the changes to the old download gives the new one', () => {
    fc.assert(
      fc.property(downloadArb, downloadArb, (before, now) => {
        const same = psaChanges(before, before, 'x');
        expect([same.companies.added, same.companies.removed, same.companies.renamed, same.contacts.added, same.contacts.removed, same.contacts.renamed].every((list) => list.length === 0)).toBe(true);
        const changes = psaChanges(before, now, 'x');
        // Companies: before − removed + added, with the renames applied, is now (as id → name).
        const rebuilt = new Map(before.companies.map((c) => [c.psaId, c.name]));
        for (const gone of changes.companies.removed) rebuilt.delete(gone.psaId);
        for (const renamed of changes.companies.renamed) rebuilt.set(renamed.psaId, renamed.now);
        for (const added of changes.companies.added) rebuilt.set(added.psaId, added.name);
        expect(rebuilt).toEqual(new Map(now.companies.map((c) => [c.psaId, c.name])));
        const people = new Map(before.contacts.map((c) => [c.psaId, contactName(c)]));
        for (const gone of changes.contacts.removed) people.delete(gone.psaId);
        for (const renamed of changes.contacts.renamed) people.set(renamed.psaId, renamed.now);
        for (const added of changes.contacts.added) people.set(added.psaId, added.name);
        expect(people).toEqual(new Map(now.contacts.map((c) => [c.psaId, contactName(c)])));
      }),
    );
  });
});
