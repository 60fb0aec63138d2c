/**
 * The Autotask REST v1.0 face of the simulator (psa-apis.md section A):
 * version and zone discovery, header auth, Companies and Contacts by id,
 * query, query/count and entityInformation, and ThresholdInformation.
 * Writes are not simulated. Paths, header names, query-body keys and field
 * names all match without regard to case, as the real API does.
 */
import type { ApiFace, SimContext, SimRequest, SimResponse } from '../face';
import type { SimDataset } from '../model';
import { ShapeMemo } from '../stable-json';
import { COMPANIES, CONTACTS, entityInformation, fieldInformation, toWire, udfInformation, type AtEntity, type AtField, type AtUdf } from './entities';
import { everything, exactly, firstIndexAtLeast, indexSlices, intersect, narrow, unbounded, union, type IdRanges } from '../id-bounds';
import { compileFilters, FilterError, unknownFieldMessage, type FilterSchema, type Predicate, type ReadField } from './filters';
import { decodeCursor, encodeCursor, parseQueryJson, QueryError, queryFingerprint, type PagingCursor, type QueryModel } from './query-model';

export const AUTOTASK_ROOT = '/atservicesrest';
/** How the simulator spells the API root in URLs it hands out (zone `url`, nextPageUrl). */
export const AUTOTASK_ROOT_CANONICAL = '/ATServicesRest/';

export const ZONE_UNKNOWN_MESSAGE = 'Zone information could not be determined';
export const INTEGRATION_CODE_MESSAGE = 'IntegrationCode is invalid.';
/** The real 401 body is undocumented; `{"errors":[...]}` is the reference's simulator choice ([inf]). */
export const UNAUTHORIZED_MESSAGE = 'Authentication failed: the UserName and Secret do not match.';

const HOURLY_THRESHOLD = 10_000;

export const autotaskFace: ApiFace = {
  api: 'autotask',
  matches(path) {
    const lower = path.toLowerCase();
    return lower === AUTOTASK_ROOT || lower.startsWith(`${AUTOTASK_ROOT}/`);
  },
  handle(request, context) {
    try {
      return route(request, context);
    } catch (error) {
      if (error instanceof FilterError || error instanceof QueryError) return errors(500, error.message);
      throw error;
    }
  },
};

export function errors(status: number, ...messages: string[]): SimResponse {
  return { status, body: { errors: messages } };
}

const ok = (body: unknown): SimResponse => ({ status: 200, body });
/** Routing refusals come from ASP.NET Web API itself, in its `{"Message": …}` shape, not Autotask's `{"errors": […]}`. */
const aspNet = (status: number, message: string): SimResponse => ({ status, body: { Message: message } });
const notFound = (request: SimRequest): SimResponse => aspNet(404, `No HTTP resource was found that matches the request URI '${request.url.pathname}'.`);
const wrongMethod = (request: SimRequest): SimResponse => aspNet(405, `The requested resource does not support http method '${request.method}'.`);

/** [inf] The real wording is unknown; a client that GETs nextPageUrl is refused with 405 before it gets here. */
export const NEXT_PAGE_BODY_MESSAGE = 'The next page of a query must be POSTed with the same body as the first page.';

function route(request: SimRequest, context: SimContext): SimResponse {
  const segments = request.url.pathname.toLowerCase().split('/').filter(Boolean).slice(1);
  const [first, second, ...rest] = segments;
  if (first === 'versioninformation' && second === undefined) return request.method === 'GET' ? ok({ apiVersions: ['1.0'] }) : wrongMethod(request);
  if (first !== 'v1.0' || second === undefined) return notFound(request);
  // Zone discovery takes no credentials: several working clients send none.
  if (second === 'zoneinformation' && rest.length === 0) return request.method === 'GET' ? zoneInformation(request, context) : wrongMethod(request);

  const refused = authenticate(request, context);
  if (refused) return refused;
  if (second === 'thresholdinformation' && rest.length === 0) {
    return ok({ externalRequestThreshold: HOURLY_THRESHOLD, requestThresholdTimeframe: 60, currentTimeframeRequestCount: context.requestsInLastHour?.('autotask') ?? 0 });
  }
  if (second === 'companies') return entityRoute(COMPANIES, rest, request, context);
  if (second === 'contacts') return entityRoute(CONTACTS, rest, request, context);
  return notFound(request);
}

