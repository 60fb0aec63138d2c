/**
 * ConnectWise conditions checked against a resource's fields and turned into a
 * record predicate (psa-apis.md B.4). `conditions` filter a record's own fields;
 * `childConditions` filter members of its lists (`types`, `communicationItems`):
 * a record matches when some member (one per list named) satisfies the whole
 * child expression, which is what makes
 * `communicationItems/value="x" AND communicationItems/communicationType="Email"`
 * mean "an email item with that value" rather than two unrelated items.
 */
import { column, ConditionsError, LITERAL_RULES, parseConditions, type Comparison, type ConditionNode, type Literal } from './conditions-parser';
import { isJsonObject, readPath, type Json, type JsonObject } from './json';

export { column, ConditionsError, LITERAL_RULES, parseConditions } from './conditions-parser';
export type { Comparison, ConditionNode, Literal, Operator } from './conditions-parser';

export type FieldType = 'string' | 'numeric' | 'boolean' | 'datetime';

/** A field's type, or its type plus where it lives when that differs from its condition path (`lastUpdated` → `_info/lastUpdated`). */
export type FieldSpec = FieldType | { readonly type: FieldType; readonly at: string };

export interface FieldTable {
  /** Condition paths as ConnectWise spells them (matched case-insensitively). */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** List fields, filtered only through childConditions: list name → member fields. */
  readonly lists?: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;
}

export type RecordPredicate = (record: JsonObject) => boolean;

export interface ResolvedField {
  readonly type: FieldType;
  /** Path inside the record, or inside the list member for child fields. */
  readonly path: readonly string[];
  /** The list's key for child fields. */
  readonly list?: string;
}

/** Compiles `conditions`; null when the text is blank. Throws ConditionsError. */
export function compileConditions(text: string, table: FieldTable): RecordPredicate | null {
  const tree = parseConditions(text, { allowIn: true });
  if (!tree) return null;
  const test = bind(tree, (comparison) => resolveOwnField(table, comparison.field, comparison.fieldOffset));
  return (record) => test({ record, members: new Map() });
}

/** Compiles `childConditions`; null when the text is blank. Throws ConditionsError. */
export function compileChildConditions(text: string, table: FieldTable): RecordPredicate | null {
  const tree = parseConditions(text, { allowIn: false });
  if (!tree) return null;
  const lists = new Set<string>();
  const test = bind(tree, (comparison) => {
    const field = resolveChildField(table, comparison.field, comparison.fieldOffset);
    if (field.list !== undefined) lists.add(field.list);
    return field;
  });
  const listKeys = [...lists];
  return (record) => someCombination(record, listKeys, new Map(), test);
}

/** The field for `orderBy` and `conditions`: the record's own (non-list) fields. */
export function resolveOwnField(table: FieldTable, path: string, offset: number): ResolvedField {
  const own = lookup(table.fields, path);
  if (own) return own;
  const list = listOf(table, path);
  if (list) throw new ConditionsError(`'${path}' is a field of the ${list} list; filter it with childConditions (${column(offset)}).`, offset, path);
  throw new ConditionsError(`Unknown field '${path}' at ${column(offset)}.`, offset, path);
}

function resolveChildField(table: FieldTable, path: string, offset: number): ResolvedField {
  const list = listOf(table, path);
  const members = list ? table.lists?.[list] : undefined;
  if (list && members) {
    const member = lookup(members, path.slice(list.length + 1));
    if (member) return { ...member, list };
  } else if (lookup(table.fields, path)) {
    throw new ConditionsError(`'${path}' is not a list field; filter it with conditions (${column(offset)}).`, offset, path);
  }
  throw new ConditionsError(`Unknown field '${path}' at ${column(offset)}.`, offset, path);
}

function listOf(table: FieldTable, path: string): string | undefined {
  const head = path.split('/')[0]?.toLowerCase();
  return Object.keys(table.lists ?? {}).find((name) => name.toLowerCase() === head && path.includes('/'));
}

function lookup(fields: Readonly<Record<string, FieldSpec>>, path: string): Omit<ResolvedField, 'list'> | undefined {
  const wanted = path.toLowerCase();
  const name = Object.keys(fields).find((key) => key.toLowerCase() === wanted);
  const spec = name === undefined ? undefined : fields[name];
  if (name === undefined || spec === undefined) return undefined;
  return typeof spec === 'string' ? { type: spec, path: name.split('/') } : { type: spec.type, path: spec.at.split('/') };
}

interface Scope {
  readonly record: JsonObject;
  /** The list member currently tried for each list (childConditions only). */
  readonly members: ReadonlyMap<string, JsonObject>;
}

type ScopeTest = (scope: Scope) => boolean;

