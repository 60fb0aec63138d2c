/**
 * The ConnectWise conditions grammar of the simulator (psa-apis.md B.4): what
 * the product's conditions rely on, and the server's refusals, table-driven.
 */
import { describe, expect, it } from 'vitest';
import {
  compileChildConditions,
  compileConditions,
  ConditionsError,
  LITERAL_RULES,
  type FieldTable,
} from '../fakes/psa-sim/connectwise/conditions';
import type { JsonObject } from '../fakes/psa-sim/connectwise/json';

const TABLE: FieldTable = {
  fields: {
    id: 'numeric',
    name: 'string',
    score: 'numeric',
    activeFlag: 'boolean',
    'status/name': 'string',
    'status/id': 'numeric',
    lastUpdated: { type: 'datetime', at: '_info/lastUpdated' },
    note: 'string',
  },
  lists: {
    items: { value: 'string', kind: 'string', 'type/id': 'numeric', defaultFlag: 'boolean' },
    tags: { name: 'string' },
  },
};

const RECORDS: JsonObject[] = [
  {
    id: 1,
    name: 'Acme Widgets',
    score: 10.5,
    activeFlag: true,
    status: { id: 1, name: 'Active' },
    _info: { lastUpdated: '2024-01-10T12:00:00Z' },
    note: 'Low Priority account',
    items: [
      { value: 'jane@acme.example', kind: 'Email', type: { id: 1 }, defaultFlag: true },
      { value: '555-0100', kind: 'Phone', type: { id: 2 }, defaultFlag: false },
    ],
    tags: [{ name: 'gold' }],
  },
  {
    id: 2,
    name: "O'Brien & Sons",
    score: -3,
    activeFlag: false,
    status: { id: 2, name: 'Inactive' },
    _info: { lastUpdated: '2023-06-01T00:00:00Z' },
    items: [{ value: '555-0199', kind: 'Phone', type: { id: 2 }, defaultFlag: true }],
    tags: [],
  },
  {
    id: 3,
    name: 'Bolt Labs',
    score: 0,
    activeFlag: true,
    status: { id: 1, name: 'Active' },
    _info: { lastUpdated: '2025-03-02T14:11:09Z' },
    note: 'Key account',
    items: [
      { value: 'ops@bolt.example', kind: 'Phone', type: { id: 2 }, defaultFlag: false },
      { value: 'sales@bolt.example', kind: 'Email', type: { id: 1 }, defaultFlag: false },
    ],
    tags: [{ name: 'silver' }, { name: 'gold' }],
  },
];

function ids(conditions: string): number[] {
  const test = compileConditions(conditions, TABLE);
  return RECORDS.filter((record) => !test || test(record)).map((record) => record.id as number);
}

function childIds(conditions: string): number[] {
  const test = compileChildConditions(conditions, TABLE);
  return RECORDS.filter((record) => !test || test(record)).map((record) => record.id as number);
}

function failure(run: () => unknown): ConditionsError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConditionsError) return error;
    throw error;
  }
  throw new Error('expected a ConditionsError');
}

describe('ConnectWise conditions', () => {
  it.each([
    // Strings compare case-insensitively, with either quote.
    ['name = "acme widgets"', [1]],
    ["name='BOLT LABS'", [3]],
    ['name <= "bolt labs"', [1, 3]],
    ["name = 'O\\'Brien & Sons'", [2]],
    ['STATUS/NAME = "active"', [1, 3]],
    // Numbers, booleans and datetimes (through a field that lives in _info).
    ['score>=-3', [1, 2, 3]],
    ['score <= .5', [2, 3]],
    ['activeFlag = False', [2]],
    ['lastUpdated > [2024-01-01T00:00:00Z]', [1, 3]],
    ['lastUpdated < [2024-01-10T13:00:00+01:00]', [2]],
    // A missing value matches only = null; no comparison with a value, negated or not (SQL semantics).
    ['note = null', [2]],
    ['note != "Key account"', [1]],
    ['note not contains "priority"', [3]],
    // contains, like with %, in, and their negations.
    ['name contains "LABS"', [3]],
    ['name like "%o%b%"', [2, 3]],
    ['name like "bolt"', []],
    ['status/id in (1, 42, 43)', [1, 3]],
    ['id NOT IN (3)', [1, 2]],
    ['name not like "%labs"', [1, 2]],
    // and binds tighter than or; parentheses nest.
    ['id = 2 or id = 1 and activeFlag = false', [2]],
    ['(id = 2 Or id = 1) AND activeFlag = true', [1]],
    ['(id = 1 or (id = 2 and (score < 0))) and activeFlag = false', [2]],
    ['', [1, 2, 3]],
  ])('%s', (conditions, expected) => {
    expect(ids(conditions)).toEqual(expected);
  });

  it.each([
    // One list member must satisfy the whole child expression.
    ['items/value like "jane@acme.example" AND items/kind="Email"', [1]],
    ['items/value = "ops@bolt.example" and items/kind = "Email"', []],
    ['items/value = "ops@bolt.example" or items/kind = "Email"', [1, 3]],
    ['items/kind = "Phone" and items/value not like "555%"', [3]],
    // An empty list matches nothing; several lists: some member of each.
    ['tags/name != "nothing"', [1, 3]],
    ['tags/name = "gold" and items/kind = "Email"', [1, 3]],
  ])('childConditions %s', (conditions, expected) => {
    expect(childIds(conditions)).toEqual(expected);
  });

  it.each([
    ['activeFlag = 1', `Expected a boolean value, not a numeric. ${LITERAL_RULES}`, 13],
    ['name = 5', /^Expected a string value, not a numeric\. String values should be enclosed with double or single quotes/, 7],
    ['lastUpdated > "2024-01-01"', /^Expected a datetime value, not a string\..*DateTime values should be enclosed in square brackets/, 14],
    ['name = Acme', `Unrecognised value 'Acme' at column 8. ${LITERAL_RULES}`, 7],
    ['name = "Acme', /^Unterminated string value starting at column 8\./, 7],
    ['lastUpdated > [2024-02-30]', /is not a valid DateTime/, 14],
    ['(id = 1 or id = 2', /Missing '\)' for the '\(' at column 1/, 17],
    ['id = 1 id = 2', /Expected and, or or the end/, 7],
    ['id not = 1', /'not' can only precede contains, like or in/, undefined],
    ['score contains "1"', /contains operator needs a string field; 'score' is numeric/, undefined],
    ['nope = 1', "Unknown field 'nope' at column 1.", 0],
    ['items/value = "x"', /items list; filter it with childConditions/, undefined],
  ])('refuses %s in the server wording', (conditions, message, offset) => {
    const error = failure(() => compileConditions(conditions, TABLE));
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    if (offset !== undefined) expect(error.offset).toBe(offset);
  });

  it('refuses in, and own fields, in childConditions', () => {
    expect(failure(() => compileChildConditions('items/type/id in (1,2)', TABLE))).toMatchObject({ offset: 14, message: expect.stringMatching(/in operator is not supported/) });
    expect(failure(() => compileChildConditions('name = "x"', TABLE)).message).toMatch(/not a list field; filter it with conditions/);
  });
});