function zoneInformation(request: SimRequest, context: SimContext): SimResponse {
  const user = searchParam(request.url, 'user');
  if (!user || user.toLowerCase() !== context.credentials.autotask.username.toLowerCase()) return errors(500, ZONE_UNKNOWN_MESSAGE);
  return ok({ zoneName: 'PSA Simulator (local)', url: `${context.origin}${AUTOTASK_ROOT_CANONICAL}`, webUrl: `${context.origin}/`, ci: 1 });
}

/** The failure order the reference describes (A.2): unknown user, then wrong secret, then integration code. */
function authenticate(request: SimRequest, context: SimContext): SimResponse | null {
  const expected = context.credentials.autotask;
  const username = header(request, 'username');
  if (!username || username.toLowerCase() !== expected.username.toLowerCase()) return errors(500, ZONE_UNKNOWN_MESSAGE);
  if (header(request, 'secret') !== expected.secret) return errors(401, UNAUTHORIZED_MESSAGE);
  if (header(request, 'apiintegrationcode') !== expected.integrationCode) return errors(500, INTEGRATION_CODE_MESSAGE);
  if (!context.consumeCredentialUse('autotask')) return errors(401, UNAUTHORIZED_MESSAGE);
  return null;
}

function entityRoute<T extends { readonly id: number }>(entity: AtEntity<T>, rest: readonly string[], request: SimRequest, context: SimContext): SimResponse {
  const [first, second, ...more] = rest;
  if (more.length > 0) return notFound(request);
  if (first === 'query' && (second === undefined || second === 'count')) {
    if (request.method !== 'GET' && request.method !== 'POST') return wrongMethod(request);
    return second === 'count' ? count(entity, request, context) : query(entity, request, context, false);
  }
  // The next page of a POST query is POST only: a client that GETs it gets a 405, not its records (A.5).
  if (first === 'query' && second === 'next') return request.method === 'POST' ? query(entity, request, context, true) : wrongMethod(request);
  if (first === 'entityinformation') {
    if (request.method !== 'GET') return wrongMethod(request);
    if (second === undefined) return ok({ info: entityInformation(entity) });
    if (second === 'fields') return ok({ fields: fieldInformation(entity, context.data) });
    if (second === 'userdefinedfields') return ok({ fields: udfInformation(entity) });
    return notFound(request);
  }
  if (first === undefined) return wrongMethod(request);
  if (/^\d+$/.test(first) && second === undefined) {
    if (request.method !== 'GET') return wrongMethod(request);
    const record = findById(entity.records(context.data), Number(first));
    return ok({ item: record && entity.visible(record, context.data) ? toWire(entity, record, null) : null });
  }
  return notFound(request);
}

interface CompiledQuery<T> {
  readonly model: QueryModel;
  readonly cursor: PagingCursor | null;
  /** The `search=` parameter when the query came from the URL. */
  readonly search: string | null;
  readonly matches: (record: T) => boolean;
  readonly ranges: IdRanges;
}

