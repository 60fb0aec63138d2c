/** Contract tests: both real clients against the simulator over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotaskHeaders } from '../../electron/main/psa/autotask/autotask-client';
import { CompanyItemSchema, ContactItemSchema } from '../../electron/main/psa/autotask/autotask-schemas';
import { chunk } from '../../electron/main/psa/connector';
import { createConnectorFactory } from '../../electron/main/psa/connector-factory';
import { connectwiseHeaders } from '../../electron/main/psa/connectwise/connectwise-client';
import { idBatches } from '../../electron/main/psa/connectwise/connectwise-conditions';
import { CwCompanySchema, CwContactSchema } from '../../electron/main/psa/connectwise/connectwise-schemas';
import { fetchFromPsa } from '../../electron/main/psa/fetch-job';
import { PsaError } from '../../electron/main/psa/psa-error';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { PSA_KINDS, type PsaKind } from '../../shared/psa/kinds';
import type { FetchProgress, PsaCompanyRecord, PsaContactRecord } from '../../shared/psa/records';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { FAST_RETRIES, simCredentials } from '../support/psa-sim';

let sim: RunningPsaSimulator;
const connectors = createConnectorFactory(FAST_RETRIES);

beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 7, companies: 1_300, contactsPerCompany: 3 });
});
afterAll(() => sim.close());

/** The tenant's clients: the MSP's own organisation (Autotask company 0) is never one. */
const clients = () => sim.data.companies.filter((company) => !company.deleted && !company.ownOrganisation);

function expected() {
  const companies = clients().filter((company) => company.active);
  const ids = new Set(companies.map((company) => company.id));
  // "" is no email, like null.
  const contacts = sim.data.contacts.filter((contact) => ids.has(contact.companyId) && contact.active && contact.email);
  return { companies, contacts };
}

/** Pages the fetch needs: companies at the page size, then contacts per batch of companies (each batch at least one page). */
function minimumPages(psa: PsaKind, companyIds: number[], contacts: Array<{ companyId: number }>): number {
  const pageSize = psa === 'autotask' ? 500 : 1000;
  const batches = psa === 'autotask' ? chunk(companyIds, 500) : idBatches(companyIds);
  const perBatch = batches.map((batch) => {
    const members = new Set(batch);
    return Math.max(1, Math.ceil(contacts.filter((contact) => members.has(contact.companyId)).length / pageSize));
  });
  return Math.max(1, Math.ceil(companyIds.length / pageSize)) + perBatch.reduce((sum, pages) => sum + pages, 0);
}

async function failureOf(promise: Promise<unknown>): Promise<PsaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PsaError);
  return error as PsaError;
}

