import { describe, expect, it } from 'vitest';
import { buildPlan, NO_CHOICES, type WizardChoices } from '../../renderer/screens/import/plan-builder';
import type { ImportCompanyRow } from '../../shared/import/session';

const row = (psaCompanyId: string, status: ImportCompanyRow['status'], managed: string | null = null): ImportCompanyRow => ({
  psaCompanyId,
  name: `Company ${psaCompanyId}`,
  typeLabel: null,
  active: true,
  status,
  managedCompany: managed ? { id: managed, name: `Managed ${managed}` } : null,
  candidates: status === 'ambiguous-duplicate' ? [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] : [],
  lastImportedAt: null,
  renamedFrom: null,
  contacts: 2,
});

const rows = [row('1', 'mapped', 'm1'), row('2', 'possible-duplicate', 'm2'), row('3', 'unmapped'), row('4', 'ambiguous-duplicate')];
const all: WizardChoices = { ...NO_CHOICES, selected: { '1': true, '2': true, '3': true, '4': true } };

describe('the wizard’s plan', () => {
  it('uses the seed’s defaults and leaves ambiguous duplicates to the user', () => {
    const { plan, needsChoice } = buildPlan(rows, all);
    expect(plan.companies.map((company) => [company.psaCompanyId, company.action])).toEqual([
      ['1', { kind: 'map', managedCompanyId: 'm1' }],
      ['2', { kind: 'map', managedCompanyId: 'm2' }],
      ['3', { kind: 'create' }],
    ]);
    expect(plan.companies.every((company) => company.users === 'previous')).toBe(true);
    expect(needsChoice.map((entry) => entry.psaCompanyId)).toEqual(['4']);
  });

  it('includes only selected companies, with the choices made under Manage and Manage users', () => {
    const choices: WizardChoices = {
      notes: {},
      selected: { '1': true, '4': true },
      companies: { '1': { kind: 'create', replacing: 'm1' }, '4': { kind: 'map', managedCompanyId: 'b', managedCompanyName: 'B' } },
      users: { '4': { c1: { kind: 'create' }, c2: { kind: 'map', userId: 'u9', userLabel: 'x' } } },
    };
    const { plan, needsChoice } = buildPlan(rows, choices);
    expect(needsChoice).toEqual([]);
    // Contacts chosen one by one come first: the apply grants seats in plan order.
    expect(plan.companies).toEqual([
      {
        psaCompanyId: '4',
        action: { kind: 'map', managedCompanyId: 'b' },
        users: [
          { psaContactId: 'c1', action: { kind: 'create' } },
          { psaContactId: 'c2', action: { kind: 'map', userId: 'u9' } },
        ],
      },
      { psaCompanyId: '1', action: { kind: 'create', replacing: 'm1' }, users: 'previous' },
    ]);
  });

  it('updates the managed company name only for a mapped company renamed in the PSA, and only when asked', () => {
    const renamed: ImportCompanyRow = { ...row('1', 'mapped', 'm1'), name: 'New name', renamedFrom: 'Old name' };
    const asked: WizardChoices = { ...NO_CHOICES, selected: { '1': true, '2': true }, companies: { '1': { kind: 'map', managedCompanyId: 'm1', managedCompanyName: 'Managed m1', updateName: true } } };
    expect(buildPlan([renamed, row('2', 'mapped', 'm2')], asked).plan.companies).toEqual([
      { psaCompanyId: '1', updateName: true, action: { kind: 'map', managedCompanyId: 'm1' }, users: 'previous' },
      { psaCompanyId: '2', action: { kind: 'map', managedCompanyId: 'm2' }, users: 'previous' },
    ]);
    // Not asked: the name stays. Asked, but the company was moved to another managed company: nothing to rename.
    expect(buildPlan([renamed], { ...asked, companies: {} }).plan.companies[0]).not.toHaveProperty('updateName');
    const moved: WizardChoices = { ...asked, companies: { '1': { kind: 'map', managedCompanyId: 'm9', managedCompanyName: 'Other', updateName: true, replacing: 'm1' } } };
    expect(buildPlan([renamed], moved).plan.companies[0]).not.toHaveProperty('updateName');
  });
});
