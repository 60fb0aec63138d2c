/** The seat pre-check of the users step, and which items a retry applies again and how its results merge. */
import { describe, expect, it } from 'vitest';
import { NO_CHOICES, type WizardChoices } from '../../renderer/screens/import/plan-builder';
import { allocateSeats, freeSeats, seatDemand } from '../../renderer/screens/import/seats';
import type { CompanyOutcome, ImportPlan, ImportResults, UserOutcome } from '../../shared/import/plan';
import { failedCount, mergeRetryResults, retryPlan } from '../../shared/import/retry';
import { unmappedCompanyRow } from '../support/company-rows';

const row = (psaCompanyId: string, contacts: number) => unmappedCompanyRow(psaCompanyId, contacts);

describe('seats asked for by the users step', () => {
  const rows = [row('a', 30), row('b', 4), row('c', 10), row('d', 2), row('e', 5)];
  const choices: WizardChoices = {
    ...NO_CHOICES,
    selected: { a: true, b: true, c: true, d: true },
    users: { a: 'all', b: 'all', c: { x1: { kind: 'create' }, x2: { kind: 'create' }, x3: { kind: 'create' } }, d: {}, e: 'all' },
  };

  it('counts every contact of a company granted "every contact" and each contact chosen; the default and unselected companies ask for none', () => {
    const demand = seatDemand(rows, choices);
    expect(demand.total).toBe(30 + 4 + 3);
    expect(demand.companies.map((company) => [company.row.psaCompanyId, company.seats, company.explicit])).toEqual([
      ['a', 30, false],
      ['b', 4, false],
      ['c', 3, true],
    ]);
    expect(seatDemand(rows, { ...choices, users: {} }).total).toBe(0);
  });

  it('gives seats to contacts chosen explicitly first, then to whole companies that still fit, in table order', () => {
    const { companies } = seatDemand(rows, choices);
    expect([...allocateSeats(companies, 8)]).toEqual(['c', 'b']);
    expect([...allocateSeats(companies, 3)]).toEqual(['c']);
    expect([...allocateSeats(companies, 2)]).toEqual([]);
    expect([...allocateSeats(companies, 37)].sort()).toEqual(['a', 'b', 'c']);
    expect([...allocateSeats(companies, -5)]).toEqual([]);
  });

  it('never reports fewer than zero seats free', () => {
    expect(freeSeats({ seats: 50, inUse: 12 })).toBe(38);
    expect(freeSeats({ seats: 5, inUse: 9 })).toBe(0);
  });
});

const company = (psaCompanyId: string, outcome: CompanyOutcome['outcome'], managedCompanyId: string | null = outcome === 'failed' ? null : `m-${psaCompanyId}`): CompanyOutcome => ({
  psaCompanyId,
  name: psaCompanyId,
  outcome,
  managedCompanyId,
  error: outcome === 'failed' ? 'managed-company-gone' : null,
  detail: null,
});
const user = (psaContactId: string, psaCompanyId: string, outcome: UserOutcome['outcome']): UserOutcome => ({
  psaContactId,
  psaCompanyId,
  email: `${psaContactId}@example.com`,
  outcome,
  userId: outcome === 'failed' ? null : `u-${psaContactId}`,
  error: outcome === 'failed' ? 'not-enough-licenses' : null,
  detail: null,
});

describe('retrying the failed items', () => {
  const plan: ImportPlan = {
    companies: [
      { psaCompanyId: '1', action: { kind: 'create' }, users: 'all' },
      { psaCompanyId: '2', action: { kind: 'map', managedCompanyId: 'm-x' }, users: 'previous' },
      { psaCompanyId: '3', action: { kind: 'create', replacing: 'm-old' }, users: [{ psaContactId: 'c5', action: { kind: 'map', userId: 'u-9' } }, { psaContactId: 'c6', action: { kind: 'create' } }] },
      { psaCompanyId: '4', action: { kind: 'create' }, users: 'all' },
    ],
  };
  const results: ImportResults = {
    companies: [company('1', 'created'), company('2', 'failed'), company('3', 'created'), company('4', 'mapped')],
    users: [user('c1', '1', 'imported'), user('c2', '1', 'failed'), user('c5', '3', 'failed'), user('c6', '3', 'imported'), user('c7', '4', 'mapped')],
  };

  it('applies again a failed company as planned, and only the failed users of the others, their company taken as it now is', () => {
    expect(retryPlan(plan, results)).toEqual({
      companies: [
        { psaCompanyId: '1', action: { kind: 'map', managedCompanyId: 'm-1' }, users: [{ psaContactId: 'c2', action: { kind: 'create' } }] },
        { psaCompanyId: '2', action: { kind: 'map', managedCompanyId: 'm-x' }, users: 'previous' },
        { psaCompanyId: '3', action: { kind: 'map', managedCompanyId: 'm-3' }, users: [{ psaContactId: 'c5', action: { kind: 'map', userId: 'u-9' } }] },
      ],
    });
    expect(failedCount(results)).toBe(3);
  });

  it('puts the retry’s outcomes in place of the failed ones and adds users reached for the first time; what succeeded before stays', () => {
    const retried: ImportResults = {
      companies: [company('1', 'mapped'), company('2', 'mapped'), company('3', 'mapped')],
      users: [user('c2', '1', 'imported'), user('c8', '2', 'mapped'), user('c5', '3', 'failed')],
    };
    const merged = mergeRetryResults(results, retried);
    expect(merged.companies.map((entry) => entry.outcome)).toEqual(['created', 'mapped', 'created', 'mapped']);
    expect(merged.users.map((entry) => [entry.psaContactId, entry.outcome])).toEqual([
      ['c1', 'imported'],
      ['c2', 'imported'],
      ['c5', 'failed'],
      ['c6', 'imported'],
      ['c7', 'mapped'],
      ['c8', 'mapped'],
    ]);
    expect(failedCount(merged)).toBe(1);
  });
});