/** `next`: the request is on `query/next`, the next page of a POST query. */
function compileQuery<T extends { readonly id: number }>(entity: AtEntity<T>, request: SimRequest, next = false): CompiledQuery<T> {
  const paging = searchParam(request.url, 'paging');
  const cursor = paging === null ? null : decodeCursor(paging);
  const search = next ? null : searchParam(request.url, 'search');
  // The paging parameter names only ids: the query comes from search= (GET) or the body, which a next page must repeat.
  if (next && cursor?.query === undefined) throw new QueryError('The paging parameter is not valid.');
  if (!next && cursor && search === null) throw new QueryError(NEXT_PAGE_BODY_MESSAGE);
  const model = search !== null ? parseQueryJson(search) : request.body.trim() !== '' ? parseQueryJson(request.body) : null;
  if (!model) throw new QueryError(next ? NEXT_PAGE_BODY_MESSAGE : 'A filter is required.');
  if (next && queryFingerprint(model) !== cursor?.query) throw new QueryError(NEXT_PAGE_BODY_MESSAGE);
  const { schema, read } = schemaOf(entity);
  const predicate: Predicate = compileFilters(model.filter, schema);
  return { model, cursor, search, matches: (record) => predicate((field) => read(record, field)), ranges: rangesOfItems(model.filter, 'and') };
}

/** The id ranges a filter can match (top-level items are AND-ed), so only those slices of the id-ordered records are scanned. */
function rangesOfItems(items: readonly unknown[], op: 'and' | 'or'): IdRanges {
  const parts = items.map(rangesOfItem);
  if (parts.length === 0) return everything(true);
  return op === 'and' ? parts.reduce(intersect, everything(true)) : parts.reduce(union, []);
}

function rangesOfItem(item: unknown): IdRanges {
  if (!item || typeof item !== 'object') return everything(false);
  const { field, op, value, udf, items } = item as { field?: unknown; op?: unknown; value?: unknown; udf?: unknown; items?: unknown };
  const operator = typeof op === 'string' ? op.toLowerCase() : '';
  if ((operator === 'and' || operator === 'or') && Array.isArray(items)) return rangesOfItems(items, operator);
  if (typeof field !== 'string' || field.toLowerCase() !== 'id' || typeof value !== 'number' || udf === true) return everything(false);
  const bounds = unbounded();
  narrow(bounds, operator, value);
  return [bounds];
}

function count<T extends { readonly id: number }>(entity: AtEntity<T>, request: SimRequest, context: SimContext): SimResponse {
  const { matches, ranges } = compileQuery(entity, request);
  const records = entity.records(context.data);
  const visible = exactly(ranges) ? visibleBefore(entity, records, context.data) : null;
  let queryCount = 0;
  for (const [start, end] of indexSlices(records, ranges)) {
    if (visible) queryCount += (visible[end] ?? 0) - (visible[start] ?? 0);
    else {
      for (let index = start; index < end; index++) {
        const record = records[index] as T;
        if (entity.visible(record, context.data) && matches(record)) queryCount++;
      }
    }
  }
  return ok({ queryCount });
}

/** Records change in place, under a new data set revision; their wire shapes are kept per revision. */
const wireShapes = new ShapeMemo<{ readonly id: number }, Record<string, unknown>>();

const visibleCache = new WeakMap<readonly unknown[], { revision: number; before: Uint32Array }>();

/** `before[i]`: how many of the first i records Autotask shows; rebuilt when the data set changes. */
function visibleBefore<T extends { readonly id: number }>(entity: AtEntity<T>, records: readonly T[], data: SimDataset): Uint32Array {
  const revision = data.revision ?? 0;
  const hit = visibleCache.get(records);
  if (hit && hit.revision === revision && hit.before.length === records.length + 1) return hit.before;
  const before = new Uint32Array(records.length + 1);
  records.forEach((record, index) => (before[index + 1] = (before[index] ?? 0) + (entity.visible(record, data) ? 1 : 0)));
  visibleCache.set(records, { revision, before });
  return before;
}

