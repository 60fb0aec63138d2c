/**
 * The Autotask face of the simulator: only what the product's client relies on
 * and where the fake must be as strict as a real tenant (psa-apis.md A). The
 * product's own behaviour against it is tested in psa-connectors.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../fakes/psa-sim/dataset';
import type { SimCompany, SimContact } from '../fakes/psa-sim/model';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';

interface QueryPage {
  items: Record<string, unknown>[];
  pageDetails: { count: number; requestCount: number; prevPageUrl: string | null; nextPageUrl: string | null };
}
type Filter = Record<string, unknown>;
interface Answer {
  status: number;
  body: unknown;
}

let sim: RunningPsaSimulator;
let auth: Record<string, string>;

beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 11, companies: 150, contactsPerCompany: 4 });
  const { username, secret, integrationCode } = sim.credentials.autotask;
  auth = { ApiIntegrationCode: integrationCode, UserName: username, Secret: secret, 'Content-Type': 'application/json' };
});
afterAll(() => sim.close());

const api = (path: string) => `${sim.url}/ATServicesRest/V1.0/${path}`;

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(path.startsWith('http') ? path : api(path), { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
  return { status: response.status, body: await response.json() };
}
const post = (path: string, body: unknown): Promise<Answer> => call(path, { method: 'POST', body: JSON.stringify(body) });

async function page(entity: string, body: unknown): Promise<QueryPage> {
  const { status, body: result } = await post(`${entity}/query`, body);
  expect(status, JSON.stringify(result)).toBe(200);
  return result as QueryPage;
}

/** Every id the query returns, re-POSTing the body to each nextPageUrl as the real server requires. */
async function allIds(entity: string, filter: Filter[], maxRecords = 500): Promise<number[]> {
  const body = { MaxRecords: maxRecords, filter };
  let current = await page(entity, body);
  const ids = current.items.map((item) => item['id'] as number);
  while (current.pageDetails.nextPageUrl) {
    current = (await post(current.pageDetails.nextPageUrl, body)).body as QueryPage;
    ids.push(...current.items.map((item) => item['id'] as number));
  }
  return ids;
}

const companies = (predicate: (company: SimCompany) => boolean = () => true) => sim.data.companies.filter((company) => !company.deleted && predicate(company)).map((company) => company.id);
const contacts = (predicate: (contact: SimContact) => boolean) => {
  const live = new Set(companies());
  return sim.data.contacts.filter((contact) => live.has(contact.companyId) && predicate(contact)).map((contact) => contact.id);
};
const companyNamed = (name: string) => sim.data.companies.find((company) => company.name === name && !company.deleted)!;
const errorsOf = (answer: Answer) => (answer.body as { errors: string[] }).errors;

describe('Autotask face: discovery and authentication', () => {
  it('answers version and zone discovery without credentials, and an unknown user with 500', async () => {
    expect(await (await fetch(`${sim.url}/atservicesrest/versioninformation`)).json()).toEqual({ apiVersions: ['1.0'] });
    const zone = await fetch(`${sim.url}/atservicesrest/v1.0/zoneInformation?user=${encodeURIComponent(sim.credentials.autotask.username)}`);
    expect(await zone.json()).toMatchObject({ zoneName: expect.any(String), url: `${sim.url}/ATServicesRest/` });
    const unknown = await fetch(`${sim.url}/atservicesrest/v1.0/zoneInformation?user=nobody%40example.com`);
    expect([unknown.status, await unknown.json()]).toEqual([500, { errors: ['Zone information could not be determined'] }]);
  });

  it.each([
    ['header names in any case', () => ({ APIIntegrationcode: auth['ApiIntegrationCode']!, Username: auth['UserName']!, secret: auth['Secret']! }), 200, null],
    ['a wrong secret', () => ({ ...auth, Secret: 'wrong' }), 401, expect.any(String)],
    ['an unknown username', () => ({ ...auth, UserName: 'someone@else.example' }), 500, 'Zone information could not be determined'],
    ['an invalid integration code', () => ({ ...auth, ApiIntegrationCode: 'NOT-OURS' }), 500, 'IntegrationCode is invalid.'],
  ])('answers %s with %i', async (_, headers, status, message) => {
    const response = await fetch(api('Companies/query'), { method: 'POST', headers: headers(), body: '{"filter":[]}' });
    expect(response.status).toBe(status);
    if (message !== null) expect(await response.json()).toEqual({ errors: [message] });
  });
});