function bind(node: ConditionNode, resolve: (comparison: Comparison) => ResolvedField): ScopeTest {
  if (node.type !== 'comparison') {
    const parts = node.operands.map((operand) => bind(operand, resolve));
    return node.type === 'and' ? (scope) => parts.every((part) => part(scope)) : (scope) => parts.some((part) => part(scope));
  }
  const field = resolve(node);
  const matches = compileComparison(node, field.type);
  return (scope) => {
    const source = field.list === undefined ? scope.record : scope.members.get(field.list);
    return source !== undefined && matches(readPath(source, field.path));
  };
}

function someCombination(record: JsonObject, lists: readonly string[], chosen: Map<string, JsonObject>, test: ScopeTest): boolean {
  const [list, ...rest] = lists;
  if (list === undefined) return test({ record, members: chosen });
  const members = record[list];
  if (!Array.isArray(members)) return false;
  return members.some((member: Json) => isJsonObject(member) && someCombination(record, rest, new Map(chosen).set(list, member), test));
}

/**
 * Type rules [inf beyond the quoted message]: a literal must have the field's type
 * (the server's "Expected a boolean value, not a numeric."), null only with = and !=,
 * contains/like only on strings, booleans only with = and !=.
 */
function compileComparison(comparison: Comparison, type: FieldType): (actual: Json | undefined) => boolean {
  const { operator, negated, field } = comparison;
  const at = comparison.operatorOffset;
  if ((operator === 'contains' || operator === 'like') && type !== 'string') {
    throw new ConditionsError(`The ${operator} operator needs a string field; '${field}' is ${type} (${column(at)}).`, at, field);
  }
  if (type === 'boolean' && operator !== '=' && operator !== '!=' && operator !== 'in') {
    throw new ConditionsError(`'${field}' is boolean and can only be compared with = or != (${column(at)}).`, at, field);
  }
  for (const literal of comparison.values) checkLiteral(literal, type, comparison);

  const [first] = comparison.values;
  if (first?.kind === 'null') {
    return operator === '=' ? (actual) => actual === null || actual === undefined : (actual) => actual !== null && actual !== undefined;
  }
  const literals = comparison.values.map((literal) => normaliseLiteral(literal));
  const test = valueTest(operator, literals);
  // SQL semantics [inf]: a missing value matches no comparison with a value, negated or not.
  return (actual) => {
    const value = normaliseActual(actual, type);
    if (value === null) return false;
    return negated ? !test(value) : test(value);
  };
}

function checkLiteral(literal: Literal, type: FieldType, comparison: Comparison): void {
  const { operator, field } = comparison;
  if (literal.kind === 'null') {
    if (operator === '=' || operator === '!=') return;
    const what = operator === 'in' ? 'inside an in list; use = null' : `with ${operator}; use = null or != null`;
    throw new ConditionsError(`null cannot be used ${what} (${column(literal.offset)}).`, literal.offset, field);
  }
  if (literal.kind !== type) {
    throw new ConditionsError(`Expected a ${type} value, not a ${literal.kind}. ${LITERAL_RULES}`, literal.offset, field);
  }
}

type Comparable = string | number | boolean;

function normaliseLiteral(literal: Literal): Comparable {
  if (literal.kind === 'null') throw new Error('null literals are handled before normalising');
  return literal.kind === 'string' ? literal.value.toLowerCase() : literal.value;
}

/** Strings compare case-insensitively (SQL Server's default collation) [inf]. */
function normaliseActual(actual: Json | undefined, type: FieldType): Comparable | null {
  switch (type) {
    case 'string':
      return typeof actual === 'string' ? actual.toLowerCase() : null;
    case 'numeric':
      return typeof actual === 'number' ? actual : null;
    case 'boolean':
      return typeof actual === 'boolean' ? actual : null;
    case 'datetime': {
      const time = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
      return Number.isNaN(time) ? null : time;
    }
  }
}

function valueTest(operator: Comparison['operator'], literals: readonly Comparable[]): (value: Comparable) => boolean {
  const [literal] = literals;
  if (literal === undefined) throw new Error('a comparison always has a value');
  switch (operator) {
    case '=':
      return (value) => value === literal;
    case '!=':
      return (value) => value !== literal;
    case '<':
      return (value) => value < literal;
    case '<=':
      return (value) => value <= literal;
    case '>':
      return (value) => value > literal;
    case '>=':
      return (value) => value >= literal;
    case 'in':
      return (value) => literals.includes(value);
    case 'contains':
      return (value) => String(value).includes(String(literal));
    case 'like': {
      const pattern = likePattern(String(literal));
      return (value) => pattern.test(String(value));
    }
  }
}

/** `%` is the only wildcard [inf: `_` and `[...]` are SQL Server wildcards too, but the docs only show `%`]. */
function likePattern(text: string): RegExp {
  const body = text
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}
