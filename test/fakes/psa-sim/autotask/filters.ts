/**
 * Autotask's query filter grammar (psa-apis.md A.4) as a pure compiler:
 * JSON filter array → validated predicate over a record's wire fields.
 *
 * Autotask runs these as SQL on SQL Server, so the predicate follows SQL:
 * string matching ignores case, and any comparison with a null field is false
 * (`noteq` and `notIn` included); only `exist` / `notExist` see nulls.
 * Validation failures throw FilterError; Autotask answers them with HTTP 500.
 */
import type { AtDataType, WireScalar } from './entities';

export class FilterError extends Error {}

export const MAX_OR_CONDITIONS = 500;
export const MAX_UDF_CONDITIONS = 1;

/** Wording confirmed by the reference ([src]/[docs]). */
export const unknownFieldMessage = (field: string): string => `Unable to find ${field} in the Entity`;
export const OR_LIMIT_MESSAGE = "Queries are limited to 500 or fewer 'OR' conditions";
/** Wording not documented anywhere the reference found: [inf]. */
export const UDF_LIMIT_MESSAGE = 'Only one user-defined field may be used in a query filter.';

const VALUE_OPERATORS = ['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'beginswith', 'endswith', 'contains', 'in', 'notin'] as const;
const NO_VALUE_OPERATORS = ['exist', 'notexist'] as const;
const GROUP_OPERATORS = ['and', 'or'] as const;
type ValueOperator = (typeof VALUE_OPERATORS)[number];

export interface FilterField {
  /** Canonical name (as the entity spells it). */
  readonly name: string;
  readonly dataType: AtDataType;
  readonly udf: boolean;
}

export interface FilterSchema {
  /** Case-insensitive lookup of an entity field. */
  field(name: string): (FilterField & { readonly queryable: boolean }) | undefined;
  /** Case-insensitive lookup of a user-defined field by its UDF name. */
  udf(name: string): FilterField | undefined;
}

export type ReadField = (field: FilterField) => WireScalar;
export type Predicate = (read: ReadField) => boolean;

interface CompileState {
  ors: number;
  udfs: number;
}

/** Reads a JSON object key regardless of case, as Autotask's JSON binding does. */
export function property(object: Record<string, unknown>, key: string): unknown {
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(object)) if (name.toLowerCase() === lower) return value;
  return undefined;
}

