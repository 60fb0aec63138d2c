import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../fakes/psa-sim/dataset';
import type { SimCompany, SimContact } from '../fakes/psa-sim/model';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';

interface QueryPage {
  items: Record<string, unknown>[];
  pageDetails: { count: number; requestCount: number; prevPageUrl: string | null; nextPageUrl: string | null };
}
type Filter = Record<string, unknown>;

let sim: RunningPsaSimulator;
let auth: Record<string, string>;

beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 11, companies: 150, contactsPerCompany: 4 });
  const { username, secret, integrationCode } = sim.credentials.autotask;
  auth = { ApiIntegrationCode: integrationCode, UserName: username, Secret: secret, 'Content-Type': 'application/json' };
});
afterAll(() => sim.close());

const api = (path: string) => `${sim.url}/ATServicesRest/V1.0/${path}`;

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(path.startsWith('http') ? path : api(path), { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
  return { status: response.status, body: await response.json() };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return call(path, { method: 'POST', body: JSON.stringify(body) });
}

async function page(entity: string, body: unknown): Promise<QueryPage> {
  const { status, body: result } = await post(`${entity}/query`, body);
  expect(status, JSON.stringify(result)).toBe(200);
  return result as QueryPage;
}

/** Every id the query returns, following nextPageUrl by re-POSTing the body. */
async function allIds(entity: string, filter: Filter[], maxRecords = 500): Promise<number[]> {
  const body = { MaxRecords: maxRecords, filter };
  let current = await page(entity, body);
  const ids = current.items.map((item) => item['id'] as number);
  while (current.pageDetails.nextPageUrl) {
    current = (await call(current.pageDetails.nextPageUrl, { method: 'POST', body: JSON.stringify(body) })).body as QueryPage;
    ids.push(...current.items.map((item) => item['id'] as number));
  }
  return ids;
}

const companies = (predicate: (company: SimCompany) => boolean = () => true) => sim.data.companies.filter((company) => !company.deleted && predicate(company)).map((company) => company.id);
const liveCompanyIds = () => new Set(companies());
const contacts = (predicate: (contact: SimContact) => boolean) => {
  const live = liveCompanyIds();
  return sim.data.contacts.filter((contact) => live.has(contact.companyId) && predicate(contact)).map((contact) => contact.id);
};
const companyNamed = (name: string) => sim.data.companies.find((company) => company.name === name && !company.deleted)!;

async function expectError(path: string, body: unknown, status: number, message: string | RegExp): Promise<void> {
  const result = await post(path, body);
  expect(result.status).toBe(status);
  const errors = (result.body as { errors: unknown[] }).errors;
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(message);
}

describe('Autotask face: discovery', () => {
  it('answers versioninformation without credentials', async () => {
    const response = await fetch(`${sim.url}/atservicesrest/versioninformation`);
    expect(await response.json()).toEqual({ apiVersions: ['1.0'] });
  });

  it('answers zone discovery with or without auth headers, pointing at its own root with a trailing slash', async () => {
    const user = encodeURIComponent(sim.credentials.autotask.username);
    const expected = { zoneName: expect.any(String), url: `${sim.url}/ATServicesRest/`, webUrl: expect.any(String), ci: expect.any(Number) };
    const bare = await fetch(`${sim.url}/atservicesrest/v1.0/zoneInformation?user=${user}`);
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual(expected);
    const withHeaders = await fetch(`${sim.url}/ATServicesRest/V1.0/ZoneInformation?user=${user.toUpperCase()}`, { headers: auth });
    expect(await withHeaders.json()).toEqual(expected);
  });

  it('answers an unknown or blank user with 500 "Zone information could not be determined"', async () => {
    for (const query of ['?user=nobody%40example.com', '?user=', '']) {
      const response = await fetch(`${sim.url}/atservicesrest/v1.0/zoneInformation${query}`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ errors: ['Zone information could not be determined'] });
    }
  });
});

