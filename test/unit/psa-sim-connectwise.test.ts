/**
 * The ConnectWise face of the simulator, called in process: only what the
 * product's client relies on and where the fake must be as strict as a real
 * tenant (psa-apis.md B). The product against it: psa-connectors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { SimContext, SimRequest, SimResponse } from '../fakes/psa-sim/face';
import type { CompanyKind, SimCompany, SimContact, SimCredentials, SimDataset } from '../fakes/psa-sim/model';
import { LITERAL_RULES } from '../fakes/psa-sim/connectwise/conditions';
import { connectwiseFace, createConnectwiseFace } from '../fakes/psa-sim/connectwise/face';

const ORIGIN = 'http://127.0.0.1:5999';
const V2025 = '/v2025_1/apis/3.0';
const GENERIC = '/v4_6_release/apis/3.0';
const CREDENTIALS: SimCredentials = {
  autotask: { username: 'api@example.test', secret: 'at-secret', integrationCode: 'AT-CODE' },
  connectwise: { companyId: 'acmemsp', publicKey: 'PUBKEY', privateKey: 'PRIVKEY', clientId: '11111111-2222-3333-4444-555555555555' },
};
const GOOD_AUTH = basic('acmemsp+PUBKEY:PRIVKEY');
const CLIENT_ID = CREDENTIALS.connectwise.clientId;

function basic(userAndPassword: string): string {
  return `Basic ${Buffer.from(userAndPassword).toString('base64')}`;
}

function company(id: number, name: string, kind: CompanyKind, extra: Partial<SimCompany> = {}): SimCompany {
  return {
    id,
    name,
    identifier: name.replace(/[^A-Za-z0-9]/g, '').slice(0, 30),
    kind,
    active: true,
    deleted: false,
    classificationId: null,
    territoryId: 1,
    marketSegmentId: 2,
    phone: '555-0100',
    city: 'Springfield',
    createdAt: '2020-05-01T08:00:00.000Z',
    lastModifiedAt: '2025-02-20T08:00:41.123Z',
    ...extra,
  };
}

function contact(id: number, companyId: number, firstName: string, extra: Partial<SimContact> = {}): SimContact {
  return {
    id,
    companyId,
    firstName,
    lastName: 'Bellini',
    email: `${firstName.toLowerCase()}@example.test`,
    active: true,
    primary: false,
    title: 'CFO',
    lastModifiedAt: '2025-02-11T09:30:00Z',
    ...extra,
  };
}

function smallDataset(): SimDataset {
  return {
    companies: [
      company(250, 'Acme Widgets', 'customer'),
      company(251, 'Bolt Labs', 'customer', { lastModifiedAt: '2023-01-01T00:00:00Z' }),
      company(252, 'Crane Supplies', 'vendor', { territoryId: null, marketSegmentId: null, phone: '', city: '' }),
      company(253, 'Dormant Co', 'customer', { active: false }),
      company(254, 'Merged Away Ltd', 'customer', { deleted: true }),
      company(255, 'Echo Prospects', 'prospect'),
      company(256, 'Fox Partners', 'partner'),
    ],
    contacts: [
      contact(300, 250, 'Arnie', { primary: true }),
      contact(301, 250, 'Beth', { email: null, title: '' }),
      contact(302, 251, 'Carl', { active: false }),
      contact(303, 252, 'Dana'),
      contact(304, 250, 'Eve', { email: 'eve_smith@acme.example' }),
      // Real tenants have email items whose value is "".
      contact(305, 251, 'Finn', { email: '' }),
    ],
    picklists: {
      classifications: [],
      territories: [
        { id: 1, name: 'North', active: true },
        { id: 2, name: 'South', active: false },
      ],
      marketSegments: [
        { id: 2, name: 'Healthcare', active: true },
        { id: 3, name: 'Legal', active: true },
      ],
    },
    nextId: 400,
  };
}

function bigDataset(companies: number): SimDataset {
  const list = Array.from({ length: companies }, (_, index) => company(1000 + index * 3, `Company ${String(index).padStart(4, '0')}`, index % 4 === 0 ? 'prospect' : 'customer', { deleted: index % 10 === 9 }));
  return { companies: list, contacts: [], picklists: { classifications: [], territories: [], marketSegments: [] }, nextId: 1_000_000 };
}

interface Harness {
  readonly context: SimContext;
  uses: number;
  /** Authenticated calls left before the credentials "expire"; undefined = never. */
  remaining: number | undefined;
}

