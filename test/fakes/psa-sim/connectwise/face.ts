/**
 * The ConnectWise PSA (Manage) REST 3.0 face of the PSA simulator: codebase
 * discovery, then the same read API under `/{codebase}apis/3.0/` and
 * `/v4_6_release/apis/3.0/` (psa-apis.md B, checklist B.12). Reads only: writes get 405.
 */
import type { ApiFace, SimContext, SimRequest, SimResponse } from '../face';
import type { SimDataset } from '../model';
import { markStable } from '../stable-json';
import type { JsonObject } from './json';
import type { AuthOptions } from './auth';
import { checkAuthentication, WRONG_CREDENTIALS_MESSAGE } from './auth';
import { answerCompanyInfo, CODEBASE, GENERIC_CODEBASE, systemInfo } from './company-info';
import { CwError, errorResponse, methodNotAllowed, notFound } from './errors';
import { answerCount, answerList, project, queryParam } from './list-query';
import { RESOURCES, type Resource } from './resources';

export interface ConnectwiseFaceOptions {
  /** See AuthOptions: 401 unless a test wants the other plausible answer. */
  readonly missingClientIdStatus?: 400 | 401;
}

const COMPANY_INFO = /^\/login\/companyinfo(?:\/([^/]*))?\/?$/i;
const API_BASE = /^\/([^/]+)\/apis\/3\.0(?=\/|$)/i;
const BY_LONGEST_PATH = [...RESOURCES].sort((a, b) => b.path.length - a.path.length);

export function createConnectwiseFace(options: ConnectwiseFaceOptions = {}): ApiFace {
  const auth: AuthOptions = { missingClientIdStatus: options.missingClientIdStatus ?? 401 };
  return {
    api: 'connectwise',
    // IIS routes case-insensitively, so the face does too [inf].
    matches: (path) => COMPANY_INFO.test(path) || API_BASE.test(path),
    handle(request, context) {
      try {
        return route(request, context, auth);
      } catch (error) {
        if (error instanceof CwError) return errorResponse(error);
        throw error;
      }
    },
  };
}

export const connectwiseFace: ApiFace = createConnectwiseFace();

function route(request: SimRequest, context: SimContext, auth: AuthOptions): SimResponse {
  const path = request.url.pathname;
  const info = COMPANY_INFO.exec(path);
  if (info) {
    if (request.method !== 'GET') throw methodNotAllowed(request.method);
    return answerCompanyInfo(decodeSegment(info[1] ?? ''), context.credentials.connectwise);
  }

  const base = API_BASE.exec(path);
  if (!base?.[1]) throw notFound();
  const codebase = `${base[1]}/`.toLowerCase();
  // A stale codebase after an upgrade shows up as 404; clients refetch companyinfo then (B.1).
  if (codebase !== CODEBASE && codebase !== GENERIC_CODEBASE) throw notFound(`Unknown codebase '${base[1]}'. Look it up at /login/companyinfo/{companyId}.`);

  checkAuthentication(request.headers, context.credentials.connectwise, auth);
  if (!context.consumeCredentialUse('connectwise')) throw new CwError(401, 'Unauthorized', WRONG_CREDENTIALS_MESSAGE);

  const segments = path.slice(base[0].length).split('/').filter((segment) => segment !== '');
  const api = `${context.origin}${base[0]}`;
  return answerResource(request, context, segments, api);
}

function answerResource(request: SimRequest, context: SimContext, segments: readonly string[], api: string): SimResponse {
  const lower = segments.map((segment) => segment.toLowerCase());
  if (lower.length === 2 && lower[0] === 'system' && lower[1] === 'info') {
    if (request.method !== 'GET') throw methodNotAllowed(request.method);
    return { status: 200, body: systemInfo() };
  }
  const resource = BY_LONGEST_PATH.find((candidate) => candidate.path.every((part, index) => lower[index] === part));
  if (!resource) throw notFound(`No resource at /${segments.join('/')}.`);
  const rest = lower.slice(resource.path.length);
  if (rest.length > 1 || (rest.length === 1 && rest[0] !== 'count' && !/^\d+$/.test(rest[0] ?? ''))) {
    throw notFound(`No resource at /${segments.join('/')}.`);
  }
  if (request.method !== 'GET') throw methodNotAllowed(request.method);

  const [tail] = rest;
  if (tail === undefined) return answerList(request, context.origin, recordsOf(resource, context.data, api), resource.table, resource.forwardOnly ?? true);
  if (tail === 'count') return answerCount(request, recordsOf(resource, context.data, api), resource.table);
  return answerOne(request, context, resource, Number(tail), api);
}

const wireCache = new WeakMap<SimDataset, Map<string, { revision: number; records: JsonObject[] }>>();

/** Wire records are rebuilt only when the data set changed (its revision), not on every page request. */
function recordsOf(resource: Resource, data: SimDataset, api: string): JsonObject[] {
  const key = `${resource.path.join('/')} ${api}`;
  const cache = wireCache.get(data) ?? new Map<string, { revision: number; records: JsonObject[] }>();
  wireCache.set(data, cache);
  const revision = data.revision ?? 0;
  const hit = cache.get(key);
  if (hit && hit.revision === revision) return hit.records;
  // Forward-only paging scans from the cursor, so the list must be in id order.
  const records = resource.records(data, api).sort((a, b) => Number(a.id) - Number(b.id)).map(markStable);
  cache.set(key, { revision, records });
  return records;
}

function answerOne(request: SimRequest, context: SimContext, resource: Resource, id: number, api: string): SimResponse {
  const record = resource.record(context.data, api, id);
  if (!record) throw notFound(`No record with id ${id} at /${resource.path.join('/')}.`);
  return { status: 200, body: project(record, queryParam(request.url, 'fields')) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
