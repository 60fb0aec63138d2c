/**
 * Measured floors for bench:fetch: a client that already knows where every
 * page starts (from the ids of a finished fetch) and asks for exactly the
 * minimum pages, as independent id-range queries with the same transport and
 * the same concurrency. It needs no discovery, counts, cursors or splits.
 * - `transport`: bodies are received and dropped: the simulator's answer time
 *   plus moving the bytes on this machine.
 * - `handled`: each page is also parsed, validated and mapped by the
 *   connectors' own schemas and mappers, as any correct client must: what is
 *   left between this and the real fetch is the cost of not knowing the pages.
 */
import type { z } from 'zod';
import { autotaskHeaders } from '../../electron/main/psa/autotask/autotask-client';
import { COMPANY_INCLUDE, CONTACT_INCLUDE, toCompany as atCompany, toContact as atContact } from '../../electron/main/psa/autotask/autotask-connector';
import { CompanyItemSchema, ContactItemSchema, queryPageSchema } from '../../electron/main/psa/autotask/autotask-schemas';
import { CwCompanySchema, CwContactSchema } from '../../electron/main/psa/connectwise/connectwise-schemas';
import { connectwiseHeaders, CW_PAGE_SIZE } from '../../electron/main/psa/connectwise/connectwise-client';
import { COMPANY_FIELDS, CONTACT_FIELDS, toCompany as cwCompany, toContact as cwContact } from '../../electron/main/psa/connectwise/connectwise-connector';
import { PSA_CONCURRENCY } from '../../electron/main/psa/connector-limits';
import { parseBody, PsaHttp, type PsaRequest, type PsaResponse } from '../../electron/main/psa/http/psa-http';
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
  readonly handle: (response: PsaResponse) => readonly unknown[];
}

function handler<S extends z.ZodType>(schema: S, request: PsaRequest, map: (data: z.output<S>) => readonly unknown[]): FloorRequest {
  return { request, handle: (response) => map(parseBody(response, schema, request)) };
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
    const companies = queryPageSchema(CompanyItemSchema);
    const contacts = queryPageSchema(ContactItemSchema);
    return [
      ...pageRanges(companyIds, AUTOTASK_PAGE_SIZE).map((range) => handler(companies, query('Companies', COMPANY_INCLUDE)(range), (data) => data.items.map((item) => atCompany(item, null)))),
      ...pageRanges(contactIds, AUTOTASK_PAGE_SIZE).map((range) => handler(contacts, query('Contacts', CONTACT_INCLUDE)(range), (data) => data.items.map(atContact))),
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
  const noInactive = new Set<number>();
  return [
    ...pageRanges(companyIds, CW_PAGE_SIZE).map((range) => handler(CwCompanySchema.array(), list('company/companies', COMPANY_FIELDS, 'deletedFlag=false')(range), (items) => items.map((item) => cwCompany(item, noInactive)))),
    ...pageRanges(contactIds, CW_PAGE_SIZE).map((range) => handler(CwContactSchema.array(), list('company/contacts', CONTACT_FIELDS, '')(range), (items) => items.map(cwContact))),
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
      const { request, handle: pageOf } = requests[next++] as FloorRequest;
      const response = await http.send(request);
      if (handle) for (const record of pageOf(response)) kept.push(record);
    }
  };
  await Promise.all(Array.from({ length: PSA_CONCURRENCY }, worker));
  return { wallMs: performance.now() - started, requests: requests.length };
}
