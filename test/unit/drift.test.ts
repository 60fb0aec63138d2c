/** Drift between a saved import preview and the workspace now (shared/import/drift.ts): each kind, and none when nothing changed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportDraft } from '../../shared/import/draft';
import { detectDrift, driftKey, type CurrentSide, type SavedSide } from '../../shared/import/drift';
import type { ImportCompanyRow } from '../../shared/import/session';
import { companyRow } from '../support/company-rows';

const row = companyRow;

const acme = { id: 'mc-acme', name: 'Acme' };
const rows = [
  row('1', { status: 'mapped', managedCompany: acme }),
  row('2'),
  row('3', { status: 'possible-duplicate', managedCompany: { id: 'mc-bakker', name: 'Bakker Bouw' } }),
  row('4'),
];
const draft: ImportDraft = {
  selected: { '1': true, '2': true, '3': true },
  companies: { '2': { kind: 'map', managedCompanyId: 'mc-celik', managedCompanyName: 'Çelik' } },
  users: { '1': { 'c-1': { kind: 'map', userId: 'u-1', userLabel: 'anna@acme.example' } }, '2': 'all' },
  notes: {},
};
const saved: SavedSide = { rows, draft, seatsNeeded: 5 };
const unchanged: CurrentSide = {
  rows,
  companies: new Map([
    ['mc-acme', 'Acme'],
    ['mc-bakker', 'Bakker Bouw'],
    ['mc-celik', 'Çelik'],
  ]),
  users: new Map([['u-1', 'Anna@Acme.example']]),
  seatsAvailable: 5,
};

describe('drift between a saved preview and the workspace now', () => {
  it('finds none when nothing the decisions rely on changed (an email differing only in capitals is the same)', () => {
    expect(detectDrift(saved, unchanged)).toEqual([]);
  });

  it('names each kind: mapped since, mapping changed, target deleted or renamed, user deleted or re-addressed, seats short', () => {
    const now: CurrentSide = {
      rows: [row('1', { status: 'mapped', managedCompany: { id: 'mc-other', name: 'Other' } }), row('2', { status: 'mapped', managedCompany: acme }), rows[2]!, row('4', { status: 'mapped', managedCompany: acme })],
      companies: new Map([
        ['mc-acme', 'Acme'],
        ['mc-celik', 'Çelik Transport'],
      ]),
      users: new Map(),
      seatsAvailable: 3,
    };
    expect(detectDrift(saved, now)).toEqual([
      { kind: 'mapping-changed', psaCompanyId: '1', psaName: 'PSA 1', before: acme, now: { id: 'mc-other', name: 'Other' } },
      { kind: 'user-deleted', psaCompanyId: '1', psaContactId: 'c-1', userId: 'u-1', email: 'anna@acme.example' },
      { kind: 'mapped-since', psaCompanyId: '2', psaName: 'PSA 2', managedCompany: acme },
      { kind: 'target-renamed', psaCompanyId: '2', psaName: 'PSA 2', target: { id: 'mc-celik', name: 'Çelik' }, nowName: 'Çelik Transport' },
      // Company 3 maps to its namesake by default, which is gone. Company 4 is not selected: its drift does not matter.
      { kind: 'target-deleted', psaCompanyId: '3', psaName: 'PSA 3', target: { id: 'mc-bakker', name: 'Bakker Bouw' } },
      { kind: 'licenses-short', needed: 5, available: 3 },
    ]);
    const changed = detectDrift(saved, { ...unchanged, users: new Map([['u-1', 'anna.devries@acme.example']]) });
    expect(changed).toEqual([{ kind: 'user-email-changed', psaCompanyId: '1', psaContactId: 'c-1', userId: 'u-1', before: 'anna@acme.example', now: 'anna.devries@acme.example' }]);
    expect(driftKey(changed[0]!)).toBe('user-email-changed:1:c-1');
  });

  it('property: a workspace in which nothing changed has no drift; deleting one target flags exactly the selected companies that chose it', () => {
    const ids = fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }).map(String), { minLength: 1, maxLength: 40 });
    const targets = ['mc-a', 'mc-b', 'mc-c'];
    fc.assert(
      fc.property(ids, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }), fc.constantFrom(...targets), (companyIds, selected, choices, gone) => {
        const savedRows = companyIds.map((id, index) => row(id, choices[index] === 3 ? { status: 'mapped', managedCompany: { id: 'mc-a', name: 'Name mc-a' } } : {}));
        const picked: ImportDraft = {
          selected: Object.fromEntries(companyIds.filter((_, index) => selected[index]).map((id) => [id, true as const])),
          companies: Object.fromEntries(
            companyIds.flatMap((id, index) => {
              const target = targets[choices[index] ?? 0];
              return (choices[index] ?? 0) < 3 && target ? [[id, { kind: 'map' as const, managedCompanyId: target, managedCompanyName: `Name ${target}` }]] : [];
            }),
          ),
          users: {},
          notes: {},
        };
        const side: SavedSide = { rows: savedRows, draft: picked, seatsNeeded: 0 };
        const everything: CurrentSide = { rows: savedRows, companies: new Map(targets.map((id) => [id, `Name ${id}`])), users: new Map(), seatsAvailable: 0 };
        expect(detectDrift(side, everything)).toEqual([]);
        const without = detectDrift(side, { ...everything, companies: new Map(targets.filter((id) => id !== gone).map((id) => [id, `Name ${id}`])) });
        const targetOf = (savedRow: ImportCompanyRow) => {
          const choice = picked.companies[savedRow.psaCompanyId];
          return choice?.kind === 'map' ? choice.managedCompanyId : savedRow.managedCompany?.id;
        };
        const expected = savedRows.filter((savedRow) => picked.selected[savedRow.psaCompanyId] && targetOf(savedRow) === gone);
        expect(without.map((drift) => drift.kind === 'target-deleted' && drift.psaCompanyId)).toEqual(expected.map((savedRow) => savedRow.psaCompanyId));
      }),
      { numRuns: 200 },
    );
  });
});
