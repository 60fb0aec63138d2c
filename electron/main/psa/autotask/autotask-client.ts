/**
 * Datto Autotask REST v1.0: zone discovery, the three auth headers, queries
 * paged by following `nextPageUrl`, counts and picklists (psa-apis.md §A).
 */
import type { AutotaskCredentials } from '../../../../shared/psa/credentials';
import { PsaError } from '../psa-error';
import type { PageDecoder, PsaHttp } from '../http/psa-http';
import { onceAsync } from '../once-async';
import type { AutotaskFilter } from './autotask-filters';
import type { AutotaskPage } from '../pages/page-codecs';
import { FieldsSchema, QueryCountSchema, ZoneInformationSchema, type FieldsResponse } from './autotask-schemas';

export const AUTOTASK_DISCOVERY_URL = 'https://webservices2.autotask.net';
/** Clients stop after this many pages of one query (go-autotask and n8n use 1,000 at 500 a page). */
const MAX_PAGES = 10_000;

export interface QueryBody {
  readonly filter: readonly AutotaskFilter[];
  readonly MaxRecords?: number;
  readonly IncludeFields?: readonly string[];
}

/** The three auth headers (A.2). */
export function autotaskHeaders(credentials: Pick<AutotaskCredentials, 'username' | 'secret' | 'integrationCode'>): Record<string, string> {
  return { ApiIntegrationCode: credentials.integrationCode, UserName: credentials.username, Secret: credentials.secret };
}

export class AutotaskClient {
  /** The tenant's zone (cached for this client); zone discovery needs no auth headers. */
  readonly discoverZone = onceAsync((signal) => this.fetchZone(signal));

  constructor(
    private readonly credentials: AutotaskCredentials,
    private readonly http: PsaHttp,
  ) {}

  private async fetchZone(signal?: AbortSignal): Promise<{ name: string; apiRoot: URL; tenantId: number | null }> {
    const discovery = (this.credentials.apiBaseUrl || AUTOTASK_DISCOVERY_URL).replace(/\/+$/, '');
    const url = `${discovery}/atservicesrest/v1.0/zoneInformation?user=${encodeURIComponent(this.credentials.username)}`;
    const { data } = await this.http.json({ method: 'GET', url, headers: {}, signal }, ZoneInformationSchema);
    let apiRoot: URL;
    try {
      // Normalise the trailing slash either way (A.1).
      apiRoot = new URL(`${data.url.replace(/\/+$/, '')}/`);
    } catch {
      throw new PsaError('invalid-response', `Zone discovery returned an unusable URL.`);
    }
    return { name: data.zoneName, apiRoot, tenantId: data.ci ?? null };
  }

  private headers(): Record<string, string> {
    return autotaskHeaders(this.credentials);
  }

  private async entityUrl(path: string, signal?: AbortSignal): Promise<string> {
    const { apiRoot } = await this.discoverZone(signal);
    return new URL(`V1.0/${path}`, apiRoot).toString();
  }

  /**
   * Runs a query and hands each page to `onPage`, following `nextPageUrl` exactly as given, until it is null or
   * onPage returns false. `last`: Autotask said no page follows (a null nextPageUrl). `decode` turns a page
   * into records and the next page's URL (page-decoder.ts).
   */
  async query<T>(entity: string, body: QueryBody, decode: PageDecoder<AutotaskPage<T>>, onPage: (items: T[], last: boolean) => boolean | void | Promise<boolean>, signal?: AbortSignal): Promise<void> {
    const { apiRoot } = await this.discoverZone(signal);
    let url: string | null = await this.entityUrl(`${entity}/query`, signal);
    for (let pages = 0; url; pages++) {
      if (pages >= MAX_PAGES) throw new PsaError('invalid-response', `Autotask kept paging past ${MAX_PAGES} pages of ${entity}.`);
      // Working clients re-POST the same body to nextPageUrl (A.5).
      const pageUrl: string = url;
      const { data } = await this.http.page({ method: 'POST', url: pageUrl, headers: this.headers(), body, signal }, decode);
      // false from onPage: the caller has what it needs, so no further page is asked for.
      url = (await onPage(data.records, data.nextPageUrl === null)) === false ? null : data.nextPageUrl;
      if (url && new URL(url).origin !== apiRoot.origin) {
        // Credentials go only to the zone we discovered.
        throw new PsaError('invalid-response', `Autotask's nextPageUrl pointed to another host.`);
      }
    }
  }

  async count(entity: string, filter: readonly AutotaskFilter[], signal?: AbortSignal): Promise<number> {
    const url = await this.entityUrl(`${entity}/query/count`, signal);
    const { data } = await this.http.json({ method: 'POST', url, headers: this.headers(), body: { filter }, signal }, QueryCountSchema);
    return data.queryCount;
  }

  async fields(entity: string, signal?: AbortSignal): Promise<FieldsResponse['fields']> {
    const url = await this.entityUrl(`${entity}/entityInformation/fields`, signal);
    const { data } = await this.http.json({ method: 'GET', url, headers: this.headers(), signal }, FieldsSchema);
    return data.fields;
  }
}