export function hasProperty(object: Record<string, unknown>, key: string): boolean {
  const lower = key.toLowerCase();
  return Object.keys(object).some((name) => name.toLowerCase() === lower);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compiles the top-level `filter` array; its elements are AND-ed. */
export function compileFilters(filters: unknown, schema: FilterSchema): Predicate {
  if (!Array.isArray(filters)) throw new FilterError('filter must be an array of filter objects.');
  const state: CompileState = { ors: 0, udfs: 0 };
  const predicates = filters.map((filter) => compileNode(filter, schema, state));
  if (state.ors > MAX_OR_CONDITIONS) throw new FilterError(OR_LIMIT_MESSAGE);
  if (state.udfs > MAX_UDF_CONDITIONS) throw new FilterError(UDF_LIMIT_MESSAGE);
  return (read) => predicates.every((predicate) => predicate(read));
}

function compileNode(node: unknown, schema: FilterSchema, state: CompileState): Predicate {
  if (!isObject(node)) throw new FilterError('Each filter must be an object with "op".');
  const rawOp = property(node, 'op');
  if (typeof rawOp !== 'string') throw new FilterError('Each filter must have an "op".');
  // Operators are an enum on Autotask's side and bind without regard to case.
  const op = rawOp.toLowerCase();

  if (isOneOf(op, GROUP_OPERATORS)) {
    const items = property(node, 'items');
    if (!Array.isArray(items)) throw new FilterError(`The "${rawOp}" operator requires an "items" array.`);
    const children = items.map((item) => compileNode(item, schema, state));
    if (op === 'or') {
      state.ors += children.length;
      return (read) => children.length === 0 || children.some((child) => child(read));
    }
    return (read) => children.every((child) => child(read));
  }

  if (!isOneOf(op, VALUE_OPERATORS) && !isOneOf(op, NO_VALUE_OPERATORS)) throw new FilterError(`Invalid filter operator: ${rawOp}`);
  const field = resolveField(node, schema, state);
  if (op === 'exist') return (read) => read(field) !== null;
  if (op === 'notexist') return (read) => read(field) === null;
  if (!hasProperty(node, 'value')) throw new FilterError(`The "${rawOp}" operator requires a value.`);
  return compileComparison(op, field, property(node, 'value'), state);
}

function resolveField(node: Record<string, unknown>, schema: FilterSchema, state: CompileState): FilterField {
  const name = property(node, 'field');
  if (typeof name !== 'string' || name === '') throw new FilterError('Each condition must name a "field".');
  if (property(node, 'udf') === true) {
    state.udfs++;
    const udf = schema.udf(name);
    if (!udf) throw new FilterError(unknownFieldMessage(name));
    return udf;
  }
  const field = schema.field(name);
  if (!field) throw new FilterError(unknownFieldMessage(name));
  if (!field.queryable) throw new FilterError(`Field ${field.name} cannot be queried.`);
  return { name: field.name, dataType: field.dataType, udf: false };
}

type Comparable = string | number | boolean;

function compileComparison(op: ValueOperator, field: FilterField, value: unknown, state: CompileState): Predicate {
  if (op === 'in' || op === 'notin') {
    if (!Array.isArray(value)) throw new FilterError(`The "${op === 'in' ? 'in' : 'notIn'}" operator requires an array value.`);
    // Autotask expands a list into OR-ed equalities, so each value counts against the OR limit.
    state.ors += value.length;
    const set = new Set(value.map((item) => convertValue(field, item)).filter((item) => item !== null));
    return op === 'in'
      ? (read) => matchNonNull(field, read, (actual) => set.has(actual))
      : (read) => matchNonNull(field, read, (actual) => !set.has(actual));
  }
  if (Array.isArray(value)) throw new FilterError(`The "${op}" operator takes a single value, not a list.`);

  if (op === 'beginswith' || op === 'endswith' || op === 'contains') {
    if (typeof value !== 'string' && typeof value !== 'number') throw new FilterError(conversionMessage(value, field));
    const needle = String(value).toLowerCase();
    const test =
      op === 'beginswith' ? (text: string) => text.startsWith(needle) : op === 'endswith' ? (text: string) => text.endsWith(needle) : (text: string) => text.includes(needle);
    return (read) => {
      const actual = read(field);
      return actual !== null && test(String(actual).toLowerCase());
    };
  }

  const expected = convertValue(field, value);
  if (expected === null) return () => false;
  if (field.dataType === 'boolean' && op !== 'eq' && op !== 'noteq') throw new FilterError(`The "${op}" operator cannot be used on boolean field ${field.name}.`);
  switch (op) {
    case 'eq':
      return (read) => matchNonNull(field, read, (actual) => actual === expected);
    case 'noteq':
      return (read) => matchNonNull(field, read, (actual) => actual !== expected);
    case 'gt':
      return (read) => matchNonNull(field, read, (actual) => actual > expected);
    case 'gte':
      return (read) => matchNonNull(field, read, (actual) => actual >= expected);
    case 'lt':
      return (read) => matchNonNull(field, read, (actual) => actual < expected);
    case 'lte':
      return (read) => matchNonNull(field, read, (actual) => actual <= expected);
  }
}

function matchNonNull(field: FilterField, read: ReadField, test: (actual: Comparable) => boolean): boolean {
  const actual = comparableField(field, read(field));
  return actual !== null && test(actual);
}

/** A field's wire value in the form filter values are converted to. */
function comparableField(field: FilterField, raw: WireScalar): Comparable | null {
  if (raw === null) return null;
  switch (field.dataType) {
    case 'string':
      return String(raw).toLowerCase();
    case 'datetime':
      return typeof raw === 'string' ? parseDate(raw) : null;
    default:
      return raw;
  }
}

/** Converts a filter value to the field's type, the way Autotask's SQL parameters would be; null stays null. */
function convertValue(field: FilterField, value: unknown): Comparable | null {
  if (value === null) {
    // The docs single out booleans: "anything else, null included, returns an error".
    if (field.dataType === 'boolean') throw new FilterError(conversionMessage(value, field));
    return null;
  }
  switch (field.dataType) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new FilterError(conversionMessage(value, field));
      return value;
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') throw new FilterError(conversionMessage(value, field));
      return String(value).toLowerCase();
    case 'datetime': {
      const parsed = typeof value === 'string' ? parseDate(value) : null;
      if (parsed === null) throw new FilterError(conversionMessage(value, field));
      return parsed;
    }
    default: {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(number) || (field.dataType !== 'decimal' && !Number.isInteger(number))) throw new FilterError(conversionMessage(value, field));
      return number;
    }
  }
}

/** ISO-8601; a time without a zone is taken as UTC, the zone Autotask stores in. */
function parseDate(text: string): number | null {
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const parsed = Date.parse(zoned);
  return Number.isNaN(parsed) ? null : parsed;
}

function conversionMessage(value: unknown, field: FilterField): string {
  return `Unable to convert value ${JSON.stringify(value)} for field ${field.name} to type ${field.dataType}.`;
}

function isOneOf<T extends string>(value: string, options: readonly T[]): value is T {
  return (options as readonly string[]).includes(value);
}