function harness(data: SimDataset = smallDataset()): Harness {
  const state: Harness = {
    uses: 0,
    remaining: undefined,
    context: {
      data,
      credentials: CREDENTIALS,
      origin: ORIGIN,
      consumeCredentialUse: (api) => {
        expect(api).toBe('connectwise');
        state.uses++;
        if (state.remaining === undefined) return true;
        state.remaining--;
        return state.remaining >= 0;
      },
    },
  };
  return state;
}

interface CallOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Leave out the default Authorization and clientId headers. */
  readonly anonymous?: boolean;
}

function makeRequest(pathAndQuery: string, options: CallOptions = {}): SimRequest {
  const headers = options.anonymous ? {} : { authorization: GOOD_AUTH, clientid: CLIENT_ID };
  return { method: options.method ?? 'GET', url: new URL(pathAndQuery, ORIGIN), headers: { ...headers, ...options.headers }, body: '' };
}

async function call(h: Harness, pathAndQuery: string, options: CallOptions = {}, face = connectwiseFace): Promise<SimResponse> {
  return face.handle(makeRequest(pathAndQuery, options), h.context);
}

type Row = Record<string, unknown>;

function rows(response: SimResponse): Row[] {
  expect(Array.isArray(response.body)).toBe(true);
  return response.body as Row[];
}

function ids(response: SimResponse): number[] {
  return rows(response).map((row) => row.id as number);
}

