/**
 * Syntax of ConnectWise `conditions` / `childConditions` / `customFieldConditions`
 * (psa-apis.md B.4): `<field path> [not] <operator> <value>`, joined with and/or
 * (any case, `and` binds tighter), grouped with parentheses. This file only knows
 * the grammar; conditions.ts checks fields and types against a resource.
 */

/** The server's own wording of the literal rules (quoted in a public Node client's README). */
export const LITERAL_RULES =
  'String values should be enclosed with double or single quotes; DateTime values should be enclosed in square brackets; ' +
  'numbers should consist of only digits, and optionally a decimal point and a negation sign; ' +
  'boolean values should be indicated with the keywords true or false; null values should be indicated by the keyword null.';

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'like' | 'in';

export type LiteralKind = 'string' | 'numeric' | 'boolean' | 'datetime' | 'null';

export type Literal =
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'numeric'; readonly value: number; readonly offset: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly offset: number }
  /** `value` is epoch milliseconds. */
  | { readonly kind: 'datetime'; readonly value: number; readonly offset: number }
  | { readonly kind: 'null'; readonly offset: number };

export interface Comparison {
  readonly type: 'comparison';
  readonly field: string;
  readonly fieldOffset: number;
  readonly operator: Operator;
  readonly operatorOffset: number;
  /** `not contains`, `not like`, `not in`. */
  readonly negated: boolean;
  /** One literal, or the list of an `in`. */
  readonly values: readonly Literal[];
}

export type ConditionNode = Comparison | { readonly type: 'and' | 'or'; readonly operands: readonly ConditionNode[] };

/** A malformed expression; `offset` is the 0-based index in the text where the problem starts. */
export class ConditionsError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** The field path the problem concerns, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConditionsError';
  }
}

export interface ParseOptions {
  /** False for childConditions and customFieldConditions, which support every operator except `in`. */
  readonly allowIn: boolean;
}

type Token =
  | { readonly kind: 'open' | 'close' | 'comma' | 'end'; readonly offset: number }
  | { readonly kind: 'op'; readonly text: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'datetime'; readonly text: string; readonly offset: number }
  /** Anything unquoted: field paths, keywords, numbers, true/false/null, and mistakes such as `Acme`. */
  | { readonly kind: 'bare'; readonly text: string; readonly offset: number };

const BARE_STOP = /[\s()=!<>,'"[\]]/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const WORD_OPERATORS: ReadonlyMap<string, Operator> = new Map([
  ['contains', 'contains'],
  ['like', 'like'],
  ['in', 'in'],
]);

/** Human positions are 1-based; offsets stay 0-based for code. */
export function column(offset: number): string {
  return `column ${offset + 1}`;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at++;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char === '(' ? 'open' : char === ')' ? 'close' : 'comma', offset: at });
      at++;
    } else if (char === '=') {
      tokens.push({ kind: 'op', text: '=', offset: at });
      at++;
    } else if (char === '!') {
      if (text.charAt(at + 1) !== '=') throw new ConditionsError(`Unexpected '!' at ${column(at)}; did you mean '!='?`, at);
      tokens.push({ kind: 'op', text: '!=', offset: at });
      at += 2;
    } else if (char === '<' || char === '>') {
      const withEquals = text.charAt(at + 1) === '=';
      tokens.push({ kind: 'op', text: char === '<' ? (withEquals ? '<=' : '<') : withEquals ? '>=' : '>', offset: at });
      at += withEquals ? 2 : 1;
    } else if (char === '"' || char === "'") {
      const { value, end } = readQuoted(text, at);
      tokens.push({ kind: 'string', value, offset: at });
      at = end;
    } else if (char === '[') {
      const close = text.indexOf(']', at);
      if (close < 0) throw new ConditionsError(`Unterminated DateTime value starting at ${column(at)}. ${LITERAL_RULES}`, at);
      tokens.push({ kind: 'datetime', text: text.slice(at + 1, close).trim(), offset: at });
      at = close + 1;
    } else if (char === ']') {
      throw new ConditionsError(`Unexpected ']' at ${column(at)}. ${LITERAL_RULES}`, at);
    } else {
      let end = at;
      while (end < text.length && !BARE_STOP.test(text.charAt(end))) end++;
      tokens.push({ kind: 'bare', text: text.slice(at, end), offset: at });
      at = end;
    }
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

/**
 * [inf] The quoting escape is undocumented; a backslash escapes the next character,
 * so `"Say \"hi\""` and `'O\'Brien'` work. A name with an apostrophe needs no escape in double quotes.
 */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text.charAt(start);
  let value = '';
  for (let at = start + 1; at < text.length; at++) {
    const char = text.charAt(at);
    if (char === '\\' && at + 1 < text.length) {
      value += text.charAt(++at);
    } else if (char === quote) {
      return { value, end: at + 1 };
    } else {
      value += char;
    }
  }
  throw new ConditionsError(`Unterminated string value starting at ${column(start)}. ${LITERAL_RULES}`, start);
}