describe('Autotask face: authentication', () => {
  const body = JSON.stringify({ filter: [{ op: 'exist', field: 'id' }] });
  const query = (headers: Record<string, string>) => fetch(api('Companies/query'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('accepts the header names in any case', async () => {
    const { username, secret, integrationCode } = sim.credentials.autotask;
    expect((await query({ APIIntegrationcode: integrationCode, Username: username, secret })).status).toBe(200);
  });

  it('answers a wrong secret with 401 and an errors array', async () => {
    const response = await query({ ...auth, Secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [expect.any(String)] });
  });

  it('answers an unknown or missing username with 500 "Zone information could not be determined"', async () => {
    for (const headers of [{ ...auth, UserName: 'someone@else.example' }, { ApiIntegrationCode: auth['ApiIntegrationCode']!, Secret: auth['Secret']! }]) {
      const response = await query(headers);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ errors: ['Zone information could not be determined'] });
    }
  });

  it('answers an invalid integration code with 500 "IntegrationCode is invalid."', async () => {
    const response = await query({ ...auth, ApiIntegrationCode: 'NOT-OURS' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ errors: ['IntegrationCode is invalid.'] });
  });
});

describe('Autotask face: queries', () => {
  it('returns the reference example shape and matches paths, body keys and field names in any case', async () => {
    const filter = [
      { field: 'isActive', op: 'eq', value: true },
      { op: 'or', items: [{ field: 'companyName', op: 'beginsWith', value: 'Acme' }, { field: 'companyType', op: 'in', value: [1, 3] }] },
    ];
    const canonical = await page('Companies', { MaxRecords: 2, IncludeFields: ['id', 'companyName', 'companyType', 'isActive', 'lastTrackedModifiedDateTime'], filter });
    expect(canonical.items).toHaveLength(2);
    expect(canonical.items[0]).toEqual({
      id: expect.any(Number),
      companyName: expect.any(String),
      companyType: expect.any(Number),
      isActive: true,
      lastTrackedModifiedDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      userDefinedFields: expect.any(Array),
    });
    expect(canonical.pageDetails).toMatchObject({ count: 2, requestCount: 2, prevPageUrl: null, nextPageUrl: expect.any(String) });

    const shouting = await fetch(`${sim.url}/atservicesrest/v1.0/companies/QUERY`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ maxrecords: 2, includefields: ['ID', 'COMPANYNAME', 'companytype', 'ISACTIVE', 'lasttrackedmodifieddatetime'], Filter: filter })
        .replace(/"field":"(\w+)"/g, (_, field: string) => `"FIELD":"${field.toUpperCase()}"`)
        .replace(/"op":"(\w+)"/g, (_, op: string) => `"Op":"${op.toUpperCase()}"`),
    });
    expect(((await shouting.json()) as QueryPage).items).toEqual(canonical.items);
  });

  it('answers the GET ?search= form like the POST form', async () => {
    const search = { MaxRecords: 5, filter: [{ op: 'beginsWith', field: 'companyName', value: 'jansen' }] };
    const viaGet = await call(`Companies/query?search=${encodeURIComponent(JSON.stringify(search))}`);
    const viaPost = await post('Companies/query', search);
    expect(viaGet.body).toMatchObject({ items: (viaPost.body as QueryPage).items });
    expect((viaGet.body as QueryPage).items).toHaveLength(3);
  });

  it('evaluates every operator case-insensitively, with SQL null semantics', async () => {
    const acme = companyNamed(PLANTED.legalSuffixVariants.acme[0]);
    const middle = sim.data.companies[75]!.id;
    const since = '2024-01-01T00:00:00Z';
    const cases: [Filter, number[]][] = [
      [{ op: 'eq', field: 'companyName', value: 'ACME LTD' }, [acme.id]],
      [{ op: 'noteq', field: 'companyType', value: 1 }, companies((c) => c.kind !== 'customer')],
      [{ op: 'gt', field: 'id', value: middle }, companies((c) => c.id > middle)],
      [{ op: 'gte', field: 'id', value: middle }, companies((c) => c.id >= middle)],
      [{ op: 'lt', field: 'id', value: middle }, companies((c) => c.id < middle)],
      [{ op: 'lte', field: 'id', value: String(middle) }, companies((c) => c.id <= middle)],
      [{ op: 'gt', field: 'lastTrackedModifiedDateTime', value: since }, companies((c) => c.lastModifiedAt > '2024-01-01T00:00:00.000Z')],
      [{ op: 'beginsWith', field: 'companyName', value: 'jansen installatie' }, companies((c) => c.name.toLowerCase().startsWith('jansen installatie'))],
      [{ op: 'endsWith', field: 'companyName', value: ' LTD' }, companies((c) => c.name.toLowerCase().endsWith(' ltd'))],
      [{ op: 'contains', field: 'companyName', value: 'résumé' }, [companyNamed('Café Résumé').id]],
      [{ op: 'exist', field: 'classification' }, companies((c) => c.classificationId !== null)],
      [{ op: 'notExist', field: 'classification' }, companies((c) => c.classificationId === null)],
      // A null classification is neither equal nor unequal to 1.
      [{ op: 'noteq', field: 'classification', value: 1 }, companies((c) => c.classificationId !== null && c.classificationId !== 1)],
      [{ op: 'in', field: 'companyType', value: [7, 8] }, companies((c) => c.kind === 'vendor' || c.kind === 'partner')],
      [{ op: 'notIn', field: 'companyType', value: [1, 3] }, companies((c) => c.kind !== 'customer' && c.kind !== 'prospect')],
      [{ op: 'eq', field: 'isActive', value: false }, companies((c) => !c.active)],
    ];
    for (const [filter, expected] of cases) {
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(await allIds('Companies', [filter]), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('ANDs the top-level array and nests and/or groups to any depth', async () => {
    const filter = [
      { op: 'eq', field: 'isActive', value: true },
      {
        op: 'or',
        items: [
          { op: 'and', items: [{ op: 'eq', field: 'companyType', value: 7 }, { op: 'exist', field: 'territoryID' }] },
          { op: 'or', items: [{ op: 'beginsWith', field: 'companyName', value: 'acme' }, { op: 'contains', field: 'companyName', value: 'müller' }] },
        ],
      },
    ];
    const expected = companies(
      (c) => c.active && ((c.kind === 'vendor' && c.territoryId !== null) || c.name.toLowerCase().startsWith('acme') || c.name.toLowerCase().includes('müller')),
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(await allIds('Companies', filter)).toEqual(expected);
  });

  it('queries contacts: isActive is an integer, emails in three slots, scoped by companyID', async () => {
    expect(await allIds('Contacts', [{ op: 'eq', field: 'isActive', value: 0 }])).toEqual(contacts((c) => !c.active));
    await expectError('Contacts/query', { filter: [{ op: 'eq', field: 'isActive', value: true }] }, 500, /isActive/);
    const shared = await page('Contacts', { filter: [{ op: 'eq', field: 'emailAddress', value: PLANTED.sharedEmail.toUpperCase() }] });
    expect(new Set(shared.items.map((item) => item['companyID'])).size).toBe(2);
    expect(await allIds('Contacts', [{ op: 'notExist', field: 'emailAddress' }])).toEqual(contacts((c) => c.email === null));
    const cafe = companyNamed(PLANTED.contactWithoutEmail);
    const cafeContacts = await page('Contacts', { filter: [{ op: 'eq', field: 'companyID', value: cafe.id }] });
    expect(cafeContacts.items.map((item) => item['firstName'])).toEqual(['René', 'Chloé']);
    expect(cafeContacts.items[0]).toMatchObject({ isActive: 1, primaryContact: true, emailAddress: 'rene@caferesume.nl', emailAddress3: null, userDefinedFields: [] });
    expect(cafeContacts.items[0]).toHaveProperty('emailAddress2');
    expect(cafeContacts.items[0]).toHaveProperty('lastModifiedDate');
  });

  it('never returns soft-deleted companies or their contacts', async () => {
    const deleted = sim.data.companies.find((company) => company.name === PLANTED.deleted)!;
    expect((await call(`Companies/${deleted.id}`)).body).toEqual({ item: null });
    expect(await allIds('Companies', [{ op: 'eq', field: 'companyName', value: PLANTED.mergedAway }])).toHaveLength(1);
    const merged = sim.data.companies.find((company) => company.name === PLANTED.mergedAway && company.deleted)!;
    expect(sim.data.contacts.some((contact) => contact.companyId === merged.id)).toBe(true);
    expect(await allIds('Contacts', [{ op: 'eq', field: 'companyID', value: merged.id }])).toEqual([]);
    expect(await allIds('Companies', [])).toEqual(companies());
  });

  it('answers unions of id ranges, also inside and/or groups, like any other filter', async () => {
    const all = companies();
    const [a, b, c] = [all[3]!, all[10]!, all[20]!];
    const union = [{ op: 'or', items: [{ op: 'and', items: [{ op: 'gt', field: 'id', value: a }, { op: 'lte', field: 'id', value: b }] }, { op: 'gt', field: 'id', value: c }] }];
    const expected = companies((company) => (company.id > a && company.id <= b) || company.id > c);
    expect(await allIds('Companies', union, 7)).toEqual(expected);
    expect((await post('Companies/query/count', { filter: union })).body).toEqual({ queryCount: expected.length });
    const narrowed = [...union, { op: 'eq', field: 'isActive', value: true }];
    expect((await post('Companies/query/count', { filter: narrowed })).body).toEqual({ queryCount: companies((company) => company.active && ((company.id > a && company.id <= b) || company.id > c)).length });
  });

  it('counts with query/count, by POST and GET', async () => {
    const body = { filter: [{ op: 'eq', field: 'isActive', value: true }] };
    expect((await post('Companies/query/count', body)).body).toEqual({ queryCount: companies((c) => c.active).length });
    expect((await call(`companies/QUERY/count?search=${encodeURIComponent(JSON.stringify(body))}`)).body).toEqual({ queryCount: companies((c) => c.active).length });
  });

  it('returns only IncludeFields plus id and userDefinedFields, matching names in any case', async () => {
    const result = await page('Companies', { MaxRecords: 3, IncludeFields: ['COMPANYNAME', 'territoryid'], filter: [] });
    for (const item of result.items) expect(Object.keys(item).sort()).toEqual(['companyName', 'id', 'territoryID', 'userDefinedFields']);
    await expectError('Companies/query', { IncludeFields: ['noSuchField'], filter: [] }, 500, 'Unable to find noSuchField in the Entity');
  });

  it('answers a filter on an unknown field with 500 "Unable to find <field> in the Entity"', async () => {
    await expectError('Companies/query', { filter: [{ op: 'eq', field: 'colour', value: 'red' }] }, 500, /^Unable to find colour in the Entity$/);
    await expectError('Companies/query/count', { filter: [{ op: 'or', items: [{ op: 'eq', field: 'bogus', value: 1 }] }] }, 500, 'Unable to find bogus in the Entity');
  });

  it('validates the query: filter required, boolean literals, operators, non-queryable fields', async () => {
    await expectError('Companies/query', { MaxRecords: 10 }, 500, /filter/i);
    await expectError('Companies/query', { filter: [{ op: 'eq', field: 'isActive', value: 'true' }] }, 500, /isActive/);
    await expectError('Companies/query', { filter: [{ op: 'eq', field: 'isActive', value: null }] }, 500, /isActive/);
    await expectError('Companies/query', { filter: [{ op: 'startsWith', field: 'companyName', value: 'A' }] }, 500, /operator/);
    await expectError('Companies/query', { filter: [{ op: 'eq', field: 'companyName' }] }, 500, /value/);
    await expectError('Companies/query', { filter: [{ op: 'in', field: 'id', value: 5 }] }, 500, /array/);
    await expectError('Companies/query', { filter: [{ op: 'eq', field: 'assetValue', value: 5 }] }, 500, /cannot be queried/);
    await expectError('Companies/query', { filter: [{ op: 'eq', field: 'companyType', value: 'customer' }] }, 500, /companyType/);
  });

  it('allows 500 OR conditions and refuses 501', async () => {
    const values = (count: number) => Array.from({ length: count }, (_, index) => index + 1);
    expect((await post('Companies/query/count', { filter: [{ op: 'in', field: 'id', value: values(500) }] })).status).toBe(200);
    const limit = "Queries are limited to 500 or fewer 'OR' conditions";
    await expectError('Companies/query', { filter: [{ op: 'in', field: 'id', value: values(501) }] }, 500, limit);
    const ors = values(501).map((id) => ({ op: 'eq', field: 'id', value: id }));
    await expectError('Companies/query', { filter: [{ op: 'or', items: ors }] }, 500, limit);
  });

  it('allows one UDF condition per query', async () => {
    const tier = { op: 'eq', field: 'Contract Tier', udf: true, value: 'gold' };
    expect(await allIds('Companies', [tier])).toEqual(companies((c) => c.id % 4 === 1));
    await expectError('Companies/query', { filter: [tier, { ...tier, value: 'Silver' }] }, 500, /user-defined/);
  });
});

describe('Autotask face: paging', () => {
  const body = { MaxRecords: 7, filter: [{ op: 'eq', field: 'isActive', value: true }] };
  const expected = () => companies((c) => c.active);

  async function followAll(first: QueryPage, next: (url: string) => Promise<QueryPage>): Promise<number[]> {
    const ids = first.items.map((item) => item['id'] as number);
    let current = first;
    let pages = 1;
    while (current.pageDetails.nextPageUrl) {
      const url = new URL(current.pageDetails.nextPageUrl);
      expect(url.origin).toBe(sim.url);
      expect(url.searchParams.get('paging')).toBeTruthy();
      current = await next(current.pageDetails.nextPageUrl);
      expect(current.pageDetails.prevPageUrl).not.toBeNull();
      expect(current.pageDetails.requestCount).toBe(7);
      expect(current.pageDetails.count).toBe(current.items.length);
      ids.push(...current.items.map((item) => item['id'] as number));
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected().length / 7));
    return ids;
  }

  it('returns every record exactly once, ascending, following nextPageUrl by re-POSTing the body', async () => {
    const first = await page('Companies', body);
    expect(first.pageDetails).toMatchObject({ count: 7, requestCount: 7, prevPageUrl: null });
    const ids = await followAll(first, async (url) => (await call(url, { method: 'POST', body: JSON.stringify(body) })).body as QueryPage);
    expect(ids).toEqual(expected());
  });

  it('accepts next-page calls as POST without a body and as GET', async () => {
    const first = await page('Companies', body);
    expect(await followAll(first, async (url) => (await call(url, { method: 'POST' })).body as QueryPage)).toEqual(expected());
    expect(await followAll(first, async (url) => (await call(url)).body as QueryPage)).toEqual(expected());
  });

  it('keeps search= in the next page of a GET query', async () => {
    const first = (await call(`Companies/query?search=${encodeURIComponent(JSON.stringify(body))}`)).body as QueryPage;
    expect(new URL(first.pageDetails.nextPageUrl!).searchParams.get('search')).toBe(JSON.stringify(body));
    expect(await followAll(first, async (url) => (await call(url)).body as QueryPage)).toEqual(expected());
  });

  it('links back with prevPageUrl', async () => {
    const first = await page('Companies', body);
    const second = (await call(first.pageDetails.nextPageUrl!)).body as QueryPage;
    const third = (await call(second.pageDetails.nextPageUrl!)).body as QueryPage;
    const back = (await call(third.pageDetails.prevPageUrl!)).body as QueryPage;
    expect(back.items).toEqual(second.items);
  });

  it('defaults MaxRecords to 500 and refuses values outside 1–500', async () => {
    const all = await page('Contacts', { filter: [] });
    expect(all.pageDetails.requestCount).toBe(500);
    expect(all.items).toHaveLength(500);
    expect((await page('Companies', { MaxRecords: 1, filter: [] })).items).toHaveLength(1);
    for (const maxRecords of [0, 501, 2.5]) await expectError('Companies/query', { MaxRecords: maxRecords, filter: [] }, 500, /MaxRecords/);
  });

  it('returns nextPageUrl null on the last page', async () => {
    const result = await page('Companies', { filter: [{ op: 'beginsWith', field: 'companyName', value: 'jansen' }] });
    expect(result.pageDetails).toEqual({ count: 3, requestCount: 500, prevPageUrl: null, nextPageUrl: null });
  });
});

describe('Autotask face: single records and metadata', () => {
  it('returns {item} by id and {item: null} for a missing id', async () => {
    const acme = companyNamed(PLANTED.legalSuffixVariants.acme[1]);
    const found = (await call(`companies/${acme.id}`)).body as { item: Record<string, unknown> };
    expect(found.item).toMatchObject({ id: acme.id, companyName: 'Acme Limited', isActive: true, companyType: 1, userDefinedFields: expect.any(Array) });
    expect((await call('Companies/999999')).body).toEqual({ item: null });
    const contact = sim.data.contacts[0]!;
    expect(((await call(`Contacts/${contact.id}`)).body as { item: Record<string, unknown> }).item).toMatchObject({ id: contact.id, companyID: contact.companyId });
  });

  it('describes fields with inline picklists whose values are strings', async () => {
    const { fields } = (await call('Companies/entityInformation/fields')).body as { fields: Record<string, unknown>[] };
    const byName = new Map(fields.map((field) => [field['name'], field]));
    const companyType = byName.get('companyType')!;
    expect(companyType).toMatchObject({ dataType: 'integer', isPickList: true, isRequired: true, isQueryable: true, isReference: false, referenceEntityType: '' });
    expect((companyType['picklistValues'] as Record<string, unknown>[]).map((value) => [value['value'], value['label']])).toEqual([
      ['1', 'Customer'], ['2', 'Lead'], ['3', 'Prospect'], ['4', 'Dead'], ['6', 'Cancelation'], ['7', 'Vendor'], ['8', 'Partner'],
    ]);
    expect(Object.keys((companyType['picklistValues'] as object[])[0]!).sort()).toEqual(['isActive', 'isDefaultValue', 'isSystem', 'label', 'parentValue', 'sortOrder', 'value']);
    const classification = byName.get('classification')!;
    expect((classification['picklistValues'] as { value: unknown }[]).map((value) => value.value)).toEqual(sim.data.picklists.classifications.map((entry) => String(entry.id)));
    for (const name of ['territoryID', 'marketSegmentID']) expect(byName.get(name)).toMatchObject({ isPickList: true, picklistValues: expect.any(Array) });
    expect(byName.get('isActive')).toMatchObject({ dataType: 'boolean', isPickList: false, picklistValues: null });
    expect(byName.get('ownerResourceID')).toMatchObject({ isReference: true, referenceEntityType: 'Resource' });
    expect(byName.get('assetValue')).toMatchObject({ isQueryable: false });

    const contactFields = ((await call('Contacts/entityInformation/fields')).body as { fields: Record<string, unknown>[] }).fields;
    expect(contactFields.find((field) => field['name'] === 'isActive')).toMatchObject({ dataType: 'integer' });
    expect(contactFields.map((field) => field['name'])).toEqual(expect.arrayContaining(['emailAddress', 'emailAddress2', 'emailAddress3', 'companyID', 'firstName', 'lastName', 'primaryContact', 'lastModifiedDate']));
  });

  it('answers entityInformation, userDefinedFields and ThresholdInformation', async () => {
    expect((await call('Companies/entityInformation')).body).toMatchObject({ info: { name: 'Company', canDelete: false, canQuery: true, hasUserDefinedFields: true } });
    expect((await call('Companies/entityInformation/userDefinedFields')).body).toEqual({ fields: [expect.objectContaining({ name: 'Contract Tier', isQueryable: true })] });
    const threshold = (await call('ThresholdInformation')).body as Record<string, number>;
    expect(threshold).toEqual({ externalRequestThreshold: 10000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: expect.any(Number) });
    expect(threshold['currentTimeframeRequestCount']).toBeGreaterThan(10);
  });

  it('answers unknown routes with 404 and writes with 405', async () => {
    expect((await call('Tickets/query')).status).toBe(404);
    expect((await call('Companies', { method: 'POST', body: '{}' })).status).toBe(405);
  });
});

describe('Autotask face: thread limit', () => {
  it('rejects a fourth concurrent request to one endpoint, but not to another endpoint or zone discovery', async () => {
    // Long enough that the whole burst is in flight together even on a busy machine.
    const slow = await startPsaSimulator({ companies: 60, contactsPerCompany: 1, latencyMs: 400 });
    try {
      const headers = { ...auth, ApiIntegrationCode: slow.credentials.autotask.integrationCode };
      const query = (entity: string) => fetch(`${slow.url}/ATServicesRest/V1.0/${entity}/query`, { method: 'POST', headers, body: '{"filter":[]}' });
      const companiesBurst = [0, 1, 2, 3, 4].map(() => query('Companies'));
      const contactsBurst = [0, 1, 2].map(() => query('Contacts'));
      const zones = [0, 1, 2, 3].map(() => fetch(`${slow.url}/atservicesrest/v1.0/zoneInformation?user=${encodeURIComponent(slow.credentials.autotask.username)}`));
      const statuses = await Promise.all(companiesBurst.map(async (response) => (await response).status));
      expect(statuses.filter((status) => status === 200)).toHaveLength(3);
      const rejected = await companiesBurst[statuses.indexOf(500)]!;
      const message = ((await rejected.json()) as { errors: string[] }).errors[0];
      expect(message).toMatch(/Thread Threshold Exceeded/);
      expect(message).toMatch(/Itgenatr005/);
      expect(await Promise.all(contactsBurst.map(async (response) => (await response).status))).toEqual([200, 200, 200]);
      expect(await Promise.all(zones.map(async (response) => (await response).status))).toEqual([200, 200, 200, 200]);
      expect(slow.stats.maxConcurrentByEndpoint()['autotask /atservicesrest/v1.0/companies/query']).toBe(5);
      // Once the burst is over the budget is free again.
      expect((await query('Companies')).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('PSA simulator admin endpoint', () => {
  it('mutates a running simulator for another process, behind the admin token', async () => {
    const target = sim.data.companies.find((company) => !company.deleted && company.name.startsWith('Bakkerij'))!;
    const send = (token: string, ops: unknown) => fetch(`${sim.url}/__sim/mutate`, { method: 'POST', headers: { 'x-sim-admin': token }, body: JSON.stringify(ops) });
    expect((await send('wrong', [])).status).toBe(401);
    expect((await send(sim.adminToken, [{ op: 'rename', id: 'x' }])).status).toBe(400);

    const since = new Date().toISOString().slice(0, 19);
    const response = await send(sim.adminToken, [
      { op: 'rename', id: target.id, name: 'Bakkerij Het Korenaar & Zonen' },
      { op: 'add', name: 'Nieuwe Klant B.V.', kind: 'prospect', contacts: 2 },
    ]);
    const { results } = (await response.json()) as { results: { op: string; id: number; contactIds?: number[] }[] };
    expect(results[1]!.contactIds).toHaveLength(2);
    const changed = await allIds('Companies', [{ op: 'gte', field: 'lastTrackedModifiedDateTime', value: since }]);
    expect(changed).toEqual([target.id, results[1]!.id]);
    const renamed = (await call(`Companies/${target.id}`)).body as { item: { companyName: string } };
    expect(renamed.item.companyName).toBe('Bakkerij Het Korenaar & Zonen');

    await send(sim.adminToken, [{ op: 'delete', id: results[1]!.id }]);
    expect((await call(`Companies/${results[1]!.id}`)).body).toEqual({ item: null });

    const stats = await fetch(`${sim.url}/__sim/stats`, { headers: { 'x-sim-admin': sim.adminToken } });
    expect(await stats.json()).toMatchObject({ requestCount: expect.any(Number), maxConcurrent: { autotask: expect.any(Number) } });
  });
});