function query<T extends { readonly id: number }>(entity: AtEntity<T>, request: SimRequest, context: SimContext, next: boolean): SimResponse {
  const { model, cursor, search, matches, ranges } = compileQuery(entity, request, next);
  const only = includedFields(entity, model.includeFields);
  const pageSize = cursor?.pageSize ?? model.maxRecords;
  const records = entity.records(context.data);

  // Results run in ascending id order; a page starts at the id its cursor names.
  const items: T[] = [];
  let nextId: number | null = null;
  const from = cursor ? firstIndexAtLeast(records, cursor.nextIds[0] ?? 0) : 0;
  scan: for (const [start, end] of indexSlices(records, ranges)) {
    for (let index = Math.max(start, from); index < end; index++) {
      const record = records[index] as T;
      if (!entity.visible(record, context.data) || !matches(record)) continue;
      if (items.length === pageSize) {
        nextId = record.id;
        break scan;
      }
      items.push(record);
    }
  }

  const previousIds = cursor?.previousIds ?? [];
  const pageUrl = (previous: readonly number[], start: number): string => {
    // A GET query keeps search= and is paged by GET; a POST query is paged at query/next, by POST (A.5).
    const page: PagingCursor = { pageSize, previousIds: previous, nextIds: [start], ...(search === null ? { query: queryFingerprint(model) } : {}) };
    const route = search === null ? 'query/next?' : `query?search=${encodeURIComponent(search)}&`;
    return `${context.origin}${AUTOTASK_ROOT_CANONICAL}V1.0/${entity.path}/${route}paging=${encodeURIComponent(encodeCursor(page))}`;
  };
  const lastPrevious = previousIds.at(-1);
  const firstItem = items[0];
  return ok({
    items: items.map((record) => wireShapes.get(record, context.data.revision ?? 0, `${entity.path} ${only ? [...only].join(',') : '*'}`, () => toWire(entity, record, only))),
    pageDetails: {
      count: items.length,
      requestCount: pageSize,
      prevPageUrl: lastPrevious === undefined ? null : pageUrl(previousIds.slice(0, -1), lastPrevious),
      nextPageUrl: nextId === null || firstItem === undefined ? null : pageUrl([...previousIds, firstItem.id], nextId),
    },
  });
}

function includedFields<T extends { readonly id: number }>(entity: AtEntity<T>, names: readonly string[] | null): ReadonlySet<string> | null {
  if (!names) return null;
  const { fields, udfs } = schemaOf(entity);
  const only = new Set<string>();
  for (const name of names) {
    const field = fields.get(name.toLowerCase());
    if (field) only.add(field.name);
    else if (name.toLowerCase() !== 'userdefinedfields' && !udfs.has(name.toLowerCase())) throw new FilterError(unknownFieldMessage(name));
  }
  return only;
}

interface EntitySchema<T> {
  readonly schema: FilterSchema;
  readonly fields: ReadonlyMap<string, AtField<T>>;
  readonly udfs: ReadonlyMap<string, AtUdf<T>>;
  readonly read: (record: T, field: Parameters<ReadField>[0]) => ReturnType<ReadField>;
}

const schemas = new WeakMap<object, unknown>();

function schemaOf<T extends { readonly id: number }>(entity: AtEntity<T>): EntitySchema<T> {
  const cached = schemas.get(entity) as EntitySchema<T> | undefined;
  if (cached) return cached;
  const fields = new Map(entity.fields.map((field) => [field.name.toLowerCase(), field]));
  const udfs = new Map(entity.udfs.map((udf) => [udf.name.toLowerCase(), udf]));
  const built: EntitySchema<T> = {
    fields,
    udfs,
    schema: {
      field(name) {
        const field = fields.get(name.toLowerCase());
        return field && { name: field.name, dataType: field.dataType, udf: false, queryable: field.isQueryable ?? true };
      },
      udf(name) {
        const udf = udfs.get(name.toLowerCase());
        return udf && { name: udf.name, dataType: udf.dataType, udf: true };
      },
    },
    read(record, field) {
      const source = field.udf ? udfs.get(field.name.toLowerCase()) : fields.get(field.name.toLowerCase());
      return source ? source.get(record) : null;
    },
  };
  schemas.set(entity, built);
  return built;
}

function findById<T extends { readonly id: number }>(records: readonly T[], id: number): T | undefined {
  const index = firstIndexAtLeast(records, id);
  const record = records[index];
  return record?.id === id ? record : undefined;
}


function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Query-string parameter names match without regard to case, like the rest of the API. */
function searchParam(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name) return value;
  return null;
}