describe.each(PSA_KINDS)('%s connector against the simulator', (psa: PsaKind) => {
  it('discovers the tenant and counts what the API user sees', async () => {
    const result = await connectors(simCredentials(sim, psa)).testConnection();
    expect(result.companies).toBe(clients().length);
    expect(result.tenant.length).toBeGreaterThan(0);
  });

  it('fetches exactly the filtered companies and their contacts, every page once', async () => {
    sim.stats.reset();
    const progress: FetchProgress[] = [];
    const result = await fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER, { onProgress: (p) => progress.push(p) });
    const want = expected();
    expect(result.companies.map((company) => company.psaId).sort()).toEqual(want.companies.map((company) => String(company.id)).sort());
    expect(result.contacts.map((contact) => contact.psaId).sort()).toEqual(want.contacts.map((contact) => String(contact.id)).sort());
    const sample = want.contacts[0]!;
    expect(result.contacts.find((contact) => contact.psaId === String(sample.id))).toMatchObject({ email: sample.email, firstName: sample.firstName, companyPsaId: String(sample.companyId) });
    // Contacts counted per company while the pages came in agree with the contacts delivered.
    for (const company of want.companies) {
      const id = String(company.id);
      expect(result.contactsPerCompany?.get(id) ?? 0, id).toBe(want.contacts.filter((contact) => contact.companyId === company.id).length);
    }
    // Progress reaches the PSA's own counts.
    expect(progress.at(-1)).toEqual({ phase: 'contacts', done: want.contacts.length, total: want.contacts.length });
    expect(progress.filter((p) => p.phase === 'companies').at(-1)).toEqual({ phase: 'companies', done: want.companies.length, total: want.companies.length });
    // Every page once: as many list requests as the page size and the company batches need, no more.
    const listCalls = sim.stats.requests.filter((request) => request.api === psa && /\/(companies|contacts)(\/query(\/next)?)?(\?|$)/i.test(request.url.split('#')[0]!) && !/count/i.test(request.url));
    expect(listCalls).toHaveLength(minimumPages(psa, want.companies.map((company) => company.id), want.contacts));
    expect(sim.stats.maxConcurrent(psa)).toBeLessThanOrEqual(3);
  });

  it('reads filter attributes from the tenant and filters on them', async () => {
    const connector = connectors(simCredentials(sim, psa));
    const attributes = await connector.filterAttributes();
    const types = attributes.find((attribute) => attribute.key === 'companyType')!;
    expect(types.options.length).toBeGreaterThanOrEqual(5);
    const vendor = types.options.find((option) => option.label === 'Vendor')!;
    expect(vendor).toBeDefined();
    const result = await fetchFromPsa(connector, { ...DEFAULT_PSA_FILTER, companies: { companyType: [vendor.id] } });
    const vendors = expected().companies.filter((company) => company.kind === 'vendor');
    expect(result.companies.map((company) => company.psaId).sort()).toEqual(vendors.map((company) => String(company.id)).sort());
    expect(result.companies.every((company) => company.typeLabel?.includes('Vendor'))).toBe(true);
  });

  it('treats an empty-string email as no email: the PSA count, the records and their mapping agree', async () => {
    const live = new Set(clients().filter((company) => company.active).map((company) => company.id));
    const blank = sim.data.contacts.filter((contact) => contact.email === '' && contact.active && live.has(contact.companyId));
    expect(blank.length).toBeGreaterThan(0);
    const progress: FetchProgress[] = [];
    const result = await fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER, { onProgress: (p) => progress.push(p) });
    expect(result.contacts.filter((contact) => blank.some((b) => String(b.id) === contact.psaId))).toEqual([]);
    // The PSA's count is of the same contacts: nothing counted that the email filter then drops.
    expect(progress.at(-1)).toEqual({ phase: 'contacts', done: result.contacts.length, total: result.contacts.length });
    const all = await fetchFromPsa(connectors(simCredentials(sim, psa)), { ...DEFAULT_PSA_FILTER, contacts: { activeOnly: true, withEmailOnly: false } });
    expect(all.contacts.find((contact) => contact.psaId === String(blank[0]!.id))).toMatchObject({ email: null });
  });

  it('refuses a wrong secret with an authentication error', async () => {
    const wrong = psa === 'autotask' ? { secret: 'not-the-secret' } : { privateKey: 'not-the-key' };
    const error = await failureOf(connectors(simCredentials(sim, psa, wrong)).testConnection());
    expect(error.kind).toBe('authentication-error');
  });

  it('turns a 403 into forbidden, without retrying', async () => {
    sim.stats.reset();
    const remove = sim.faults.add({ api: psa, pathIncludes: psa === 'autotask' ? '/query/count' : '/count', fault: { kind: 'status', status: 403 } });
    try {
      const error = await failureOf(connectors(simCredentials(sim, psa)).testConnection());
      expect(error.kind).toBe('forbidden');
      expect(sim.stats.requests.filter((request) => request.status === 403)).toHaveLength(1);
    } finally {
      remove();
    }
  });
});

describe('records as the PSAs send them, custom fields included', () => {
  async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
    const response = await fetch(url, { headers });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('Autotask: the schemas accept userDefinedFields and keep none of them', async () => {
    const headers = autotaskHeaders(sim.credentials.autotask);
    const company = sim.data.companies.find((c) => c.id % 4 === 1 && !c.deleted)!;
    const { item } = (await getJson(`${sim.url}/ATServicesRest/V1.0/Companies/${company.id}`, headers)) as { item: Record<string, unknown> };
    expect(item['userDefinedFields']).toEqual([{ name: 'Contract Tier', value: 'Gold' }]);
    const parsed = CompanyItemSchema.parse(item);
    expect(parsed).not.toHaveProperty('userDefinedFields');
    const contact = (await getJson(`${sim.url}/ATServicesRest/V1.0/Contacts/${sim.data.contacts[0]!.id}`, headers)) as { item: Record<string, unknown> };
    expect(ContactItemSchema.parse(contact.item)).not.toHaveProperty('userDefinedFields');
  });

  it('ConnectWise: the schemas accept customFields and keep none of them; system/info answers', async () => {
    const headers = connectwiseHeaders(sim.credentials.connectwise);
    const api = `${sim.url}/v4_6_release/apis/3.0`;
    const [company] = (await getJson(`${api}/company/companies?pageSize=1`, headers)) as Record<string, unknown>[];
    expect(company!['customFields']).toEqual([expect.objectContaining({ caption: 'Contract Tier', type: 'Text' })]);
    expect(CwCompanySchema.parse(company)).not.toHaveProperty('customFields');
    const [contact] = (await getJson(`${api}/company/contacts?pageSize=1`, headers)) as Record<string, unknown>[];
    expect(contact!['customFields']).toEqual([expect.objectContaining({ caption: expect.any(String) })]);
    expect(CwContactSchema.parse(contact)).not.toHaveProperty('customFields');
    expect(await getJson(`${api}/system/info`, headers)).toMatchObject({ version: expect.stringMatching(/^v\d{4}\.\d/), isCloud: expect.any(Boolean), serverTimeZone: expect.any(String) });
  });
});

