/**
 * Skipping the read of an unchanged directory: the change mark as the server gives it (AD's highestCommittedUSN per
 * domain controller, OpenLDAP's contextCSN per naming context) and the cache that keeps one read under one mark.
 * The real server's mark is tested in ldap-directory.test.ts, the whole run in directory-sync.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourcesRead } from '../../electron/main/directory-sync/directory-reader';
import { allMarks, csnMark, namingContextsOf, usnMark, usnServer } from '../../electron/main/directory-sync/ldap/change-mark';
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
const read = (found = true, underBaseDn = true): SourcesRead => ({ sources: [{ sourceDn: 'CN=Desk,DC=example,DC=com', found, users: [] }], existingUserIds: new Set(), underBaseDn });

function clockAt(start: number) {
  let now = start;
  return { clock: { now: () => new Date(now) }, set: (ms: number) => (now = ms) };
}

describe('the change mark', () => {
  it('on AD is the domain controller, its database and its highest committed USN; without all three there is none', () => {
    const root = { highestCommittedUSN: ['128734'], dsServiceName: ['CN=NTDS Settings,CN=DC01,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=example,DC=com'], namingContexts: [] };
    const invocation = '3f2a0c1e9b7d4e5fa1b2c3d4e5f60718';
    const server = usnServer(root);
    expect(server).not.toBeNull();
    const mark = usnMark(server!, invocation);
    expect(mark).toMatch(/ 128734$/);
    expect(usnMark(usnServer({ ...root, highestCommittedUSN: ['128735'] })!, invocation)).not.toBe(mark);
    // Another domain controller at the same USN is another mark: USNs are counted per DC.
    expect(usnMark(usnServer({ ...root, dsServiceName: [root.dsServiceName[0]!.replace('DC01', 'DC02')] })!, invocation)).not.toBe(mark);
    // The same DC restored from a backup has a new invocationId: its USNs may repeat ones seen before.
    expect(usnMark(server!, '00000000000000000000000000000001')).not.toBe(mark);
    expect(usnMark(server!, '')).toBeNull();
    expect(usnServer({ ...root, dsServiceName: [] })).toBeNull();
    expect(usnServer({ ...root, highestCommittedUSN: ['not a number'] })).toBeNull();
  });

  it('elsewhere is the contextCSN of every database the search reaches: the deepest holding the base DN and those below', () => {
    const contexts = ['dc=example,dc=com', 'ou=Branch, dc=example, dc=com', 'dc=other,dc=org'];
    expect(namingContextsOf('OU=People,OU=Branch,DC=Example,DC=com', contexts)).toEqual(['ou=Branch, dc=example, dc=com']);
    expect(namingContextsOf('ou=People,dc=example,dc=com', contexts)).toEqual(['dc=example,dc=com']);
    // A search of the whole suffix also reaches the database glued below it.
    expect(namingContextsOf('dc=example,dc=com', contexts)).toEqual(['dc=example,dc=com', 'ou=Branch, dc=example, dc=com']);
    // A suffix that only ends the same way is no parent.
    expect(namingContextsOf('dc=bigexample,dc=com', contexts)).toEqual([]);
    expect(namingContextsOf('dc=example,dc=com', [])).toEqual([]);
    const a = '20261202103000.000001Z#000000#001#000000';
    const b = '20261202103100.000002Z#000000#002#000000';
    expect(csnMark('dc=example,dc=com', [a, b])).toBe(csnMark('DC=Example, DC=com', [b, a]));
    expect(csnMark('dc=example,dc=com', [a])).not.toBe(csnMark('dc=example,dc=com', [b]));
    expect(csnMark('dc=example,dc=com', [])).toBeNull();
    // One database without a mark leaves the whole read without one.
    expect(allMarks([csnMark('dc=example,dc=com', [a]), csnMark('ou=Branch,dc=example,dc=com', [b])])).not.toBeNull();
    expect(allMarks([csnMark('dc=example,dc=com', [a]), null])).toBeNull();
    expect(allMarks([])).toBeNull();
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

  it('keeps nothing without a mark, from a read that missed a group or went outside the base DN, and forgets the read it had', () => {
    const { clock } = clockAt(0);
    const cache = new DirectoryReadCache(clock);
    cache.keep(key, 'csn x 1', clock.now(), read());
    cache.keep(key, null, clock.now(), read());
    expect(cache.get(key, 'csn x 1')).toBeNull();
    cache.keep(key, 'csn x 1', clock.now(), read(false));
    expect(cache.get(key, 'csn x 1')).toBeNull();
    // A source group outside the base DN (read on its own) is outside what the mark covers.
    cache.keep(key, 'csn x 1', clock.now(), read(true, false));
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
