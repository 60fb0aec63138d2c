/**
 * Active Directory's range retrieval of big `member` attributes, which slapd cannot produce: against a strict double
 * at the search-function boundary that answers as AD does (MaxValRange 1,500; `member;range=0-1499` in the group's
 * answer, then `member;range=1500-2999` … `member;range=3000-*`), refusing any request AD would not understand.
 * Also the DN keys members are matched by, and RFC 4515 escaping of typed filter values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnKey, parsedDnKey, firstRdnValue, isUnderKey, parentDn, withoutUniqueId } from '../../electron/main/directory-sync/ldap/dn';
import { escapeFilterValue } from '../../electron/main/directory-sync/ldap/filter';
import { allValues, parseRange, type SearchBase } from '../../electron/main/directory-sync/ldap/range-retrieval';

const GROUP = 'CN=All staff,OU=Groups,DC=example,DC=com';
const MAX_VAL_RANGE = 1500;

/** A group of `count` members as AD serves it: first answer and follow-up reads, each checked like AD would. */
function adGroupDouble(count: number) {
  const members = Array.from({ length: count }, (_, index) => `CN=User ${index},OU=People,DC=example,DC=com`);
  const slice = (start: number) => {
    const end = Math.min(start + MAX_VAL_RANGE, count) - 1;
    const last = end >= count - 1;
    return { [`member;range=${start}-${last ? '*' : end}`]: members.slice(start, end + 1) };
  };
  const requests: string[] = [];
  const searchBase: SearchBase = async (dn, attribute) => {
    requests.push(attribute);
    if (dn !== GROUP) throw new Error(`noSuchObject: ${dn}`);
    const match = /^member;range=(\d+)-\*$/.exec(attribute);
    if (!match) throw new Error(`AD would not understand ${attribute}`);
    const start = Number(match[1]);
    if (start >= count) throw new Error('operationsError: range start beyond the values');
    return slice(start);
  };
  const firstAnswer = count > MAX_VAL_RANGE ? slice(0) : { member: members };
  return { members, searchBase, firstAnswer, requests };
}

describe('range retrieval', () => {
  it('reads every member of a group bigger than one range, range by range', async () => {
    const double = adGroupDouble(4_000);
    const values = await allValues(GROUP, 'member', { objectClass: ['group'], ...double.firstAnswer }, double.searchBase);
    expect(values).toEqual(double.members);
    expect(double.requests).toEqual(['member;range=1500-*', 'member;range=3000-*']);
  });

  it('reads exactly two ranges, and a group that fits in one without asking again', async () => {
    const two = adGroupDouble(3_000);
    expect(await allValues(GROUP, 'member', two.firstAnswer, two.searchBase)).toHaveLength(3_000);
    expect(two.requests).toEqual(['member;range=1500-*']);
    const small = adGroupDouble(12);
    expect(await allValues(GROUP, 'Member', small.firstAnswer, small.searchBase)).toEqual(small.members);
    expect(small.requests).toEqual([]);
    expect(await allValues(GROUP, 'member', {}, small.searchBase)).toEqual([]);
  });

  it('stops when members were removed meanwhile and the next range is gone', async () => {
    const double = adGroupDouble(2_000);
    const shrunk: SearchBase = async () => ({});
    expect(await allValues(GROUP, 'member', double.firstAnswer, shrunk)).toHaveLength(MAX_VAL_RANGE);
  });

  it('parses range names', () => {
    expect(parseRange('member;range=0-1499')).toEqual({ attribute: 'member', start: 0, end: 1499 });
    expect(parseRange('Member;Range=1500-*')).toEqual({ attribute: 'Member', start: 1500, end: null });
    expect(parseRange('member')).toBeUndefined();
  });
});

describe('DN keys', () => {
  it('match the spellings of one DN and tell different DNs apart', () => {
    const key = dnKey('cn=Bram de Vries\\, jr.,ou=People,dc=example,dc=com');
    expect(dnKey('CN=Bram de Vries\\2C jr., OU=People , DC=example,DC=com')).toBe(key);
    expect(dnKey('cn=Bram  de vries\\2c jr.,ou=people,dc=EXAMPLE,dc=com')).toBe(key);
    expect(dnKey('cn="Bram de Vries, jr.",ou=People,dc=example,dc=com')).toBe(key);
    expect(dnKey('cn=Bram de Vries,ou=People,dc=example,dc=com')).not.toBe(key);
    expect(dnKey('cn=Zo\\C3\\AB,dc=x')).toBe(dnKey('CN=zoë,DC=X'));
    expect(dnKey('cn=a+sn=b,dc=x')).toBe(dnKey('SN=B+CN=A,dc=x'));
    expect(dnKey('cn=a\\+sn=b,dc=x')).not.toBe(dnKey('cn=a+sn=b,dc=x'));
  });

  it('the fast path for plain DNs makes the key the full parser makes, whatever the spelling', () => {
    // Characters DNs are made of, with the ones the fast path must hand to the parser (\\ " + ;) and spacing quirks.
    const char = fc.constantFrom('a', 'B', 'z', 'é', 'Ç', '0', ' ', '  ', '\t', '=', ',', '\\', '"', '+', ';', '-', '.', '#', '\\2C', '\\,', '\u00a0', 'İ', 'ẞ');
    const text = fc.array(char, { maxLength: 12 }).map((chars) => chars.join(''));
    const rdn = fc.tuple(fc.constantFrom('cn', 'CN', ' ou', 'DC ', 'uid', ''), text).map(([type, value]) => `${type}=${value}`);
    const dn = fc.oneof(fc.array(rdn, { minLength: 1, maxLength: 5 }).map((rdns) => rdns.join(',')), text);
    fc.assert(
      fc.property(dn, (spelled) => {
        if (spelled === '') return;
        expect(dnKey(spelled)).toBe(parsedDnKey(spelled));
      }),
      { numRuns: 2_000 },
    );
  });

  it('know what is under a base DN, the first RDN value and a uniqueMember without its uid', () => {
    expect(isUnderKey(dnKey('cn=Ann,OU=People,DC=example,DC=com'), dnKey('dc=example,dc=com'))).toBe(true);
    expect(isUnderKey(dnKey('cn=Ann,dc=badexample,dc=com'), dnKey('dc=example,dc=com'))).toBe(false);
    expect(firstRdnValue('CN=Service desk\\, NL,OU=Groups,DC=example,DC=com')).toBe('Service desk, NL');
    expect(withoutUniqueId("cn=Ann,dc=x#'0101'B")).toBe('cn=Ann,dc=x');
    expect(parentDn('cn=Smit\\, Ann,ou=People, dc=x')).toBe('ou=People, dc=x');
    expect(parentDn('dc=x')).toBe('');
  });
});

describe('filter values', () => {
  it('escape what RFC 4515 escapes, and leave other characters as they are', () => {
    expect(escapeFilterValue('a*b(c)d\\e')).toBe('a\\2ab\\28c\\29d\\5ce');
    expect(escapeFilterValue(')(cn=*')).toBe('\\29\\28cn=\\2a');
    expect(escapeFilterValue('Zoë')).toBe('Zoë');
    expect(escapeFilterValue('nul\u0000')).toBe('nul\\00');
  });
});
