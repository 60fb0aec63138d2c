/**
 * The common list parameters of ConnectWise collection and `/count` endpoints
 * (psa-apis.md B.3, B.5): conditions, childConditions, customFieldConditions,
 * orderBy, fields, page/pageSize, pageId, and the two paging modes.
 */
import type { SimRequest, SimResponse } from '../face';
import { everything, exactly, firstIndexAtLeast, indexSlices, intersect, narrow, unbounded, union, type IdRanges } from '../id-bounds';
import { column, compileChildConditions, compileConditions, ConditionsError, parseConditions, resolveOwnField, type ConditionNode, type FieldTable, type RecordPredicate } from './conditions';
import { badRequest, type CwError } from './errors';
import { ShapeMemo } from '../stable-json';
import { isJsonObject, readPath, type Json, type JsonObject } from './json';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

/** Query parameter names are matched case-insensitively, as the real server does [inf]. */
export function queryParam(url: URL, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return null;
}

/** One predicate for conditions, childConditions and customFieldConditions together. */
function compileFilter(url: URL, table: FieldTable): RecordPredicate {
  const tests: RecordPredicate[] = [];
  const conditions = compileParam(url, 'conditions', (text) => compileConditions(text, table));
  const childConditions = compileParam(url, 'childConditions', (text) => compileChildConditions(text, table));
  // No simulated record has custom fields, so any custom-field condition excludes every record;
  // the text is still parsed so mistakes in it get the same 400 as elsewhere.
  const customFields = compileParam(url, 'customFieldConditions', (text) => (parseConditions(text, { allowIn: false }) ? () => false : null));
  for (const test of [conditions, childConditions, customFields]) if (test) tests.push(test);
  return (record) => tests.every((test) => test(record));
}

/** The id ranges `conditions` can match, so only those slices of the id-ordered records are scanned. */
function idRangesOf(url: URL): IdRanges {
  const text = queryParam(url, 'conditions');
  if (text === null) return everything(true);
  try {
    const node = parseConditions(text, { allowIn: true });
    return node === null ? everything(true) : rangesOfNode(node);
  } catch {
    return everything(false);
  }
}

function rangesOfNode(node: ConditionNode): IdRanges {
  if (node.type !== 'comparison') return node.type === 'and' ? node.operands.map(rangesOfNode).reduce(intersect, everything(true)) : node.operands.map(rangesOfNode).reduce(union, []);
  const [literal] = node.values;
  if (node.field.toLowerCase() !== 'id' || node.negated || node.values.length !== 1 || literal?.kind !== 'numeric') return everything(false);
  const bounds = unbounded();
  narrow(bounds, node.operator, literal.value);
  return [bounds];
}

function compileParam(url: URL, name: string, compile: (text: string) => RecordPredicate | null): RecordPredicate | null {
  const text = queryParam(url, name);
  if (text === null) return null;
  try {
    return compile(text);
  } catch (error) {
    if (error instanceof ConditionsError) throw conditionsError(name, error);
    throw error;
  }
}

/** The message is the server's wording where known; the errors[] entry says where. */
function conditionsError(parameter: string, error: ConditionsError): CwError {
  return badRequest(error.message, [
    {
      code: 'InvalidCondition',
      message: error.message,
      resource: parameter,
      ...(error.field !== undefined ? { field: error.field } : {}),
      details: `${column(error.offset)} of ${parameter}`,
    },
  ]);
}

interface SortKey {
  readonly path: readonly string[];
  readonly descending: boolean;
}

/** `orderBy=name asc, status/name desc`; unknown fields are a 400 [inf]. */
function parseOrderBy(text: string, table: FieldTable): SortKey[] {
  const keys: SortKey[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const words = part.trim().split(/\s+/);
    const [field, direction = 'asc', extra] = words;
    if (!field || extra !== undefined || !/^(asc|desc)$/i.test(direction)) {
      throw badRequest(`orderBy must be a comma list of 'field asc' or 'field desc'; got '${part.trim()}'.`);
    }
    try {
      const fieldOffset = offset + part.length - part.trimStart().length;
      keys.push({ path: resolveOwnField(table, field, fieldOffset).path, descending: direction.toLowerCase() === 'desc' });
    } catch (error) {
      if (error instanceof ConditionsError) throw badRequest(`orderBy: ${error.message}`);
      throw error;
    }
    offset += part.length + 1;
  }
  return keys;
}

