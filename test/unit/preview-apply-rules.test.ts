import { describe, expect, it } from 'vitest';
import { otherIntegration, seatsNeeded } from '../../electron/main/preview/preview-apply';
import { unmappedCompanyRow } from '../support/company-rows';

describe('apply later: which account a preview comes from', () => {
  const saved = { accountHint: 'api-user@msp.example', apiBaseUrl: 'https://webservices5.autotask.net/' };
  it('the same account and address (case and a trailing slash aside) is this workspace’s', () => {
    expect(otherIntegration(saved, { accountHint: 'API-User@msp.example', apiBaseUrl: 'https://WEBSERVICES5.autotask.net' })).toBe(false);
  });
  it('another account, or another API address, is another integration', () => {
    expect(otherIntegration(saved, { ...saved, accountHint: 'other@msp.example' })).toBe(true);
    expect(otherIntegration(saved, { ...saved, apiBaseUrl: 'https://webservices14.autotask.net' })).toBe(true);
  });
  it('what either side does not know is not held against it', () => {
    expect(otherIntegration({ accountHint: null, apiBaseUrl: null }, saved)).toBe(false);
    expect(otherIntegration(saved, { accountHint: null, apiBaseUrl: null })).toBe(false);
    expect(otherIntegration({ ...saved, apiBaseUrl: null }, { ...saved, apiBaseUrl: 'https://elsewhere.example' })).toBe(false);
  });
});

describe('apply later: seats the decisions take', () => {
  const row = (psaCompanyId: string, contacts: number) => unmappedCompanyRow(psaCompanyId, contacts, psaCompanyId);
  it('counts every contact of a company granted all, each contact chosen, and nothing for the default or an unselected company', () => {
    const rows = [row('a', 5), row('b', 7), row('c', 9), row('d', 11)];
    const draft = {
      selected: { a: true, b: true, c: true } as const,
      companies: {},
      users: { a: 'all' as const, b: { x: { kind: 'create' as const }, y: { kind: 'map' as const, userId: 'u', userLabel: 'u@x' } }, d: 'all' as const },
      notes: {},
    };
    expect(seatsNeeded(rows, draft)).toBe(5 + 2);
  });
});
