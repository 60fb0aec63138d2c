import { describe, expect, it } from 'vitest';
import {
  compileChildConditions,
  compileConditions,
  ConditionsError,
  LITERAL_RULES,
  parseConditions,
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

describe('ConnectWise conditions: operators and literals', () => {
  it('compares strings case-insensitively with every comparison operator', () => {
    expect(ids('name = "acme widgets"')).toEqual([1]);
    expect(ids("name='BOLT LABS'")).toEqual([3]);
    expect(ids('name != "Bolt Labs"')).toEqual([1, 2]);
    expect(ids('name < "b"')).toEqual([1]);
    expect(ids('name <= "bolt labs"')).toEqual([1, 3]);
    expect(ids('name > "bolt labs"')).toEqual([2]);
    expect(ids('name >= "Bolt Labs"')).toEqual([2, 3]);
  });

  it('handles numbers with a minus sign and a decimal point', () => {
    expect(ids('score = 10.5')).toEqual([1]);
    expect(ids('score < 0')).toEqual([2]);
    expect(ids('score>=-3')).toEqual([1, 2, 3]);
    expect(ids('score > -3.0')).toEqual([1, 3]);
    expect(ids('score <= .5')).toEqual([2, 3]);
    expect(ids('id != 2')).toEqual([1, 3]);
  });

  it('handles booleans in any case', () => {
    expect(ids('activeFlag = true')).toEqual([1, 3]);
    expect(ids('activeFlag = False')).toEqual([2]);
    expect(ids('ActiveFlag != TRUE')).toEqual([2]);
  });

  it('compares datetimes in square brackets, through a field that lives in _info', () => {
    expect(ids('lastUpdated > [2024-01-01T00:00:00Z]')).toEqual([1, 3]);
    expect(ids('lastUpdated <= [2024-01-10T12:00:00Z]')).toEqual([1, 2]);
    expect(ids('lastUpdated >= [2025-03-02]')).toEqual([3]);
    expect(ids('lastUpdated < [2024-01-10T13:00:00+01:00]')).toEqual([2]);
  });

  it('matches null and missing values only with = null and != null', () => {
    expect(ids('note = null')).toEqual([2]);
    expect(ids('note != NULL')).toEqual([1, 3]);
    // A missing value matches no comparison with a value, negated or not (SQL semantics).
    expect(ids('note != "Key account"')).toEqual([1]);
    expect(ids('note not contains "priority"')).toEqual([3]);
  });

  it('supports contains, like with % wildcards, and in lists', () => {
    expect(ids('name contains "LABS"')).toEqual([3]);
    expect(ids('name like "acme%"')).toEqual([1]);
    expect(ids('name like "%s"')).toEqual([1, 2, 3]);
    expect(ids('name like "%o%b%"')).toEqual([2, 3]);
    expect(ids('name like "bolt labs"')).toEqual([3]);
    expect(ids('name like "bolt"')).toEqual([]);
    expect(ids('name like "a.me%"')).toEqual([]);
    expect(ids('status/id in (1, 42, 43)')).toEqual([1, 3]);
    expect(ids('status/name in ("inactive")')).toEqual([2]);
  });

  it('negates contains, like and in with not', () => {
    expect(ids('note not contains "Low Priority"')).toEqual([3]);
    expect(ids('name not like "%labs"')).toEqual([1, 2]);
    expect(ids('id not in (1,2)')).toEqual([3]);
    expect(ids('id NOT IN (3)')).toEqual([1, 2]);
  });

  it('reads single- and double-quoted strings with backslash escapes', () => {
    expect(ids('name = "O\'Brien & Sons"')).toEqual([2]);
    expect(ids("name = 'O\\'Brien & Sons'")).toEqual([2]);
    expect(parseConditions('name = "say \\"hi\\""', { allowIn: true })).toMatchObject({ values: [{ kind: 'string', value: 'say "hi"' }] });
  });

  it('treats a blank expression as no filter', () => {
    expect(compileConditions('', TABLE)).toBeNull();
    expect(compileConditions('   ', TABLE)).toBeNull();
    expect(compileChildConditions('', TABLE)).toBeNull();
  });

  it('matches field names case-insensitively', () => {
    expect(ids('STATUS/NAME = "active"')).toEqual([1, 3]);
  });
});

describe('ConnectWise conditions: and, or, parentheses', () => {
  it('accepts and/or in any case', () => {
    expect(ids('activeFlag = true AND score > 1')).toEqual([1]);
    expect(ids('id = 1 Or id = 2')).toEqual([1, 2]);
    expect(ids('id = 1 or id = 2 OR id = 3 and name = "x"')).toEqual([1, 2]);
  });

  it('binds and tighter than or', () => {
    // id = 2 or (id = 1 and activeFlag = false) → only 2.
    expect(ids('id = 2 or id = 1 and activeFlag = false')).toEqual([2]);
    expect(ids('(id = 2 or id = 1) and activeFlag = true')).toEqual([1]);
    expect(ids('id = 3 or id = 1 and activeFlag = true')).toEqual([1, 3]);
  });

  it('nests parentheses', () => {
    expect(ids('((id = 1 or id = 3) and (status/name = "Active"))')).toEqual([1, 3]);
    expect(ids('(id = 1 or (id = 2 and (score < 0))) and activeFlag = false')).toEqual([2]);
    expect(ids('(name like "Fred%" and activeFlag = false) and lastUpdated > [2015-12-23T05:53:27Z] or name contains "bolt" AND name != "Some Name"')).toEqual([3]);
  });
});

describe('ConnectWise childConditions', () => {
  it('matches when one list member satisfies the whole child expression', () => {
    expect(childIds('items/value like "jane@acme.example" AND items/kind="Email"')).toEqual([1]);
    // Record 3 has an Email item and an item with ops@…, but not one item with both.
    expect(childIds('items/value = "ops@bolt.example" and items/kind = "Email"')).toEqual([]);
    expect(childIds('items/value = "ops@bolt.example" or items/kind = "Email"')).toEqual([1, 3]);
    expect(childIds('items/type/id = 2 and items/defaultFlag = true')).toEqual([2]);
  });

  it('never matches a record whose list is empty', () => {
    expect(childIds('tags/name != "nothing"')).toEqual([1, 3]);
  });

  it('combines lists as "some member of each"', () => {
    expect(childIds('tags/name = "gold" and items/kind = "Email"')).toEqual([1, 3]);
    expect(childIds('tags/name = "silver" and items/value contains "acme"')).toEqual([]);
  });

  it('supports not contains and not like but refuses in', () => {
    expect(childIds('items/kind = "Phone" and items/value not like "555%"')).toEqual([3]);
    const error = failure(() => compileChildConditions('items/type/id in (1,2)', TABLE));
    expect(error.message).toMatch(/in operator is not supported/);
    expect(error.offset).toBe(14);
  });

  it('keeps list fields and own fields apart', () => {
    expect(failure(() => compileConditions('items/value = "x"', TABLE)).message).toMatch(/items list; filter it with childConditions/);
    expect(failure(() => compileChildConditions('name = "x"', TABLE)).message).toMatch(/not a list field; filter it with conditions/);
    expect(failure(() => compileChildConditions('items/nope = "x"', TABLE)).message).toMatch(/Unknown field 'items\/nope'/);
  });
});

describe('ConnectWise conditions: errors', () => {
  it('answers a type mismatch in the server wording', () => {
    const error = failure(() => compileConditions('activeFlag = 1', TABLE));
    expect(error.message).toBe(`Expected a boolean value, not a numeric. ${LITERAL_RULES}`);
    expect(error.offset).toBe(13);
    expect(error.field).toBe('activeFlag');
    expect(LITERAL_RULES).toContain('String values should be enclosed with double or single quotes');
    expect(LITERAL_RULES).toContain('DateTime values should be enclosed in square brackets');
    expect(failure(() => compileConditions('name = 5', TABLE)).message).toMatch(/^Expected a string value, not a numeric\. String values/);
    expect(failure(() => compileConditions('score = "5"', TABLE)).message).toMatch(/^Expected a numeric value, not a string\./);
    expect(failure(() => compileConditions('lastUpdated > "2024-01-01"', TABLE)).message).toMatch(/^Expected a datetime value, not a string\./);
    expect(failure(() => compileConditions('id in (1, "2")', TABLE)).offset).toBe(10);
  });

  it('rejects unquoted, unterminated and malformed values with the literal rules', () => {
    const unquoted = failure(() => compileConditions('name = Acme', TABLE));
    expect(unquoted.message).toBe(`Unrecognised value 'Acme' at column 8. ${LITERAL_RULES}`);
    expect(unquoted.offset).toBe(7);
    expect(failure(() => compileConditions('name = "Acme', TABLE)).message).toMatch(/^Unterminated string value starting at column 8\./);
    expect(failure(() => compileConditions('lastUpdated > [2024-01-01', TABLE)).message).toMatch(/^Unterminated DateTime/);
    expect(failure(() => compileConditions('lastUpdated > [2024-02-30]', TABLE)).message).toMatch(/is not a valid DateTime/);
    expect(failure(() => compileConditions('lastUpdated > [yesterday]', TABLE)).offset).toBe(14);
    expect(failure(() => compileConditions('score = 1.2.3', TABLE)).message).toMatch(/Unrecognised value '1\.2\.3'/);
    expect(failure(() => compileConditions('score = 12abc', TABLE)).message).toMatch(/Unrecognised value '12abc'/);
    expect(failure(() => compileConditions('name =', TABLE)).message).toMatch(/^Expected a value for 'name' at column 7, found the end of the conditions/);
  });

  it('points at structural mistakes', () => {
    expect(failure(() => compileConditions('(id = 1 or id = 2', TABLE))).toMatchObject({ offset: 17, message: expect.stringMatching(/Missing '\)' for the '\(' at column 1/) });
    expect(failure(() => compileConditions('id = 1)', TABLE))).toMatchObject({ offset: 6, message: expect.stringMatching(/Unmatched '\)'/) });
    expect(failure(() => compileConditions('id = 1 id = 2', TABLE))).toMatchObject({ offset: 7, message: expect.stringMatching(/Expected and, or or the end/) });
    expect(failure(() => compileConditions('id == 1', TABLE)).offset).toBe(4);
    expect(failure(() => compileConditions('id ! 1', TABLE)).message).toMatch(/Unexpected '!' at column 4/);
    expect(failure(() => compileConditions('id 1', TABLE)).message).toMatch(/Expected an operator .* after 'id' at column 4/);
    expect(failure(() => compileConditions('"name" = "x"', TABLE)).message).toMatch(/Expected a field name at column 1, found a string value/);
    expect(failure(() => compileConditions('id in ()', TABLE)).offset).toBe(7);
    expect(failure(() => compileConditions('id in 1', TABLE)).message).toMatch(/Expected '\(' after in/);
    expect(failure(() => compileConditions('id = 1 and', TABLE)).message).toMatch(/Expected a field name at column 11, found the end/);
  });

  it('limits not, null and the text operators to where they make sense', () => {
    expect(failure(() => compileConditions('id not = 1', TABLE)).message).toMatch(/'not' can only precede contains, like or in/);
    expect(failure(() => compileConditions('note < null', TABLE)).message).toMatch(/null cannot be used with </);
    expect(failure(() => compileConditions('id in (null, 1)', TABLE)).message).toMatch(/null cannot be used inside an in list/);
    expect(failure(() => compileConditions('score contains "1"', TABLE)).message).toMatch(/contains operator needs a string field; 'score' is numeric/);
    expect(failure(() => compileConditions('activeFlag > false', TABLE)).message).toMatch(/can only be compared with = or !=/);
    expect(failure(() => compileConditions('nope = 1', TABLE))).toMatchObject({ offset: 0, field: 'nope', message: "Unknown field 'nope' at column 1." });
  });
});