describe('Autotask face: queries', () => {
  it('evaluates the operators case-insensitively, with SQL null semantics', async () => {
    const middle = sim.data.companies[75]!.id;
    const cases: [Filter, number[]][] = [
      [{ op: 'eq', field: 'companyName', value: 'ACME LTD' }, [companyNamed(PLANTED.legalSuffixVariants.acme[0]).id]],
      [{ op: 'gt', field: 'id', value: middle }, companies((c) => c.id > middle)],
      [{ op: 'lte', field: 'id', value: String(middle) }, companies((c) => c.id <= middle)],
      [{ op: 'gt', field: 'lastTrackedModifiedDateTime', value: '2024-01-01T00:00:00Z' }, companies((c) => c.lastModifiedAt > '2024-01-01T00:00:00.000Z')],
      [{ op: 'beginsWith', field: 'companyName', value: 'jansen installatie' }, companies((c) => c.name.toLowerCase().startsWith('jansen installatie'))],
      [{ op: 'contains', field: 'companyName', value: 'résumé' }, [companyNamed('Café Résumé').id]],
      [{ op: 'notExist', field: 'classification' }, companies((c) => c.classificationId === null)],
      // A null classification is neither equal nor unequal to 1.
      [{ op: 'noteq', field: 'classification', value: 1 }, companies((c) => c.classificationId !== null && c.classificationId !== 1)],
      [{ op: 'in', field: 'companyType', value: [7, 8] }, companies((c) => c.kind === 'vendor' || c.kind === 'partner')],
      [{ op: 'eq', field: 'isActive', value: false }, companies((c) => !c.active)],
      [{ op: 'or', items: [{ op: 'and', items: [{ op: 'eq', field: 'companyType', value: 7 }, { op: 'exist', field: 'territoryID' }] }, { op: 'beginsWith', field: 'companyName', value: 'acme' }] }, companies((c) => (c.kind === 'vendor' && c.territoryId !== null) || c.name.toLowerCase().startsWith('acme'))],
    ];
    for (const [filter, expected] of cases) {
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(await allIds('Companies', [filter]), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('has company 0, the MSP itself: `id gte 0` matches it, `id gt 0` does not', async () => {
    expect(await allIds('Companies', [{ op: 'gte', field: 'id', value: 0 }])).toEqual(companies());
    expect(await allIds('Companies', [{ op: 'gt', field: 'id', value: 0 }])).toEqual(companies((c) => c.id !== 0));
    expect(((await call('Companies/0')).body as { item: unknown }).item).toMatchObject({ id: 0, companyName: PLANTED.ownOrganisation });
  });

  it('has contacts whose email is "" as well as null: `exist` sees the "", `noteq ""` neither', async () => {
    expect(contacts((c) => c.email === '').length).toBeGreaterThan(0);
    expect(await allIds('Contacts', [{ op: 'exist', field: 'emailAddress' }])).toEqual(contacts((c) => c.email !== null));
    expect(await allIds('Contacts', [{ op: 'noteq', field: 'emailAddress', value: '' }])).toEqual(contacts((c) => c.email !== null && c.email !== ''));
    expect(await allIds('Contacts', [{ op: 'eq', field: 'isActive', value: 0 }])).toEqual(contacts((c) => !c.active));
    expect(errorsOf(await post('Contacts/query', { filter: [{ op: 'eq', field: 'isActive', value: true }] }))[0]).toMatch(/isActive/);
  });

  it('never returns soft-deleted companies or their contacts', async () => {
    const merged = sim.data.companies.find((company) => company.name === PLANTED.mergedAway && company.deleted)!;
    expect((await call(`Companies/${merged.id}`)).body).toEqual({ item: null });
    expect(await allIds('Contacts', [{ op: 'eq', field: 'companyID', value: merged.id }])).toEqual([]);
  });

  it('counts and pages unions of id ranges inside and/or groups', async () => {
    const all = companies();
    const [a, b, c] = [all[3]!, all[10]!, all[20]!];
    const union = [{ op: 'or', items: [{ op: 'and', items: [{ op: 'gt', field: 'id', value: a }, { op: 'lte', field: 'id', value: b }] }, { op: 'gt', field: 'id', value: c }] }];
    const expected = companies((company) => (company.id > a && company.id <= b) || company.id > c);
    expect(await allIds('Companies', union, 7)).toEqual(expected);
    expect((await post('Companies/query/count', { filter: union })).body).toEqual({ queryCount: expected.length });
  });

  it('returns records with userDefinedFields, and only IncludeFields plus id and userDefinedFields when asked', async () => {
    const result = await page('Companies', { MaxRecords: 3, IncludeFields: ['companyName'], filter: [] });
    for (const item of result.items) expect(Object.keys(item).sort()).toEqual(['companyName', 'id', 'userDefinedFields']);
    const contact = ((await call(`Contacts/${sim.data.contacts[0]!.id}`)).body as { item: Record<string, unknown> }).item;
    expect(contact['userDefinedFields']).toEqual([]);
  });

  it.each<[string, unknown, string | RegExp]>([
    ['a filter on an unknown field', { filter: [{ op: 'eq', field: 'colour', value: 'red' }] }, 'Unable to find colour in the Entity'],
    ['a missing filter', { MaxRecords: 10 }, /filter/i],
    ['a non-boolean literal on a boolean', { filter: [{ op: 'eq', field: 'isActive', value: 'true' }] }, /isActive/],
    ['an unknown operator', { filter: [{ op: 'startsWith', field: 'companyName', value: 'A' }] }, /operator/],
    ['a field that cannot be queried', { filter: [{ op: 'eq', field: 'assetValue', value: 5 }] }, /cannot be queried/],
    ['501 OR conditions', { filter: [{ op: 'in', field: 'id', value: Array.from({ length: 501 }, (_, i) => i + 1) }] }, "Queries are limited to 500 or fewer 'OR' conditions"],
    ['two UDF conditions', { filter: [{ op: 'eq', field: 'Contract Tier', udf: true, value: 'Gold' }, { op: 'eq', field: 'Contract Tier', udf: true, value: 'Silver' }] }, /user-defined/],
    ...[0, 501, 2.5].map((max): [string, unknown, string] => [`MaxRecords ${max}`, { MaxRecords: max, filter: [] }, 'maxCountOfRecordsToReturn must be between 1 and 500']),
  ])('refuses %s with 500 and its message', async (_, body, message) => {
    const answer = await post('Companies/query', body);
    expect(answer.status).toBe(500);
    expect(errorsOf(answer)).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
  });
});

describe('Autotask face: paging', () => {
  const body = { MaxRecords: 7, filter: [{ op: 'eq', field: 'isActive', value: true }] };

  it('pages at query/next by re-POSTing the same body: every record once, ascending', async () => {
    const first = await page('Companies', body);
    const next = new URL(first.pageDetails.nextPageUrl!);
    expect(next.pathname).toBe('/ATServicesRest/V1.0/Companies/query/next');
    expect(JSON.parse(next.searchParams.get('paging')!)).toMatchObject({ pageSize: 7, previousIds: [first.items[0]!['id']], nextIds: [expect.any(Number)] });
    expect(first.pageDetails).toMatchObject({ count: 7, requestCount: 7, prevPageUrl: null });
    expect(await allIds('Companies', body.filter, 7)).toEqual(companies((c) => c.active));
    expect((await page('Companies', { filter: [] })).pageDetails.requestCount).toBe(500);
  });

  it('refuses a GET on nextPageUrl with 405 in ASP.NET\'s shape, and a POST without the same body', async () => {
    const next = (await page('Companies', body)).pageDetails.nextPageUrl!;
    const viaGet = await call(next);
    expect(viaGet).toEqual({ status: 405, body: { Message: "The requested resource does not support http method 'GET'." } });
    for (const init of [{ method: 'POST' }, { method: 'POST', body: JSON.stringify({ ...body, filter: [] }) }, { method: 'POST', body: JSON.stringify({ ...body, MaxRecords: 8 }) }]) {
      const answer = await call(next, init);
      expect(answer.status, init.body).toBe(500);
      expect(errorsOf(answer)).toEqual([expect.stringMatching(/same body/)]);
    }
  });

  it('keeps search= in the next page of a GET query, fetched with GET', async () => {
    const search = `Companies/query?search=${encodeURIComponent(JSON.stringify(body))}`;
    let current = (await call(search)).body as QueryPage;
    const ids = current.items.map((item) => item['id']);
    while (current.pageDetails.nextPageUrl) {
      expect(new URL(current.pageDetails.nextPageUrl).searchParams.get('search')).toBe(JSON.stringify(body));
      current = (await call(current.pageDetails.nextPageUrl)).body as QueryPage;
      ids.push(...current.items.map((item) => item['id']));
    }
    expect(ids).toEqual(companies((c) => c.active));
  });
});

describe('Autotask face: metadata, thread limit, admin endpoint', () => {
  it('serves picklists inline, their values as strings', async () => {
    const { fields } = (await call('Companies/entityInformation/fields')).body as { fields: Record<string, unknown>[] };
    const companyType = fields.find((field) => field['name'] === 'companyType')!;
    expect((companyType['picklistValues'] as Record<string, unknown>[]).map((value) => [value['value'], value['label']])).toEqual([
      ['1', 'Customer'], ['2', 'Lead'], ['3', 'Prospect'], ['4', 'Dead'], ['6', 'Cancelation'], ['7', 'Vendor'], ['8', 'Partner'],
    ]);
  });

  it('rejects a fourth concurrent request to one endpoint, but not to another endpoint', async () => {
    // Long enough that the whole burst is in flight together even on a busy machine.
    const slow = await startPsaSimulator({ companies: 60, contactsPerCompany: 1, latencyMs: 400 });
    try {
      const headers = { ...auth, ApiIntegrationCode: slow.credentials.autotask.integrationCode };
      const query = (entity: string) => fetch(`${slow.url}/ATServicesRest/V1.0/${entity}/query`, { method: 'POST', headers, body: '{"filter":[]}' });
      const burst = [0, 1, 2, 3, 4].map(() => query('Companies'));
      const others = [0, 1, 2].map(() => query('Contacts'));
      const statuses = await Promise.all(burst.map(async (response) => (await response).status));
      expect(statuses.filter((status) => status === 200)).toHaveLength(3);
      expect(((await (await burst[statuses.indexOf(500)]!).json()) as { errors: string[] }).errors[0]).toMatch(/Thread Threshold Exceeded.*Itgenatr005|Itgenatr005.*Thread Threshold Exceeded/);
      expect(await Promise.all(others.map(async (response) => (await response).status))).toEqual([200, 200, 200]);
    } finally {
      await slow.close();
    }
  });

  it('mutates a running simulator for another process, behind the admin token', async () => {
    const send = (token: string, ops: unknown) => fetch(`${sim.url}/__sim/mutate`, { method: 'POST', headers: { 'x-sim-admin': token }, body: JSON.stringify(ops) });
    expect((await send('wrong', [])).status).toBe(401);
    expect((await send(sim.adminToken, [{ op: 'rename', id: 'x' }])).status).toBe(400);
    const { results } = (await (await send(sim.adminToken, [{ op: 'add', name: 'Nieuwe Klant B.V.', contacts: 2 }])).json()) as { results: { id: number; contactIds: number[] }[] };
    expect(((await call(`Companies/${results[0]!.id}`)).body as { item: { companyName: string } }).item.companyName).toBe('Nieuwe Klant B.V.');
    await send(sim.adminToken, [{ op: 'delete', id: results[0]!.id }]);
    expect((await call(`Companies/${results[0]!.id}`)).body).toEqual({ item: null });
  });
});
