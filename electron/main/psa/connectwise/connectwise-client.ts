/**
 * ConnectWise PSA REST 3.0: codebase discovery, Basic auth with the clientId
 * header, forward-only paging that follows the `Link` header (page numbers
 * where a collection has no forward-only mode), and counts (§B).
 */
import type { z } from 'zod';
import type { ConnectWiseCredentials } from '../../../../shared/psa/credentials';
import type { PageDecoder, PsaHttp } from '../http/psa-http';
import { onceAsync } from '../once-async';
import { onMainThread } from '../pages/page-decoder';
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
  /** How each collection pages, once seen: not every one supports forward-only paging (B.5). */
  private readonly paging = new Map<string, 'forward-only' | 'numbered'>();
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

  /** The site and login company id name the tenant; no request needed. */
  tenantIdentity(): string {
    return `connectwise:${new URL(this.origins().site).host.toLowerCase()}/${this.credentials.companyId.trim().toLowerCase()}`;
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

  /**
   * Lists a collection, each page handed to `onPage` (false from it stops). Forward-only paging follows
   * `rel="next"`; an endpoint without that mode sends no Link at all, so a missing Link ends the list only
   * after a part-filled page or on a path known to page forward-only. Otherwise the count decides, and
   * the rest comes by page number (B.5). `last`: ConnectWise's paging said no page follows.
   * `decode` turns a page into items (page-decoder.ts), one item per record of the page.
   */
  async list<T>(
    path: string,
    params: ListParams,
    decode: PageDecoder<T[]>,
    onPage: (items: T[], last: boolean) => boolean | void | Promise<boolean>,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.paging.get(path) === 'numbered') return this.listNumbered(path, params, decode, onPage, 1, signal);
    const { apiRoot } = await this.discover(signal);
    let next: string | undefined = (await this.url(path, { ...params, pageSize: String(CW_PAGE_SIZE) }, signal)).toString();
    let delivered = 0;
    for (let pages = 0; next; pages++) {
      if (pages >= MAX_PAGES) throw new PsaError('invalid-response', `ConnectWise kept paging past ${MAX_PAGES} pages of ${path}.`);
      const pageUrl: string = next;
      const { data, response } = await this.http.page({ method: 'GET', url: pageUrl, headers: { ...this.headers(), 'pagination-type': 'forward-only' }, signal }, decode);
      const link = parseLinkHeader(response.headers['link']).get('next');
      if (link) this.paging.set(path, 'forward-only');
      const last = !link && (data.length < CW_PAGE_SIZE || this.paging.get(path) === 'forward-only');
      delivered += data.length;
      if ((await onPage(data, last)) === false || last) return;
      if (!link) {
        // A full page and no Link from a path not known to page forward-only: maybe the end, maybe no support.
        const total = await this.count(path, { conditions: params.conditions, childConditions: params.childConditions }, signal);
        if (total <= delivered) return;
        this.paging.set(path, 'numbered');
        return this.listNumbered(path, params, decode, onPage, 2, signal);
      }
      if (new URL(link).origin !== apiRoot.origin) throw new PsaError('invalid-response', 'ConnectWise paging pointed to another host.');
      next = link;
    }
  }

  /** Navigable paging by page number, from `firstPage`, until a part-filled or empty page or a last page the Link header names. */
  private async listNumbered<T>(
    path: string,
    params: ListParams,
    decode: PageDecoder<T[]>,
    onPage: (items: T[], last: boolean) => boolean | void | Promise<boolean>,
    firstPage: number,
    signal?: AbortSignal,
  ): Promise<void> {
    for (let page = firstPage; ; page++) {
      if (page > MAX_PAGES) throw new PsaError('invalid-response', `ConnectWise kept paging past ${MAX_PAGES} pages of ${path}.`);
      // In id order: the partitioned fetch reads ids as a cursor, and unordered pages would skip records.
      const url = await this.url(path, { ...params, orderBy: 'id asc', page: String(page), pageSize: String(CW_PAGE_SIZE) }, signal);
      const { data, response } = await this.http.page({ method: 'GET', url: url.toString(), headers: this.headers(), signal }, decode);
      const links = parseLinkHeader(response.headers['link']);
      // Navigable Link headers name the next page while there is one; without a Link header only a short page tells.
      const last = data.length < CW_PAGE_SIZE || (links.size > 0 && !links.has('next'));
      if ((await onPage(data, last)) === false || last) return;
    }
  }

  async listAll<T extends z.ZodType>(path: string, item: T, signal?: AbortSignal): Promise<z.output<T>[]> {
    const all: z.output<T>[] = [];
    await this.list(path, {}, onMainThread(item.array()), (items) => void all.push(...items), signal);
    return all;
  }

  async count(path: string, params: ListParams, signal?: AbortSignal): Promise<number> {
    const url = await this.url(`${path}/count`, { ...params }, signal);
    const { data } = await this.http.json({ method: 'GET', url: url.toString(), headers: this.headers(), signal }, CountSchema);
    return data.count;
  }
}
