/**
 * The measured floor for bench:fetch: a client that already knows where every
 * page starts (from the ids of a finished fetch) and asks for exactly the
 * minimum pages, as independent id-range queries with the same transport and
 * the same concurrency, and does nothing with the bodies. What it takes is the
 * least any client can take on this machine at this latency: the simulator's
 * answer time plus moving the bytes, with no paging, counting or parsing.
 */
import { COMPANY_INCLUDE, CONTACT_INCLUDE } from '../../electron/main/psa/autotask/autotask-connector';
import { CW_ACCEPT, CW_PAGE_SIZE } from '../../electron/main/psa/connectwise/connectwise-client';
import { COMPANY_FIELDS, CONTACT_FIELDS } from '../../electron/main/psa/connectwise/connectwise-connector';
import { PSA_CONCURRENCY } from '../../electron/main/psa/connector-limits';
import { PsaHttp, type PsaRequest } from '../../electron/main/psa/http/psa-http';
import type { PsaKind } from '../../shared/psa/kinds';
import type { PsaFetchResult } from '../../shared/psa/records';
import type { SimCredentials } from '../../test/fakes/psa-sim/model';

const AUTOTASK_PAGE_SIZE = 500;

/** (after, upTo] id ranges of exactly one page each. */
function pageRanges(ids: readonly number[], pageSize: number): Array<[number, number]> {
  const sorted = [...ids].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < sorted.length; start += pageSize) {
    ranges.push([start === 0 ? -1 : (sorted[start - 1] as number), sorted[Math.min(sorted.length, start + pageSize) - 1] as number]);
  }
  return ranges;
}

function requestsFor(psa: PsaKind, simUrl: string, credentials: SimCredentials, result: PsaFetchResult): PsaRequest[] {
  const companyIds = result.companies.map((company) => Number(company.psaId));
  const contactIds = result.contacts.map((contact) => Number(contact.psaId));
  if (psa === 'autotask') {
    const { username, secret, integrationCode } = credentials.autotask;
    const headers = { ApiIntegrationCode: integrationCode, UserName: username, Secret: secret };
    const query = (entity: string, include: readonly string[]) => ([after, upTo]: [number, number]): PsaRequest => ({
      method: 'POST',
      url: `${simUrl}/ATServicesRest/V1.0/${entity}/query`,
      headers,
      body: { filter: [{ op: 'gt', field: 'id', value: after }, { op: 'lte', field: 'id', value: upTo }], MaxRecords: AUTOTASK_PAGE_SIZE, IncludeFields: include },
    });
    return [...pageRanges(companyIds, AUTOTASK_PAGE_SIZE).map(query('Companies', COMPANY_INCLUDE)), ...pageRanges(contactIds, AUTOTASK_PAGE_SIZE).map(query('Contacts', CONTACT_INCLUDE))];
  }
  const { companyId, publicKey, privateKey, clientId } = credentials.connectwise;
  const headers = { Authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`, clientId, Accept: CW_ACCEPT, 'pagination-type': 'forward-only' };
  const list = (path: string, fields: string, conditions: string) => ([after, upTo]: [number, number]): PsaRequest => {
    const url = new URL(`${simUrl}/v2025_1/apis/3.0/${path}`);
    url.searchParams.set('conditions', [conditions, `id>${after} and id<=${upTo}`].filter(Boolean).join(' and '));
    url.searchParams.set('fields', fields);
    url.searchParams.set('pageSize', String(CW_PAGE_SIZE));
    return { method: 'GET', url: url.toString(), headers };
  };
  return [...pageRanges(companyIds, CW_PAGE_SIZE).map(list('company/companies', COMPANY_FIELDS, 'deletedFlag=false')), ...pageRanges(contactIds, CW_PAGE_SIZE).map(list('company/contacts', CONTACT_FIELDS, ''))];
}

/** Milliseconds the floor client takes, and the number of requests it made. */
export async function measureFloor(psa: PsaKind, simUrl: string, credentials: SimCredentials, result: PsaFetchResult): Promise<{ wallMs: number; requests: number }> {
  const http = new PsaHttp({ concurrency: PSA_CONCURRENCY });
  const requests = requestsFor(psa, simUrl, credentials, result);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) await http.send(requests[next++] as PsaRequest);
  };
  await Promise.all(Array.from({ length: PSA_CONCURRENCY }, worker));
  return { wallMs: performance.now() - started, requests: requests.length };
}
