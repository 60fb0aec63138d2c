/**
 * Skipping the read of an unchanged directory: the change mark as the server gives it (AD's highestCommittedUSN per
 * domain controller, OpenLDAP's contextCSN per naming context) and the cache that keeps one read under one mark.
 * The real server's mark is tested in ldap-directory.test.ts, the whole run in directory-sync.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourcesRead } from '../../electron/main/directory-sync/directory-reader';
import { csnMark, namingContextOf, usnMark } from '../../electron/main/directory-sync/ldap/change-mark';
import { DirectoryReadCache, READ_CACHE_MAX_AGE_MS, readKey } from '../../electron/main/directory-sync/read-cache';
import type { DirectoryConnection } from '../../shared/directory-sync/schemas';

const connection: DirectoryConnection = {
  kind: 'active-directory',
  host: 'dc01.example.com',
  port: 636,
  security: 'ldaps',
  caCertificate: null,
  bindDn: 'CN=roster-sync,OU=Service,DC=example,DC=com',
  baseDn: 'DC=example,DC=com',
  disabledAttribute: null,
  disabledValue: '',
};
const read = (found = true): SourcesRead => ({ sources: [{ sourceDn: 'CN=Desk,DC=example,DC=com', found, users: [] }], existingUserIds: new Set() });

function clockAt(start: number) {
  let now = start;
  return { clock: { now: () => new Date(now) }, set: (ms: number) => (now = ms) };
}

describe('the change mark', () => {
  it('on AD is the domain controller and its highest committed USN; without both there is none', () => {
    const root = { highestCommittedUSN: ['128734'], dsServiceName: ['CN=NTDS Settings,CN=DC01,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=example,DC=com'], namingContexts: [] };
    const mark = usnMark(root);
    expect(mark).toMatch(/ 128734$/);
    expect(usnMark({ ...root, highestCommittedUSN: ['128735'] })).not.toBe(mark);
    // Another domain controller at the same USN is another mark: USNs are counted per DC.
    expect(usnMark({ ...root, dsServiceName: [root.dsServiceName[0]!.replace('DC01', 'DC02')] })).not.toBe(mark);
    expect(usnMark({ ...root, dsServiceName: [] })).toBeNull();
    expect(usnMark({ ...root, highestCommittedUSN: ['not a number'] })).toBeNull();
  });

  it('elsewhere is the contextCSN of the deepest naming context holding the base DN, its values in any order', () => {
    const contexts = ['dc=example,dc=com', 'ou=Branch, dc=example, dc=com', 'dc=other,dc=org'];
    expect(namingContextOf('OU=People,OU=Branch,DC=Example,DC=com', contexts)).toBe('ou=Branch, dc=example, dc=com');
    expect(namingContextOf('ou=People,dc=example,dc=com', contexts)).toBe('dc=example,dc=com');
    expect(namingContextOf('dc=example,dc=com', contexts)).toBe('dc=example,dc=com');
    // A suffix that only ends the same way is no parent.
    expect(namingContextOf('dc=bigexample,dc=com', contexts)).toBeNull();
    expect(namingContextOf('dc=example,dc=com', [])).toBeNull();
    const a = '20261202103000.000001Z#000000#001#000000';
    const b = '20261202103100.000002Z#000000#002#000000';
    expect(csnMark('dc=example,dc=com', [a, b])).toBe(csnMark('DC=Example, DC=com', [b, a]));
    expect(csnMark('dc=example,dc=com', [a])).not.toBe(csnMark('dc=example,dc=com', [b]));
    expect(csnMark('dc=example,dc=com', [])).toBeNull();
  });
});

describe('the read cache', () => {
  const key = readKey(connection, ['CN=Desk,DC=example,DC=com', 'CN=Night,DC=example,DC=com']);

  it('gives the kept read back only for the same connection and groups under the same mark, while it is young', () => {
    const { clock, set } = clockAt(1_000_000);
    const cache = new DirectoryReadCache(clock);
    const kept = read();
    cache.keep(key, 'csn x 1', clock.now(), kept);
    expect(cache.get(key, 'csn x 1')?.read).toBe(kept);
    expect(cache.get(key, 'csn x 1')?.readAt.getTime()).toBe(1_000_000);
    // The groups in another order are the same read.
    expect(cache.get(readKey(connection, ['CN=Night,DC=example,DC=com', 'CN=Desk,DC=example,DC=com']), 'csn x 1')).not.toBeNull();
    expect(cache.get(key, 'csn x 2')).toBeNull();
    expect(cache.get(key, null)).toBeNull();
    expect(cache.get(readKey({ ...connection, baseDn: 'OU=Staff,DC=example,DC=com' }, ['CN=Desk,DC=example,DC=com', 'CN=Night,DC=example,DC=com']), 'csn x 1')).toBeNull();
    expect(cache.get(readKey(connection, ['CN=Desk,DC=example,DC=com']), 'csn x 1')).toBeNull();
    set(1_000_000 + READ_CACHE_MAX_AGE_MS + 1);
    expect(cache.get(key, 'csn x 1')).toBeNull();
    set(999_999);
    expect(cache.get(key, 'csn x 1')).toBeNull();
  });

  it('keeps nothing without a mark or from a read that missed a group, and forgets the read it had', () => {
    const { clock } = clockAt(0);
    const cache = new DirectoryReadCache(clock);
    cache.keep(key, 'csn x 1', clock.now(), read());
    cache.keep(key, null, clock.now(), read());
    expect(cache.get(key, 'csn x 1')).toBeNull();
    cache.keep(key, 'csn x 1', clock.now(), read(false));
    expect(cache.get(key, 'csn x 1')).toBeNull();
  });

  it('hands out a read exactly when key and mark match and its age is within bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', 'b'),
        fc.option(fc.constantFrom('m1', 'm2'), { nil: null }),
        fc.constantFrom('a', 'b'),
        fc.option(fc.constantFrom('m1', 'm2'), { nil: null }),
        fc.integer({ min: -READ_CACHE_MAX_AGE_MS, max: 2 * READ_CACHE_MAX_AGE_MS }),
        (keptKey, keptMark, askedKey, askedMark, age) => {
          const { clock, set } = clockAt(10 * READ_CACHE_MAX_AGE_MS);
          const cache = new DirectoryReadCache(clock);
          cache.keep(keptKey, keptMark, clock.now(), read());
          set(10 * READ_CACHE_MAX_AGE_MS + age);
          const expected = keptMark !== null && keptKey === askedKey && keptMark === askedMark && age >= 0 && age <= READ_CACHE_MAX_AGE_MS;
          expect(cache.get(askedKey, askedMark) !== null).toBe(expected);
        },
      ),
    );
  });
});
