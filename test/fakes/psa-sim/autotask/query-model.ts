/**
 * Autotask's QueryModel (`{filter, MaxRecords, IncludeFields}`, keys in any
 * case) and the simulator's paging cursor. The cursor mimics the real
 * `paging={"pageSize","previousIds","nextIds"}` parameter. Like the real
 * server, it does not carry the query: the next page of a POST query must be
 * POSTed with the same body (psa-apis.md A.5). The simulator adds a fingerprint
 * of that body, so a client that re-POSTs a different one is refused instead of
 * silently paging another query.
 */
import { isObject, property } from './filters';

export const MAX_RECORDS_LIMIT = 500;
/** The real server's wording names its internal parameter, not the body key (psa-apis.md A.5). */
export const MAX_RECORDS_MESSAGE = `maxCountOfRecordsToReturn must be between 1 and ${MAX_RECORDS_LIMIT}`;

/** Autotask answers malformed queries with HTTP 500 and `{"errors":[message]}`; the wording here is [inf]. */
export class QueryError extends Error {}

export interface QueryModel {
  readonly filter: readonly unknown[];
  readonly maxRecords: number;
  /** null = every field. */
  readonly includeFields: readonly string[] | null;
}

export interface PagingCursor {
  readonly pageSize: number;
  /** First ids of the earlier pages, oldest first (for prevPageUrl). */
  readonly previousIds: readonly number[];
  /** First id of the page this cursor points at. */
  readonly nextIds: readonly number[];
  /** Fingerprint of the POSTed query the next page must be asked with; absent for `search=` queries. */
  readonly query?: string;
}

export function parseQueryJson(text: string): QueryModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new QueryError('The query could not be read: the body is not valid JSON.');
  }
  return parseQueryModel(parsed);
}

export function parseQueryModel(value: unknown): QueryModel {
  if (!isObject(value)) throw new QueryError('The query must be a JSON object.');
  const filter = property(value, 'filter');
  if (filter === undefined || filter === null) throw new QueryError('A filter is required.');
  if (!Array.isArray(filter)) throw new QueryError('filter must be an array of filter objects.');

  const maxRecords = property(value, 'MaxRecords');
  if (maxRecords !== undefined && maxRecords !== null && (typeof maxRecords !== 'number' || !Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > MAX_RECORDS_LIMIT)) {
    throw new QueryError(MAX_RECORDS_MESSAGE);
  }

  const includeFields = property(value, 'IncludeFields');
  if (includeFields !== undefined && includeFields !== null && (!Array.isArray(includeFields) || !includeFields.every((field) => typeof field === 'string'))) {
    throw new QueryError('IncludeFields must be an array of field names.');
  }
  return {
    filter,
    maxRecords: typeof maxRecords === 'number' ? maxRecords : MAX_RECORDS_LIMIT,
    includeFields: Array.isArray(includeFields) && includeFields.length > 0 ? (includeFields as string[]) : null,
  };
}

/** A short, stable fingerprint of a parsed query (key case already normalised by parseQueryModel). */
export function queryFingerprint(model: QueryModel): string {
  const text = JSON.stringify([model.filter, model.maxRecords, model.includeFields]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(36);
}

export function encodeCursor(cursor: PagingCursor): string {
  return JSON.stringify({ pageSize: cursor.pageSize, previousIds: cursor.previousIds, nextIds: cursor.nextIds, ...(cursor.query ? { query: cursor.query } : {}) });
}

const isIdList = (value: unknown): value is number[] => Array.isArray(value) && value.every((id) => Number.isInteger(id));

export function decodeCursor(text: string): PagingCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new QueryError('The paging parameter is not valid.');
  }
  if (!isObject(parsed)) throw new QueryError('The paging parameter is not valid.');
  const { pageSize, previousIds, nextIds, query } = parsed;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_RECORDS_LIMIT || !isIdList(previousIds) || !isIdList(nextIds) || nextIds.length !== 1) {
    throw new QueryError('The paging parameter is not valid.');
  }
  if (query !== undefined && typeof query !== 'string') throw new QueryError('The paging parameter is not valid.');
  return { pageSize, previousIds, nextIds, ...(query === undefined ? {} : { query }) };
}
