/**
 * ConnectWise collections without forward-only paging send no Link header; the
 * client must not take that for the end while the count says more records exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CW_PAGE_SIZE, ConnectWiseClient } from '../../electron/main/psa/connectwise/connectwise-client';
import { CwNamedSchema } from '../../electron/main/psa/connectwise/connectwise-schemas';
import { createConnectorFactory } from '../../electron/main/psa/connector-factory';
import { PsaHttp } from '../../electron/main/psa/http/psa-http';
import type { ConnectWiseCredentials } from '../../shared/psa/credentials';
import { generateDataset, SIM_PICKLISTS } from '../fakes/psa-sim/dataset';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { FAST_RETRIES, simCredentials } from '../support/psa-sim';

/** More territories (system/locations, no forward-only mode) than two pages hold. */
const TERRITORIES = 2 * CW_PAGE_SIZE + 345;

let sim: RunningPsaSimulator;

beforeAll(async () => {
  const data = generateDataset({ seed: 11, companies: 60, contactsPerCompany: 1 });
  const territories = Array.from({ length: TERRITORIES }, (_, index) => ({ id: 500 + index * 3, name: `Region ${index}`, active: index % 9 !== 0 }));
  sim = await startPsaSimulator({ data: { ...data, picklists: { ...SIM_PICKLISTS, territories } } });
});
afterAll(() => sim.close());

function client(): ConnectWiseClient {
  return new ConnectWiseClient(simCredentials(sim, 'connectwise') as ConnectWiseCredentials, new PsaHttp({ ...FAST_RETRIES, concurrency: 3 }));
}

function listRequests(path: string) {
  return sim.stats.requests.filter((request) => request.api === 'connectwise' && request.url.toLowerCase().includes(path.toLowerCase()));
}

describe('ConnectWise paging where a collection has no forward-only mode', () => {
  it('lists every record once: the count says more exist, so the rest comes by page number', async () => {
    sim.stats.reset();
    const all = await client().listAll('system/locations', CwNamedSchema);
    const ids = all.map((entry) => entry.id);
    expect(ids).toHaveLength(TERRITORIES);
    expect(new Set(ids).size).toBe(TERRITORIES);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // One forward-only try, one count, then pages 2 and 3 by number.
    const requests = listRequests('system/locations');
    expect(requests.filter((request) => /\/count/i.test(request.url))).toHaveLength(1);
    expect(requests.filter((request) => /[?&]page=\d/.test(request.url)).map((request) => /[?&]page=(\d+)/.exec(request.url)?.[1])).toEqual(['2', '3']);
  });

  it('offers every territory in the filter step', async () => {
    const connector = createConnectorFactory(FAST_RETRIES)(simCredentials(sim, 'connectwise'));
    const attributes = await connector.filterAttributes();
    expect(attributes.find((attribute) => attribute.key === 'territory')?.options).toHaveLength(TERRITORIES);
  });

  it('pages a later list of the same collection by number from the start, without counting again', async () => {
    const shared = client();
    await shared.listAll('system/locations', CwNamedSchema);
    sim.stats.reset();
    expect(await shared.listAll('system/locations', CwNamedSchema)).toHaveLength(TERRITORIES);
    const requests = listRequests('system/locations');
    expect(requests.filter((request) => /\/count/i.test(request.url))).toHaveLength(0);
    expect(requests).toHaveLength(3);
  });

  it('still trusts a missing Link on a collection that pages forward-only', async () => {
    sim.stats.reset();
    const contacts = await client().listAll('company/contacts', CwNamedSchema.pick({ id: true }));
    // ConnectWise has no company 0: the simulator's own-organisation staff exist only on its Autotask face.
    const own = new Set(sim.data.companies.filter((company) => company.ownOrganisation).map((company) => company.id));
    expect(contacts).toHaveLength(sim.data.contacts.filter((contact) => !own.has(contact.companyId)).length);
    const requests = listRequests('company/contacts');
    expect(requests.filter((request) => /\/count|[?&]page=/i.test(request.url))).toHaveLength(0);
  });
});