describe('Autotask specifics', () => {
  it('never offers the MSP\'s own organisation (company 0) or its staff, whatever the filter', async () => {
    const own = sim.data.companies.find((company) => company.ownOrganisation)!;
    expect(own.id).toBe(0);
    const staff = new Set(sim.data.contacts.filter((contact) => contact.companyId === 0).map((contact) => String(contact.id)));
    expect(staff.size).toBeGreaterThan(0);
    const anything = { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } as const;
    const connector = connectors(simCredentials(sim, 'autotask'));
    const companies: PsaCompanyRecord[] = [];
    let companyTotal = -1;
    await connector.fetchCompanies(anything, { page: (records) => companies.push(...records), total: (count) => (companyTotal = count) });
    expect(companies.map((company) => company.psaId)).not.toContain('0');
    expect(companies).toHaveLength(clients().length);
    expect(companyTotal).toBe(companies.length);
    const contacts: PsaContactRecord[] = [];
    await connector.fetchContacts(anything, { kind: 'all' }, { page: (records) => contacts.push(...records), total: () => undefined });
    expect(contacts.filter((contact) => staff.has(contact.psaId))).toEqual([]);
    expect(contacts.length).toBeGreaterThan(0);
  });


  it('an unknown API user is an authentication error (zone discovery 500)', async () => {
    const error = await failureOf(connectors(simCredentials(sim, 'autotask', { username: 'nobody@example.com' })).testConnection());
    expect(error.kind).toBe('authentication-error');
    expect(error.message).toContain('Zone information could not be determined');
  });

  it('an invalid integration code is an authentication error (500)', async () => {
    const error = await failureOf(connectors(simCredentials(sim, 'autotask', { integrationCode: 'WRONG' })).testConnection());
    expect(error.kind).toBe('authentication-error');
  });

  it('pages with at most 500 records and asks for the minimum number of pages', async () => {
    sim.stats.reset();
    await connectors(simCredentials(sim, 'autotask')).fetchCompanies(DEFAULT_PSA_FILTER, { page: () => undefined, total: () => undefined });
    const pages = sim.stats.requests.filter((request) => /companies\/query/i.test(request.url) && !/count/i.test(request.url));
    expect(pages).toHaveLength(Math.ceil(expected().companies.length / 500));
  });
});

describe('ConnectWise specifics', () => {
  it('an unknown company id is an authentication error (companyinfo answers null)', async () => {
    const error = await failureOf(connectors(simCredentials(sim, 'connectwise', { companyId: 'nosuchmsp' })).testConnection());
    expect(error.kind).toBe('authentication-error');
  });

  it('sends clientId: a wrong one is refused', async () => {
    const error = await failureOf(connectors(simCredentials(sim, 'connectwise', { clientId: '00000000-0000-0000-0000-000000000000' })).testConnection());
    expect(error.kind).toBe('authentication-error');
  });

  it('never returns deleted companies', async () => {
    const result = await fetchFromPsa(connectors(simCredentials(sim, 'connectwise')), { ...DEFAULT_PSA_FILTER, companyActiveState: 'any' });
    const deleted = new Set(sim.data.companies.filter((company) => company.deleted).map((company) => String(company.id)));
    expect(deleted.size).toBeGreaterThan(0);
    expect(result.companies.some((company) => deleted.has(company.psaId))).toBe(false);
  });
});