function links(response: SimResponse): Record<string, string> {
  const header = response.headers?.link;
  if (header === undefined) return {};
  return Object.fromEntries([...header.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((match) => [match[2] ?? '', match[1] ?? '']));
}

/** Follows a Link URL as a client would: the same absolute URL, back into the face. */
function relative(url: string): string {
  expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
  return url.slice(ORIGIN.length);
}

function q(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString()}`;
}

describe('ConnectWise face: discovery, routing, authentication', () => {
  it('answers companyinfo without authentication, in PascalCase, and an unknown company with JSON null', async () => {
    const h = harness();
    expect(await call(h, '/login/companyinfo/AcmeMSP', { anonymous: true })).toEqual({
      status: 200,
      body: { CompanyName: 'acmemsp', Codebase: 'v2025_1/', VersionCode: 'v2025.1', VersionNumber: 'v4.6.12345', CompanyID: 'acmemsp', IsCloud: true },
    });
    expect(await call(h, '/login/companyinfo/nobody', { anonymous: true })).toEqual({ status: 200, body: null });
    expect(h.uses).toBe(0);
  });

  it('serves the same API under the discovered codebase and under v4_6_release, with links on the base used', async () => {
    const h = harness();
    const discovered = await call(h, `${V2025}/company/companies/250`);
    const generic = await call(h, `${GENERIC}/company/companies/250`);
    expect(discovered.status).toBe(200);
    expect(JSON.stringify(generic.body)).toBe(JSON.stringify(discovered.body).replaceAll('/v2025_1/', '/v4_6_release/'));
  });

  it('answers system/info with the server version, authenticated', async () => {
    const h = harness();
    expect(await call(h, `${V2025}/system/info`)).toMatchObject({ status: 200, body: { version: 'v2025.1.12345', isCloud: true, serverTimeZone: expect.any(String), licenseBits: expect.any(Array) } });
    expect((await call(h, `${V2025}/system/info`, { anonymous: true, headers: { clientid: CLIENT_ID } })).status).toBe(401);
  });

  it.each([
    ['an unknown codebase', '/v2019_3/apis/3.0/company/companies', 'GET', 404, 'NotFound'],
    ['an unknown path', `${V2025}/company/nothing`, 'GET', 404, 'NotFound'],
    ['an unknown id', `${V2025}/company/companies/999`, 'GET', 404, 'NotFound'],
    ['a write', `${V2025}/company/companies/250`, 'PATCH', 405, 'MethodNotAllowed'],
  ])('answers %s with %i', async (_, path, method, status, code) => {
    expect(await call(harness(), path, { method })).toMatchObject({ status, body: { code, message: expect.any(String) } });
  });

  it.each([
    ['wrong keys', { authorization: basic('acmemsp+PUBKEY:wrong') }, 401, { code: 'Unauthorized' }],
    ['another company', { authorization: basic('other+PUBKEY:PRIVKEY') }, 401, { code: 'Unauthorized' }],
    ['no credentials', { authorization: '' }, 401, { code: 'ConnectWiseApi', message: 'UserNotAuthenticated' }],
    ['no clientId', { clientid: '' }, 401, { code: 'Unauthorized', message: expect.stringContaining('clientId header is required') }],
    ['an unregistered clientId', { clientid: 'not-registered' }, 401, { code: 'Unauthorized' }],
  ])('refuses %s', async (_, override, status, body) => {
    const h = harness();
    const headers = Object.fromEntries(Object.entries({ authorization: GOOD_AUTH, clientid: CLIENT_ID, ...override }).filter(([, value]) => value !== ''));
    expect(await call(h, `${V2025}/company/companies`, { anonymous: true, headers })).toMatchObject({ status, body });
    expect(h.uses).toBe(0);
  });

  it('accepts the company id in any case, counts each call, answers 400 for a missing clientId when configured, and 401 once the credentials expire', async () => {
    const h = harness();
    expect((await call(h, `${V2025}/company/companies/count`, { headers: { authorization: basic('ACMEMSP+PUBKEY:PRIVKEY') } })).status).toBe(200);
    const strict = createConnectwiseFace({ missingClientIdStatus: 400 });
    expect((await call(h, `${V2025}/company/companies`, { anonymous: true, headers: { authorization: GOOD_AUTH } }, strict)).status).toBe(400);
    h.remaining = 1;
    expect((await call(h, `${V2025}/company/contacts`)).status).toBe(200);
    expect(await call(h, `${V2025}/company/companies`)).toMatchObject({ status: 401, body: { code: 'Unauthorized' } });
    expect(h.uses).toBe(3);
  });
});

describe('ConnectWise face: wire shapes', () => {
  it('returns a company in the B.6 shape, custom fields included', async () => {
    const response = await call(harness(), `${V2025}/company/companies/250`);
    const api = `${ORIGIN}${V2025}`;
    expect(response.body).toEqual({
      id: 250,
      identifier: 'AcmeWidgets',
      name: 'Acme Widgets',
      status: { id: 1, name: 'Active', _info: { status_href: `${api}/company/companies/statuses/1` } },
      city: 'Springfield',
      phoneNumber: '555-0100',
      territory: { id: 1, name: 'North', _info: { location_href: `${api}/system/locations/1` } },
      market: { id: 2, name: 'Healthcare', _info: { market_href: `${api}/company/marketDescriptions/2` } },
      dateAcquired: '2020-05-01T08:00:00Z',
      leadFlag: false,
      isVendorFlag: false,
      deletedFlag: false,
      types: [{ id: 1, name: 'Client', _info: { type_href: `${api}/company/companies/types/1` } }],
      customFields: [{ id: 1, caption: 'Contract Tier', type: 'Text', entryMethod: 'EntryField', numberOfDecimals: 0, value: 'Silver' }],
      _info: {
        lastUpdated: '2025-02-20T08:00:41Z',
        updatedBy: 'simapi',
        dateEntered: '2020-05-01T08:00:00Z',
        enteredBy: 'simapi',
        contacts_href: `${api}/company/contacts?conditions=company/id=250`,
      },
    });
    const h = harness();
    expect((await call(h, `${V2025}/company/companies/254`)).body).toMatchObject({ deletedFlag: true, dateDeleted: '2025-02-20T08:00:41Z' });
    expect((await call(h, `${V2025}/company/companies/253`)).body).toMatchObject({ status: { id: 2, name: 'Inactive' } });
    expect((await call(h, `${V2025}/company/companies/252`)).body).not.toHaveProperty('territory');
  });

  it('returns a contact in the B.7 shape: inactiveFlag inverted, email and phone items, an empty email as ""', async () => {
    const h = harness();
    const api = `${ORIGIN}${V2025}`;
    expect((await call(h, `${V2025}/company/contacts/300`)).body).toEqual({
      id: 300,
      firstName: 'Arnie',
      lastName: 'Bellini',
      company: { id: 250, identifier: 'AcmeWidgets', name: 'Acme Widgets', _info: { company_href: `${api}/company/companies/250` } },
      inactiveFlag: false,
      title: 'CFO',
      defaultFlag: true,
      defaultPhoneType: 'Direct',
      defaultPhoneNbr: '555-0100',
      communicationItems: [
        { id: 600, type: { id: 2, name: 'Direct' }, value: '555-0100', defaultFlag: true, communicationType: 'Phone' },
        { id: 601, type: { id: 1, name: 'Email' }, value: 'arnie@example.test', defaultFlag: true, domain: '@example.test', communicationType: 'Email' },
      ],
      types: [],
      customFields: [{ id: 2, caption: 'Preferred language', type: 'Text', entryMethod: 'EntryField', numberOfDecimals: 0, value: 'EN' }],
      _info: { lastUpdated: '2025-02-11T09:30:00Z', updatedBy: 'simapi' },
    });
    expect(((await call(h, `${V2025}/company/contacts/301`)).body as Row).communicationItems).toEqual([expect.objectContaining({ communicationType: 'Phone' })]);
    expect(((await call(h, `${V2025}/company/contacts/305`)).body as Row).communicationItems).toContainEqual(expect.objectContaining({ communicationType: 'Email', value: '' }));
    expect((await call(h, `${V2025}/company/contacts/302`)).body).toMatchObject({ inactiveFlag: true });
  });

  it('lists statuses (with inactiveFlag), types, territories and markets', async () => {
    const h = harness();
    expect(rows(await call(h, `${V2025}/company/companies/statuses`)).map((status) => [status.id, status.name, status.inactiveFlag])).toEqual([
      [1, 'Active', false],
      [2, 'Inactive', true],
      [3, 'Not Approved', false],
    ]);
    expect(rows(await call(h, `${V2025}/company/companies/types`)).map((type) => type.name)).toEqual(['Client', 'Prospect', 'Partner', 'Vendor', 'Lead', 'Cancelled', 'Dead']);
    expect((await call(h, `${V2025}/system/locations`)).body).toEqual([
      { id: 1, name: 'North', inactiveFlag: false, _info: expect.any(Object) },
      { id: 2, name: 'South', inactiveFlag: true, _info: expect.any(Object) },
    ]);
    expect(rows(await call(h, `${V2025}/company/marketDescriptions`)).map((row) => row.name)).toEqual(['Healthcare', 'Legal']);
  });
});

describe('ConnectWise face: filtering, counting, projection', () => {
  const list = async (path: string, params: Record<string, string>) => ids(await call(harness(), `${V2025}/${path}${q(params)}`));
  const count = async (path: string, params: Record<string, string>) => ((await call(harness(), `${V2025}/${path}/count${q(params)}`)).body as { count: number }).count;

  it.each([
    ['deleted companies unless asked not to', 'company/companies', {}, [250, 251, 252, 253, 254, 255, 256]],
    ['deletedFlag=false', 'company/companies', { conditions: 'deletedFlag=false' }, [250, 251, 252, 253, 255, 256]],
    ['the reference example', 'company/companies', { conditions: 'deletedFlag=false and status/name="Active"', childConditions: 'types/name="Client"' }, [250, 251]],
    ['dates and nested references', 'company/companies', { conditions: 'lastUpdated > [2024-01-01T00:00:00Z] AND territory/name = "north"' }, [250, 253, 254, 255, 256]],
    ['status/id not in', 'company/companies', { conditions: 'status/id not in (2)' }, [250, 251, 252, 254, 255, 256]],
    ['types by id, or-ed', 'company/companies', { childConditions: 'types/id=2 or types/name="Partner"' }, [255, 256]],
    ['id in', 'company/companies', { conditions: 'id in (250, 252, 999)' }, [250, 252]],
    ['contacts of a company', 'company/contacts', { conditions: 'company/id=250 and inactiveFlag=false' }, [300, 301, 304]],
    ['an email, case-insensitively', 'company/contacts', { childConditions: 'communicationItems/value like "ARNIE@example.test" AND communicationItems/communicationType="Email"' }, [300]],
    // One list member must satisfy the whole child expression: a phone item and an email item do not add up.
    ['a phone value as an email', 'company/contacts', { childConditions: 'communicationItems/value = "555-0100" and communicationItems/communicationType = "Email"' }, []],
    ['any email item, "" included', 'company/contacts', { childConditions: 'communicationItems/communicationType="Email"' }, [300, 302, 303, 304, 305]],
    ['an email item that is not ""', 'company/contacts', { childConditions: 'communicationItems/communicationType="Email" and communicationItems/value!=""' }, [300, 302, 303, 304]],
  ])('lists %s, and counts the same', async (_, path, params, expected) => {
    expect(await list(path, params)).toEqual(expected);
    expect(await count(path, { ...params, page: '3', pageSize: '1' })).toBe(expected.length);
  });

  it('answers bad conditions with a 400 in the ConnectWise error shape', async () => {
    const h = harness();
    const response = await call(h, `${V2025}/company/companies${q({ conditions: 'deletedFlag = 0' })}`);
    expect(response).toMatchObject({
      status: 400,
      body: {
        code: 'BadRequest',
        message: `Expected a boolean value, not a numeric. ${LITERAL_RULES}`,
        errors: [{ code: 'InvalidCondition', message: `Expected a boolean value, not a numeric. ${LITERAL_RULES}`, resource: 'conditions', field: 'deletedFlag', details: 'column 15 of conditions' }],
      },
    });
    expect(await call(h, `${V2025}/company/contacts${q({ childConditions: 'communicationItems/type/id in (1,2)' })}`)).toMatchObject({ status: 400, body: { errors: [{ resource: 'childConditions' }] } });
    expect((await call(h, `${V2025}/company/companies${q({ conditions: 'types/name = "Client"' })}`)).body).toMatchObject({ message: expect.stringContaining('filter it with childConditions') });
  });

  it('projects fields, nested paths and list members included', async () => {
    const h = harness();
    expect((await call(h, `${V2025}/company/companies${q({ fields: 'id,name,status/id,types/name,_info/lastUpdated', conditions: 'id=250' })}`)).body).toEqual([
      { id: 250, name: 'Acme Widgets', status: { id: 1 }, types: [{ name: 'Client' }], _info: { lastUpdated: '2025-02-20T08:00:41Z' } },
    ]);
    expect((await call(h, `${V2025}/company/contacts/300${q({ fields: 'id,communicationItems/value,company/id' })}`)).body).toEqual({
      id: 300,
      company: { id: 250 },
      communicationItems: [{ value: '555-0100' }, { value: 'arnie@example.test' }],
    });
  });
});

describe('ConnectWise face: navigable paging', () => {
  const path = `${V2025}/company/companies`;

  it('defaults to 25 records a page, with next and last links on the first page', async () => {
    const h = harness(bigDataset(60));
    const first = await call(h, path);
    expect(rows(first)).toHaveLength(25);
    const rels = links(first);
    expect(Object.keys(rels)).toEqual(['next', 'last']);
    expect(rels.next).toBe(`${ORIGIN}${path}?page=2&pageSize=25`);
    expect(rels.last).toBe(`${ORIGIN}${path}?page=3&pageSize=25`);
  });

  it('gives every record exactly once when following rel="next", keeping the conditions', async () => {
    const h = harness(bigDataset(57));
    const conditions = 'deletedFlag=false and name like "Company%"';
    const expected = ids(await call(h, `${path}${q({ conditions, pageSize: '1000' })}`));
    expect(expected).toHaveLength(52);
    const seen: number[] = [];
    let next: string | undefined = `${path}${q({ conditions, pageSize: '10', orderBy: 'name desc' })}`;
    let pages = 0;
    while (next !== undefined) {
      const response = await call(h, next);
      expect(response.status).toBe(200);
      seen.push(...ids(response));
      const rels = links(response);
      if (pages > 0) expect(rels.first).toContain('page=1');
      if (rels.next) expect(rels.last).toContain('page=6');
      next = rels.next === undefined ? undefined : relative(rels.next);
      pages++;
    }
    expect(pages).toBe(6);
    expect(seen).toHaveLength(52);
    expect(new Set(seen).size).toBe(52);
    expect([...seen].sort((a, b) => a - b)).toEqual(expected);
    expect(seen).toEqual([...expected].reverse());
  });

  it('links a middle page both ways and the last page back only', async () => {
    const h = harness(bigDataset(30));
    const middle = links(await call(h, `${path}?page=2&pageSize=10`));
    expect(Object.keys(middle)).toEqual(['first', 'prev', 'next', 'last']);
    expect(middle.prev).toBe(`${ORIGIN}${path}?page=1&pageSize=10`);
    const lastResponse = await call(h, relative(middle.last ?? ''));
    expect(rows(lastResponse)).toHaveLength(10);
    expect(Object.keys(links(lastResponse))).toEqual(['first', 'prev']);
  });

  it('answers a page past the end with an empty array', async () => {
    const response = await call(harness(bigDataset(30)), `${path}?page=9&pageSize=10`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('sends no Link header when everything fits on one page', async () => {
    const response = await call(harness(), `${path}?pageSize=50`);
    expect(response.headers?.link).toBeUndefined();
  });

  it('clamps pageSize to 1000 and rejects nonsense paging values', async () => {
    const h = harness(bigDataset(1005));
    const response = await call(h, `${path}?pageSize=5000`);
    expect(rows(response)).toHaveLength(1000);
    expect(links(response).next).toBe(`${ORIGIN}${path}?page=2&pageSize=1000`);
    for (const bad of ['page=0', 'page=-1', 'pageSize=0', 'pageSize=ten', 'page=1.5']) {
      const refused = await call(h, `${path}?${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body, bad).toMatchObject({ code: 'BadRequest' });
    }
  });

  it('applies pageId as id > pageId in navigable mode too', async () => {
    const h = harness();
    expect(ids(await call(h, `${path}?pageId=253`))).toEqual([254, 255, 256]);
  });
});

