/**
 * ConnectWise PSA REST 3.0: codebase discovery, Basic auth with the clientId
 * header, forward-only paging that follows the `Link` header, and counts (§B).
 */
import type { z } from 'zod';
import type { ConnectWiseCredentials } from '../../../../shared/psa/credentials';
import type { PsaHttp } from '../http/psa-http';
import { onceAsync } from '../once-async';
import { PsaError } from '../psa-error';
import { CompanyInfoSchema, CountSchema } from './connectwise-schemas';
import { parseLinkHeader } from './link-header';

/** Pins the response schema (B.2): on 2025.1 Company has `types`, an array. */
export const CW_ACCEPT = 'application/vnd.connectwise.com+json; version=2025.1';
export const CW_PAGE_SIZE = 1000;
const MAX_PAGES = 10_000;

export interface ListParams {
  readonly conditions?: string | undefined;
  readonly childConditions?: string | undefined;
  readonly fields?: string | undefined;
}

/** Cloud sites map to their API hosts (`na.myconnectwise.net` → `api-na.myconnectwise.net`); on-premises hosts serve both. */
export function apiHostFor(site: string): string {
  const host = site.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const cloud = /^(?:api-)?([a-z0-9]+)\.(myconnectwise\.net|connectwisedev\.com)$/.exec(host);
  return cloud ? `api-${cloud[1]}.${cloud[2]}` : host;
}

/** Basic `companyId+publicKey:privateKey`, the clientId header and the pinned version (B.2). */
export function connectwiseHeaders(credentials: Pick<ConnectWiseCredentials, 'companyId' | 'publicKey' | 'privateKey' | 'clientId'>): Record<string, string> {
  const basic = Buffer.from(`${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`).toString('base64');
  return { Authorization: `Basic ${basic}`, clientId: credentials.clientId, Accept: CW_ACCEPT };
}

export class ConnectWiseClient {
  /** The codebase (e.g. `v2025_1/`) from `login/companyinfo`, which needs no auth; cached for this client. */
  readonly discover = onceAsync((signal) => this.fetchBase(signal));

  constructor(
    private readonly credentials: ConnectWiseCredentials,
    private readonly http: PsaHttp,
  ) {}

  private origins(): { site: string; api: string } {
    if (this.credentials.apiBaseUrl) {
      const origin = new URL(this.credentials.apiBaseUrl).origin;
      return { site: origin, api: origin };
    }
    const site = this.credentials.site.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    return { site: `https://${site}`, api: `https://${apiHostFor(site)}` };
  }

  private async fetchBase(signal?: AbortSignal): Promise<{ apiRoot: URL; tenant: string }> {
    const { site, api } = this.origins();
    const url = `${site}/login/companyinfo/${encodeURIComponent(this.credentials.companyId)}`;
    const { data } = await this.http.json({ method: 'GET', url, headers: {}, signal }, CompanyInfoSchema);
    // An unknown company id is answered with JSON null: the credentials name no tenant.
    if (!data) throw new PsaError('authentication-error', `ConnectWise does not know the company id on ${new URL(site).host}.`);
    const codebase = data.Codebase.replace(/^\/+/, '').replace(/\/?$/, '/');
    return { apiRoot: new URL(`${api}/${codebase}apis/3.0/`), tenant: data.CompanyName ?? this.credentials.companyId };
  }

  private headers(): Record<string, string> {
    return connectwiseHeaders(this.credentials);
  }

  private async url(path: string, params: Record<string, string | undefined>, signal?: AbortSignal): Promise<URL> {
    const { apiRoot } = await this.discover(signal);
    const url = new URL(path, apiRoot);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
    return url;
  }

  /** Lists a collection in forward-only mode, following `rel="next"` until the PSA sends no Link or onPage returns false. */
  async list<T extends z.ZodType>(path: string, params: ListParams, item: T, onPage: (items: z.output<T>[]) => boolean | void | Promise<boolean>, signal?: AbortSignal): Promise<void> {
    const { apiRoot } = await this.discover(signal);
    const schema = item.array();
    let next: string | undefined = (await this.url(path, { ...params, pageSize: String(CW_PAGE_SIZE) }, signal)).toString();
    for (let pages = 0; next; pages++) {
      if (pages >= MAX_PAGES) throw new PsaError('invalid-response', `ConnectWise kept paging past ${MAX_PAGES} pages of ${path}.`);
      const pageUrl: string = next;
      const { data, response } = await this.http.json({ method: 'GET', url: pageUrl, headers: { ...this.headers(), 'pagination-type': 'forward-only' }, signal }, schema);
      next = (await onPage(data)) === false ? undefined : parseLinkHeader(response.headers['link']).get('next');
      if (next && new URL(next).origin !== apiRoot.origin) throw new PsaError('invalid-response', 'ConnectWise paging pointed to another host.');
    }
  }

  async listAll<T extends z.ZodType>(path: string, item: T, signal?: AbortSignal): Promise<z.output<T>[]> {
    const all: z.output<T>[] = [];
    await this.list(path, {}, item, (items) => void all.push(...items), signal);
    return all;
  }

  async count(path: string, params: ListParams, signal?: AbortSignal): Promise<number> {
    const url = await this.url(`${path}/count`, { ...params }, signal);
    const { data } = await this.http.json({ method: 'GET', url: url.toString(), headers: this.headers(), signal }, CountSchema);
    return data.count;
  }
}
