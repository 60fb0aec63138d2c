/** What each drift's actions do to the decisions before an apply-later (shared/import/drift-resolution.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportDraft } from '../../shared/import/draft';
import { effectiveChoice, sameDraft, withDefaultsWritten } from '../../shared/import/draft';
import type { Drift } from '../../shared/import/drift';
import { applyDriftAction, driftActions } from '../../shared/import/drift-resolution';
import { companyRow } from '../support/company-rows';

const row = companyRow;
const acme = { id: 'mc-acme', name: 'Acme' };
const draft: ImportDraft = {
  selected: { '1': true, '2': true },
  companies: { '1': { kind: 'create' }, '2': { kind: 'map', managedCompanyId: 'mc-celik', managedCompanyName: 'Çelik' } },
  users: { '2': { 'c-1': { kind: 'map', userId: 'u-1', userLabel: 'anna@celik.example' }, 'c-2': { kind: 'create' } } },
  notes: { '2': 'Check with Henk' },
};
const company = { psaCompanyId: '2', psaName: 'PSA 2' };

describe('resolving drift before an apply-later', () => {
  it('accepting a mapping made since lets the mapping as it is now decide', () => {
    const drift: Drift = { kind: 'mapped-since', psaCompanyId: '1', psaName: 'PSA 1', managedCompany: acme };
    const after = applyDriftAction(draft, drift, 'accept');
    expect(effectiveChoice(row('1', { status: 'mapped', managedCompany: acme }), after)).toEqual({ kind: 'map', managedCompanyId: 'mc-acme', managedCompanyName: 'Acme' });
    expect(after.selected['1']).toBe(true);
  });

  it('a deleted target becomes a new managed company, replacing the mapping there is now', () => {
    const drift: Drift = { kind: 'target-deleted', ...company, target: { id: 'mc-celik', name: 'Çelik' } };
    expect(driftActions(drift)).not.toContain('accept');
    expect(() => applyDriftAction(draft, drift, 'accept')).toThrow();
    expect(applyDriftAction(draft, drift, 'create-company').companies['2']).toEqual({ kind: 'create' });
    expect(applyDriftAction(draft, drift, 'create-company', row('2', { status: 'mapped', managedCompany: acme })).companies['2']).toEqual({ kind: 'create', replacing: 'mc-acme' });
  });

  it('accepting a renamed target maps to it under its new name', () => {
    const drift: Drift = { kind: 'target-renamed', ...company, target: { id: 'mc-celik', name: 'Çelik' }, nowName: 'Çelik Transport' };
    expect(applyDriftAction(draft, drift, 'accept').companies['2']).toEqual({ kind: 'map', managedCompanyId: 'mc-celik', managedCompanyName: 'Çelik Transport' });
  });

  it('a deleted user becomes a new one, or the contact is left out; an email changed is accepted as it is now', () => {
    const deleted: Drift = { kind: 'user-deleted', ...company, psaContactId: 'c-1', userId: 'u-1', email: 'anna@celik.example' };
    expect(applyDriftAction(draft, deleted, 'create-user').users['2']).toEqual({ 'c-1': { kind: 'create' }, 'c-2': { kind: 'create' } });
    expect(applyDriftAction(draft, deleted, 'leave-out').users['2']).toEqual({ 'c-2': { kind: 'create' } });
    const changed: Drift = { kind: 'user-email-changed', psaCompanyId: '2', psaContactId: 'c-1', userId: 'u-1', before: 'anna@celik.example', now: 'anna@celik.nl' };
    expect(applyDriftAction(draft, changed, 'accept').users['2']).toMatchObject({ 'c-1': { kind: 'map', userId: 'u-1', userLabel: 'anna@celik.nl' } });
  });

  it('short seats can only be accepted, and change nothing', () => {
    const drift: Drift = { kind: 'licenses-short', needed: 9, available: 4 };
    expect(driftActions(drift)).toEqual(['accept']);
    expect(applyDriftAction(draft, drift, 'accept')).toBe(draft);
  });

  it('leaving a company out deselects it and keeps its note and choice for later; every offered action keeps the other companies as they were', () => {
    const drifts = fc.constantFrom<Drift>(
      { kind: 'mapped-since', psaCompanyId: '2', psaName: 'PSA 2', managedCompany: acme },
      { kind: 'mapping-changed', psaCompanyId: '2', psaName: 'PSA 2', before: acme, now: null },
      { kind: 'target-deleted', ...company, target: { id: 'mc-celik', name: 'Çelik' } },
      { kind: 'target-renamed', ...company, target: { id: 'mc-celik', name: 'Çelik' }, nowName: 'Çelik BV' },
      { kind: 'user-deleted', ...company, psaContactId: 'c-1', userId: 'u-1', email: 'anna@celik.example' },
      { kind: 'user-email-changed', psaCompanyId: '2', psaContactId: 'c-1', userId: 'u-1', before: 'a', now: 'b' },
    );
    fc.assert(
      fc.property(drifts, fc.nat(), (drift, pick) => {
        const actions = driftActions(drift);
        const action = actions[pick % actions.length]!;
        const after = applyDriftAction(draft, drift, action);
        expect(after.selected['1']).toBe(true);
        expect(after.companies['1']).toEqual({ kind: 'create' });
        expect(after.notes).toEqual(draft.notes);
        if (action === 'leave-out' && !('psaContactId' in drift)) {
          expect(after.selected['2']).toBeUndefined();
          expect(after.companies['2']).toEqual(draft.companies['2']);
        }
      }),
    );
  });
});

describe('the decisions an apply-later starts from', () => {
  it('write in the defaults the review showed, so a namesake made since cannot turn "create" into "map" unseen', () => {
    const rows = [companyRow('1'), companyRow('2', { status: 'mapped', managedCompany: acme }), companyRow('3', { status: 'ambiguous-duplicate' }), companyRow('4')];
    const draft: ImportDraft = { selected: { '1': true, '2': true, '3': true }, companies: {}, users: {}, notes: {} };
    const written = withDefaultsWritten(rows, draft);
    expect(written.companies).toEqual({ '1': { kind: 'create' }, '2': { kind: 'map', managedCompanyId: 'mc-acme', managedCompanyName: 'Acme' } });
    // Now a namesake exists: the default would map company 1, the decision written in still creates it.
    expect(effectiveChoice(companyRow('1', { status: 'possible-duplicate', managedCompany: acme }), written)).toEqual({ kind: 'create' });
    expect(sameDraft(written, withDefaultsWritten(rows, written))).toBe(true);
  });

  it('are the same whatever order the entries were made in', () => {
    const a: ImportDraft = { selected: { '1': true, '2': true }, companies: {}, users: {}, notes: { '1': 'x' } };
    const b: ImportDraft = { selected: { '2': true, '1': true }, companies: {}, users: {}, notes: { '1': 'x' } };
    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...b, notes: { '1': 'y' } })).toBe(false);
  });
});