describe('ConnectWise face: forward-only paging', () => {
  const path = `${V2025}/company/companies`;
  const forwardOnly = { headers: { 'pagination-type': 'forward-only' } };

  it('pages and counts unions of id ranges, nested in and/or, like any other conditions', async () => {
    const h = harness(bigDataset(45));
    const every = ids(await call(h, `${path}${q({ pageSize: '1000', conditions: 'deletedFlag=false' })}`, forwardOnly));
    const [a, b, c] = [every[3]!, every[12]!, every[30]!];
    const conditions = `deletedFlag=false and ((id>${a} and id<=${b}) or (id>${c}))`;
    const expected = every.filter((id) => (id > a && id <= b) || id > c);
    const seen: number[] = [];
    let next: string | undefined = `${path}${q({ pageSize: '4', conditions })}`;
    while (next !== undefined) {
      const response = await call(h, next, forwardOnly);
      seen.push(...ids(response));
      const rels = links(response);
      next = rels.next === undefined ? undefined : relative(rels.next);
    }
    expect(seen).toEqual(expected);
    expect((await call(h, `${V2025}/company/companies/count${q({ conditions })}`)).body).toEqual({ count: expected.length });
    const countOf = async (text: string) => ((await call(h, `${V2025}/company/companies/count${q({ conditions: text })}`)).body as { count: number }).count;
    // Only id ranges: answered from the index; the deleted companies in them count too.
    expect(await countOf(`(id>${a} and id<=${b}) or id>${c}`)).toBe(expected.length + (await countOf(`deletedFlag=true and ((id>${a} and id<=${b}) or id>${c})`)));
  });

  it('follows next links carrying pageId=<last id> until no Link header comes back', async () => {
    const h = harness(bigDataset(45));
    const seen: number[] = [];
    let next: string | undefined = `${path}${q({ pageSize: '10', conditions: 'deletedFlag=false' })}`;
    let pages = 0;
    while (next !== undefined) {
      const response = await call(h, next, forwardOnly);
      const page = ids(response);
      seen.push(...page);
      const rels = links(response);
      if (rels.next !== undefined) {
        expect(Object.keys(rels)).toEqual(['next']);
        const url = new URL(rels.next);
        expect(url.searchParams.get('pageId')).toBe(String(page[page.length - 1]));
        expect(url.searchParams.has('page')).toBe(false);
        expect(url.searchParams.get('conditions')).toBe('deletedFlag=false');
        next = relative(rels.next);
      } else {
        expect(response.headers?.link).toBeUndefined();
        next = undefined;
      }
      pages++;
    }
    const expected = ids(await call(h, `${path}${q({ pageSize: '1000', conditions: 'deletedFlag=false' })}`));
    expect(expected).toHaveLength(41);
    expect(seen).toEqual(expected);
    expect(pages).toBe(5);
  });

  it('sends no Link header when the first page is also the last', async () => {
    const response = await call(harness(bigDataset(10)), `${path}?pageSize=10`, forwardOnly);
    expect(ids(response)).toHaveLength(10);
    expect(response.headers?.link).toBeUndefined();
  });

  it('ignores page and refuses an orderBy other than id', async () => {
    const h = harness(bigDataset(30));
    expect(ids(await call(h, `${path}?page=3&pageSize=5`, forwardOnly))).toEqual([1000, 1003, 1006, 1009, 1012]);
    expect((await call(h, `${path}?orderBy=id%20asc&pageSize=5`, forwardOnly)).status).toBe(200);
    const refused = await call(h, `${path}?orderBy=name%20desc`, forwardOnly);
    expect(refused).toMatchObject({ status: 400, body: { code: 'BadRequest', message: expect.stringContaining('forward-only') } });
  });
});