function compareValues(left: Json | undefined, right: Json | undefined): number {
  // Missing values sort first, as NULLs do in SQL Server [inf].
  if (left === undefined || left === null) return right === undefined || right === null ? 0 : -1;
  if (right === undefined || right === null) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const a = String(left).toLowerCase();
  const b = String(right).toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRecords(records: JsonObject[], keys: readonly SortKey[]): JsonObject[] {
  // id breaks ties so pages never overlap or skip when sort values repeat.
  const all = [...keys, { path: ['id'], descending: false }];
  return records.sort((a, b) => {
    for (const key of all) {
      const order = compareValues(readPath(a, key.path), readPath(b, key.path));
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

/** Wire records are rebuilt when the data changes, so a projection only depends on the record and the fields. */
const projections = new ShapeMemo<JsonObject, JsonObject>();

/** `fields=id,name,status/id` as a tree of lower-cased keys; `true` keeps the whole value. */
type FieldTree = Map<string, FieldTree | true>;

function fieldTree(fieldsParam: string | null): FieldTree | null {
  if (fieldsParam === null || fieldsParam.trim() === '') return null;
  const root: FieldTree = new Map();
  for (const path of fieldsParam.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    let node = root;
    const keys = path.toLowerCase().split('/');
    keys.forEach((key, index) => {
      const existing = node.get(key);
      if (existing === true) return;
      if (index === keys.length - 1) {
        node.set(key, true);
        return;
      }
      const child = existing ?? new Map<string, FieldTree | true>();
      node.set(key, child);
      node = child;
    });
  }
  return root;
}

/** Keeps only the named paths (whole objects or lists when a path stops at one). */
export function project(record: JsonObject, fieldsParam: string | null): JsonObject {
  const tree = fieldTree(fieldsParam);
  return tree ? pick(record, tree) : record;
}

function pick(record: JsonObject, tree: FieldTree): JsonObject {
  const result: Record<string, Json> = {};
  for (const key of Object.keys(record)) {
    const wanted = tree.get(key.toLowerCase());
    const value = record[key];
    if (wanted === undefined || value === undefined) continue;
    if (wanted === true) result[key] = value;
    else if (isJsonObject(value)) result[key] = pick(value, wanted);
    else if (Array.isArray(value)) result[key] = value.map((item: Json) => (isJsonObject(item) ? pick(item, wanted) : item));
  }
  return result;
}

function positiveInteger(url: URL, name: string, minimum: number): number | null {
  const text = queryParam(url, name);
  if (text === null || text === '') return null;
  if (!/^\d+$/.test(text.trim()) || Number(text) < minimum) {
    throw badRequest(`${name} must be a whole number of at least ${minimum}; got '${text}'.`);
  }
  return Number(text);
}

/** Paging links point back at the simulator with the same path and parameters. */
function pageUrl(request: SimRequest, origin: string, set: Readonly<Record<string, string>>, drop: readonly string[]): string {
  const url = new URL(request.url.pathname + request.url.search, origin);
  const names = [...Object.keys(set), ...drop].map((name) => name.toLowerCase());
  for (const key of [...url.searchParams.keys()]) if (names.includes(key.toLowerCase())) url.searchParams.delete(key);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}

function link(url: string, rel: string): string {
  return `<${url}>; rel="${rel}"`;
}

export function isForwardOnly(request: SimRequest): boolean {
  const header = request.headers['pagination-type'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim().toLowerCase() === 'forward-only';
}

/**
 * GET on a collection: a bare JSON array, with a Link header when there is more than one page. A
 * collection without forward-only paging answers a forward-only request with a numbered page and no Link.
 */
export function answerList(request: SimRequest, origin: string, records: readonly JsonObject[], table: FieldTable, supportsForwardOnly = true): SimResponse {
  const url = request.url;
  // pageSize above the hard limit of 1,000 is clamped rather than refused [inf]: the
  // documents call it a limit, and a clamp keeps Link URLs honest about the real size.
  const pageSize = Math.min(positiveInteger(url, 'pageSize', 1) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const pageId = positiveInteger(url, 'pageId', 0);
  const orderBy = queryParam(url, 'orderBy');
  const forwardOnlyAsked = isForwardOnly(request);
  const forwardOnly = forwardOnlyAsked && supportsForwardOnly;

  const test = compileFilter(url, table);
  const fields = queryParam(url, 'fields');

  if (forwardOnly) {
    // Forward-only pages run in id order; any other order would break the pageId cursor [inf].
    if (orderBy !== null && orderBy.trim() !== '' && !/^\s*id(\s+asc)?\s*$/i.test(orderBy)) {
      throw badRequest('orderBy cannot be combined with forward-only pagination; results come in id order.');
    }
    // Records are kept in id order, so a page is found by scanning from the cursor, not by filtering everything.
    const page: JsonObject[] = [];
    let more = false;
    const from = pageId === null ? 0 : firstIndexAtLeast(records, pageId + 1);
    scan: for (const [start, end] of indexSlices(records, idRangesOf(url))) {
      for (let index = Math.max(start, from); index < end; index++) {
        const record = records[index] as JsonObject;
        if (!test(record)) continue;
        if (page.length === pageSize) {
          more = true;
          break scan;
        }
        page.push(record);
      }
    }
    const last = page[page.length - 1];
    const headers: Record<string, string> = {};
    // The last page carries no Link header: that is how clients know to stop.
    if (more && last) {
      headers.link = link(pageUrl(request, origin, { pageSize: String(pageSize), pageId: String(last.id) }, ['page']), 'next');
    }
    const tree = fieldTree(fields);
    return { status: 200, headers, body: tree && fields !== null ? page.map((record) => projections.get(record, 0, fields, () => pick(record, tree))) : page };
  }

  const matching = records.filter((record) => test(record) && (pageId === null || Number(record.id) > pageId));
  const sorted = sortRecords(matching, orderBy ? parseOrderBy(orderBy, table) : []);
  const page = positiveInteger(url, 'page', 1) ?? 1;
  const lastPage = Math.max(1, Math.ceil(sorted.length / pageSize));
  const tree = fieldTree(fields);
  const slice = sorted.slice((page - 1) * pageSize, page * pageSize);
  const body = tree ? slice.map((record) => pick(record, tree)) : slice;
  const at = (number: number): string => pageUrl(request, origin, { page: String(number), pageSize: String(pageSize) }, []);
  const links: string[] = [];
  if (page > 1) links.push(link(at(1), 'first'), link(at(page - 1), 'prev'));
  if (page < lastPage) links.push(link(at(page + 1), 'next'), link(at(lastPage), 'last'));
  return { status: 200, headers: links.length > 0 && !forwardOnlyAsked ? { link: links.join(', ') } : {}, body };
}

/** GET …/count: `{"count": N}` after conditions; paging parameters are ignored. */
export function answerCount(request: SimRequest, records: readonly JsonObject[], table: FieldTable): SimResponse {
  const ranges = idRangesOf(request.url);
  const slices = indexSlices(records, ranges);
  // Compiled even when unused, so mistakes in the parameters get their 400 either way.
  const test = compileFilter(request.url, table);
  const onlyIdConditions = exactly(ranges) && queryParam(request.url, 'childConditions') === null && queryParam(request.url, 'customFieldConditions') === null;
  let count = 0;
  for (const [start, end] of slices) {
    if (onlyIdConditions) count += end - start;
    else for (let index = start; index < end; index++) if (test(records[index] as JsonObject)) count++;
  }
  return { status: 200, body: { count } };
}
