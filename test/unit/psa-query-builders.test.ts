import { describe, expect, it } from 'vitest';
import { companyFilter, contactFilter } from '../../electron/main/psa/autotask/autotask-filters';
import { apiHostFor } from '../../electron/main/psa/connectwise/connectwise-client';
import { companyChildConditions, companyConditions, contactChildConditions, contactConditions, idBatches } from '../../electron/main/psa/connectwise/connectwise-conditions';
import { parseLinkHeader } from '../../electron/main/psa/connectwise/link-header';
import { DEFAULT_PSA_FILTER, type PsaFilter } from '../../shared/psa/filters';

const filter = (patch: Partial<PsaFilter>): PsaFilter => ({ ...DEFAULT_PSA_FILTER, ...patch });

describe('Autotask filters', () => {
  it('turns the chosen attributes into `in` conditions on the real field names', () => {
    expect(companyFilter(filter({ companies: { companyType: [1, 3], territory: [29683453] }, companyActiveState: 'active' }))).toEqual([
      { op: 'gt', field: 'id', value: 0 },
      { op: 'in', field: 'companyType', value: [1, 3] },
      { op: 'in', field: 'territoryID', value: [29683453] },
      { op: 'eq', field: 'isActive', value: true },
    ]);
  });

  it('never sends an empty filter (it is required), and never asks for company 0 (the MSP itself) or its contacts', () => {
    expect(companyFilter(filter({ companies: {}, companyActiveState: 'any' }))).toEqual([{ op: 'gt', field: 'id', value: 0 }]);
    expect(contactFilter(filter({ contacts: { activeOnly: false, withEmailOnly: false } }), null)).toEqual([{ op: 'noteq', field: 'companyID', value: 0 }]);
  });

  it('filters contacts on the integer isActive and on having an email', () => {
    expect(contactFilter(filter({ contacts: { activeOnly: true, withEmailOnly: true } }), [5, 6])).toEqual([
      { op: 'in', field: 'companyID', value: [5, 6] },
      { op: 'eq', field: 'isActive', value: 1 },
      { op: 'exist', field: 'emailAddress' },
      { op: 'noteq', field: 'emailAddress', value: '' },
    ]);
  });
});

describe('ConnectWise conditions', () => {
  it('always excludes deleted companies and uses `in` on references', () => {
    expect(companyConditions(filter({ companies: { status: [1], market: [4, 5] } }))).toBe('deletedFlag=false and status/id in (1) and market/id in (4,5)');
  });

  it('filters types with child conditions, without `in` (not allowed there)', () => {
    expect(companyChildConditions(filter({ companies: { companyType: [1, 7] } }))).toBe('types/id=1 or types/id=7');
    expect(companyChildConditions(filter({ companies: {} }))).toBeUndefined();
  });

  it('scopes contacts to companies, active ones, with an email item', () => {
    expect(contactConditions(filter({}), [250, 311])).toBe('company/id in (250,311) and inactiveFlag=false');
    expect(contactChildConditions(filter({}))).toBe('communicationItems/communicationType="Email" and communicationItems/value!=""');
  });

  it('keeps id lists under the URL budget', () => {
    const ids = Array.from({ length: 1000 }, (_, index) => 100000 + index);
    const batches = idBatches(ids);
    expect(batches.flat()).toEqual(ids);
    for (const batch of batches) expect(batch.join(',').length).toBeLessThanOrEqual(1500);
  });

  it('maps cloud sites to their API hosts and leaves on-premises hosts alone', () => {
    expect(apiHostFor('na.myconnectwise.net')).toBe('api-na.myconnectwise.net');
    expect(apiHostFor('https://eu.myconnectwise.net/')).toBe('api-eu.myconnectwise.net');
    expect(apiHostFor('api-au.myconnectwise.net')).toBe('api-au.myconnectwise.net');
    expect(apiHostFor('staging.connectwisedev.com')).toBe('api-staging.connectwisedev.com');
    expect(apiHostFor('cw.example-msp.nl')).toBe('cw.example-msp.nl');
  });

  it('parses Link headers', () => {
    const links = parseLinkHeader('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"');
    expect(links.get('next')).toBe('https://x/a?page=2');
    expect(links.get('last')).toBe('https://x/a?page=9');
    expect(parseLinkHeader(undefined).size).toBe(0);
  });
});