/** Parses a whole expression; an empty or blank text is `null` (no filter). */
export function parseConditions(text: string, options: ParseOptions): ConditionNode | null {
  if (text.trim() === '') return null;
  return new Parser(tokenize(text), options).parseAll();
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly options: ParseOptions,
  ) {}

  parseAll(): ConditionNode {
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind === 'close') throw new ConditionsError(`Unmatched ')' at ${column(next.offset)}.`, next.offset);
    if (next.kind !== 'end') throw new ConditionsError(`Expected and, or or the end of the conditions at ${column(next.offset)}, found ${describe(next)}.`, next.offset);
    return node;
  }

  private parseOr(): ConditionNode {
    const operands = [this.parseAnd()];
    while (this.peekKeyword('or')) {
      this.index++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 && operands[0] ? operands[0] : { type: 'or', operands };
  }

  private parseAnd(): ConditionNode {
    const operands = [this.parsePrimary()];
    while (this.peekKeyword('and')) {
      this.index++;
      operands.push(this.parsePrimary());
    }
    return operands.length === 1 && operands[0] ? operands[0] : { type: 'and', operands };
  }

  private parsePrimary(): ConditionNode {
    const token = this.peek();
    if (token.kind !== 'open') return this.parseComparison();
    this.index++;
    const inner = this.parseOr();
    const close = this.next();
    if (close.kind !== 'close') {
      throw new ConditionsError(`Missing ')' for the '(' at ${column(token.offset)}; found ${describe(close)} at ${column(close.offset)}.`, close.offset);
    }
    return inner;
  }

  private parseComparison(): Comparison {
    const fieldToken = this.next();
    if (fieldToken.kind !== 'bare' || !FIELD_PATH.test(fieldToken.text)) {
      throw new ConditionsError(`Expected a field name at ${column(fieldToken.offset)}, found ${describe(fieldToken)}.`, fieldToken.offset);
    }
    const field = fieldToken.text;
    let negated = false;
    if (this.peekKeyword('not')) {
      negated = true;
      this.index++;
    }
    const operatorToken = this.next();
    const operator = operatorOf(operatorToken);
    if (!operator) {
      throw new ConditionsError(
        `Expected an operator (=, !=, <, <=, >, >=, contains, like, in) after '${field}' at ${column(operatorToken.offset)}, found ${describe(operatorToken)}.`,
        operatorToken.offset,
        field,
      );
    }
    if (negated && operator !== 'contains' && operator !== 'like' && operator !== 'in') {
      throw new ConditionsError(`'not' can only precede contains, like or in (${column(operatorToken.offset)}).`, operatorToken.offset, field);
    }
    const base = { type: 'comparison', field, fieldOffset: fieldToken.offset, operator, operatorOffset: operatorToken.offset, negated } as const;
    if (operator !== 'in') return { ...base, values: [this.parseValue(field)] };

    if (!this.options.allowIn) {
      throw new ConditionsError(`The in operator is not supported in child or custom field conditions (${column(operatorToken.offset)}).`, operatorToken.offset, field);
    }
    const open = this.next();
    if (open.kind !== 'open') throw new ConditionsError(`Expected '(' after in at ${column(open.offset)}, found ${describe(open)}.`, open.offset, field);
    const values = [this.parseValue(field)];
    while (this.peek().kind === 'comma') {
      this.index++;
      values.push(this.parseValue(field));
    }
    const close = this.next();
    if (close.kind !== 'close') throw new ConditionsError(`Expected ',' or ')' in the in list at ${column(close.offset)}, found ${describe(close)}.`, close.offset, field);
    return { ...base, values };
  }

  private parseValue(field: string): Literal {
    const token = this.next();
    const offset = token.offset;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value, offset };
      case 'datetime': {
        const value = parseDatetime(token.text);
        if (value === null) throw new ConditionsError(`'[${token.text}]' at ${column(offset)} is not a valid DateTime. ${LITERAL_RULES}`, offset, field);
        return { kind: 'datetime', value, offset };
      }
      case 'bare': {
        const word = token.text.toLowerCase();
        if (NUMBER.test(token.text)) return { kind: 'numeric', value: Number(token.text), offset };
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', offset };
        if (word === 'null') return { kind: 'null', offset };
        throw new ConditionsError(`Unrecognised value '${token.text}' at ${column(offset)}. ${LITERAL_RULES}`, offset, field);
      }
      default:
        throw new ConditionsError(`Expected a value for '${field}' at ${column(offset)}, found ${describe(token)}. ${LITERAL_RULES}`, offset, field);
    }
  }

  private peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] ?? { kind: 'end', offset: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'bare' && token.text.toLowerCase() === word;
  }
}

function operatorOf(token: Token): Operator | null {
  if (token.kind === 'op') return token.text;
  return token.kind === 'bare' ? (WORD_OPERATORS.get(token.text.toLowerCase()) ?? null) : null;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the conditions';
    case 'open':
      return "'('";
    case 'close':
      return "')'";
    case 'comma':
      return "','";
    case 'op':
    case 'bare':
      return `'${token.text}'`;
    case 'string':
      return 'a string value';
    case 'datetime':
      return 'a DateTime value';
  }
}

/** UTC when no zone is given [inf]; the calendar date and the clock time must exist (no 2024-02-30, no 25:00). */
export function parseDatetime(text: string): number | null {
  const match = DATETIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const millis = fraction === '' ? '' : `.${fraction.padEnd(3, '0').slice(0, 3)}`;
  const value = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${offset}`);
  return Number.isNaN(value) ? null : value;
}
