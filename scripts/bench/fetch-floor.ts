/**
 * Measured floors for bench:fetch: a client that already knows where every
 * page starts (from the ids of a finished fetch) and asks for exactly the
 * minimum pages, as independent id-range queries with the same transport and
 * the same concurrency. It needs no discovery, counts, cursors or splits.
 * - `transport`: bodies are received and dropped: the simulator's answer time
 *   plus moving the bytes on this machine.
 * - `handled`: each page is also parsed, validated and mapped by the
 *   connectors' own codecs, where the connectors run them (the page worker),
 *   as any correct client must: what is left between this and the real fetch
 *   is the cost of not knowing the pages.
 */
import { autotaskHeaders } from '../../electron/main/psa/autotask/autotask-client';
import { COMPANY_INCLUDE, CONTACT_INCLUDE } from '../../electron/main/psa/autotask/autotask-connector';
import { connectwiseHeaders, CW_PAGE_SIZE } from '../../electron/main/psa/connectwise/connectwise-client';
import { COMPANY_FIELDS, CONTACT_FIELDS } from '../../electron/main/psa/connectwise/connectwise-connector';
import { PSA_CONCURRENCY } from '../../electron/main/psa/connector-limits';
import { PsaHttp, type PageDecoder, type PsaRequest } from '../../electron/main/psa/http/psa-http';
import { offMainThread } from '../../electron/main/psa/pages/page-decoder';
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

interface FloorRequest {
  readonly request: PsaRequest;
  /** Parses, validates and maps a page as the connector does. */
  readonly decode: PageDecoder<readonly unknown[]>;
}

function handler<P>(decode: PageDecoder<P>, request: PsaRequest, records: (page: P) => readonly unknown[]): FloorRequest {
  return { request, decode: async (response, sent) => records(await decode(response, sent)) };
}

function requestsFor(psa: PsaKind, simUrl: string, credentials: SimCredentials, result: PsaFetchResult): FloorRequest[] {
  const companyIds = result.companies.map((company) => Number(company.psaId));
  const contactIds = result.contacts.map((contact) => Number(contact.psaId));
  if (psa === 'autotask') {
    const headers = autotaskHeaders(credentials.autotask);
    const query = (entity: string, include: readonly string[]) => ([after, upTo]: [number, number]): PsaRequest => ({
      method: 'POST',
      url: `${simUrl}/ATServicesRest/V1.0/${entity}/query`,
      headers,
      body: { filter: [{ op: 'gt', field: 'id', value: after }, { op: 'lte', field: 'id', value: upTo }], MaxRecords: AUTOTASK_PAGE_SIZE, IncludeFields: include },
    });
    const companies = offMainThread('autotask.companies', { typeLabels: [] });
    const contacts = offMainThread('autotask.contacts', null);
    return [
      ...pageRanges(companyIds, AUTOTASK_PAGE_SIZE).map((range) => handler(companies, query('Companies', COMPANY_INCLUDE)(range), (page) => page.records)),
      ...pageRanges(contactIds, AUTOTASK_PAGE_SIZE).map((range) => handler(contacts, query('Contacts', CONTACT_INCLUDE)(range), (page) => page.records)),
    ];
  }
  const headers = { ...connectwiseHeaders(credentials.connectwise), 'pagination-type': 'forward-only' };
  const list = (path: string, fields: string, conditions: string) => ([after, upTo]: [number, number]): PsaRequest => {
    const url = new URL(`${simUrl}/v2025_1/apis/3.0/${path}`);
    url.searchParams.set('conditions', [conditions, `id>${after} and id<=${upTo}`].filter(Boolean).join(' and '));
    url.searchParams.set('fields', fields);
    url.searchParams.set('pageSize', String(CW_PAGE_SIZE));
    return { method: 'GET', url: url.toString(), headers };
  };
  const companies = offMainThread('connectwise.companies', { inactiveStatusIds: [] });
  const contacts = offMainThread('connectwise.contacts', null);
  return [
    ...pageRanges(companyIds, CW_PAGE_SIZE).map((range) => handler(companies, list('company/companies', COMPANY_FIELDS, 'deletedFlag=false')(range), (records) => records)),
    ...pageRanges(contactIds, CW_PAGE_SIZE).map((range) => handler(contacts, list('company/contacts', CONTACT_FIELDS, '')(range), (records) => records)),
  ];
}

/** Milliseconds the floor client takes; with `handle`, it also parses, validates and maps every page. */
export async function measureFloor(psa: PsaKind, simUrl: string, credentials: SimCredentials, result: PsaFetchResult, handle: boolean): Promise<{ wallMs: number; requests: number }> {
  const http = new PsaHttp({ concurrency: PSA_CONCURRENCY });
  const requests = requestsFor(psa, simUrl, credentials, result);
  const kept: unknown[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { request, decode } = requests[next++] as FloorRequest;
      if (!handle) {
        await http.sendForBytes(request);
        continue;
      }
      const { data } = await http.page(request, decode);
      for (const record of data) kept.push(record);
    }
  };
  await Promise.all(Array.from({ length: PSA_CONCURRENCY }, worker));
  return { wallMs: performance.now() - started, requests: requests.length };
}
