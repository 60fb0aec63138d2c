/**
 * The directory reader over LDAP (ldapts): Active Directory or another LDAP directory, over LDAPS, StartTLS or plain
 * LDAP. A sync reads everything it needs in one paged subtree search (every user and group under the base DN, groups
 * with their members) and resolves nesting in memory: a handful of round trips whatever the number of source groups,
 * close to the cost of a bare paged search of the same entries (bench:directory-sync). Every failure is a
 * DomainError (ldap-errors.ts); the client is unbound on every path. How an entry becomes a user: flavour.ts.
 */
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, Control, ResultCodeError, type Entry } from 'ldapts';
import { DirectoryConnectionSchema, type DirectoryConnection, type DirectoryGroup, type DirectoryTestResult } from '../../../../shared/directory-sync/schemas';
import type { DirectorySession, DirectoryUser, ReadProgress, SourceMembers, SourcesRead } from '../directory-reader';
import { firstRdnValue, parentDn, withoutUniqueId } from './dn';
import { allMarks, csnMark, namingContextsOf, ROOT_DSE_MARK_ATTRIBUTES, usnMark, usnServer } from './change-mark';
import { binaryValue, first, flavourOf, values } from './flavour';
import { escapeFilterValue } from './filter';
import { LdapTimeout, ReferralMet, toDirectoryError, type LdapStage } from './ldap-errors';
import { DnIndex, usersOfGroup, type GroupMembers } from './membership';
import { allValues, type SearchBase } from './range-retrieval';

export interface OpenDirectoryOptions {
  /** Per operation (connect, StartTLS, bind, each page of a search); default 30 s. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Active Directory's MaxPageSize: a larger page is cut to it anyway. */
const PAGE_SIZE = 1000;
/** *Test connection* counts up to this many users and groups (then says "more"). */
const TEST_PAGE = 500;

/** AD answers a subtree search from the domain root with references to its DNS and configuration partitions, which hold no users. */
function isAdPartitionReference(url: string): boolean {
  const dn = decodeURIComponent(/^ldaps?:\/\/[^/]*\/([^?]*)/i.exec(url)?.[1] ?? '');
  return /^(dc=domaindnszones|dc=forestdnszones|cn=configuration),/i.test(dn.trim());
}

function ldapUrl(connection: DirectoryConnection): { url: string; host: string } {
  const host = connection.host.replace(/^\[(.*)\]$/, '$1');
  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `${connection.security === 'ldaps' ? 'ldaps' : 'ldap'}://${shown}:${connection.port}`, host };
}

function tlsOptions(connection: DirectoryConnection, host: string): ConnectionOptions {
  return {
    ...(connection.caCertificate ? { ca: connection.caCertificate } : {}),
    // SNI takes a name only; for an IP address node checks the certificate's IP SANs against `host`.
    ...(isIP(host) === 0 ? { servername: host } : {}),
    host,
    minVersion: 'TLSv1.2',
  };
}

/** Rejects with the signal's reason as soon as it aborts; the work's own late failure is then ignored. */
function raceSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function withTimer<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LdapTimeout(`${what} timed out`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export async function openDirectory(rawConnection: DirectoryConnection, bindPassword: string, options: OpenDirectoryOptions = {}): Promise<DirectorySession> {
  const connection = DirectoryConnectionSchema.parse(rawConnection);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { url, host } = ldapUrl(connection);
  const server = `${connection.host}:${connection.port}`;
  const fail = (error: unknown, stage: LdapStage, searchBase?: string) =>
    toDirectoryError(error, { stage, server, baseDn: connection.baseDn, ...(searchBase === undefined ? {} : { searchBase }), password: bindPassword });
  const client = new Client({
    url,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    // The server judges DNs (a typed base DN with odd spacing is still one it knows).
    strictDN: false,
    ...(connection.security === 'ldaps' ? { tlsOptions: tlsOptions(connection, host) } : {}),
  });
  const openedAt = Date.now();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.unbind().catch(() => undefined);
  };

  try {
    if (connection.security === 'starttls') {
      try {
        await withTimer(client.startTLS(tlsOptions(connection, host)), timeoutMs, 'StartTLS');
      } catch (error) {
        throw fail(error, 'starttls');
      }
    }
    try {
      await client.bind(connection.bindDn, bindPassword);
    } catch (error) {
      throw fail(error, 'bind');
    }
  } catch (error) {
    await close();
    throw error;
  }

  const flavour = flavourOf(connection);

  /**
   * A search based at or under a referral object fails with resultCode 10, and ldapts drops the referral's URL:
   * read it from the referral object itself (ManageDsaIT shows it as an entry), the base DN or one of its parents.
   */
  const referralUrl = async (dn: string): Promise<string> => {
    for (let candidate = dn; candidate !== ''; candidate = parentDn(candidate)) {
      try {
        const { searchEntries } = await client.search(candidate, { scope: 'base', filter: '(objectClass=*)', attributes: ['ref'] }, new Control('2.16.840.1.113730.3.4.2'));
        const ref = searchEntries[0] ? first(searchEntries[0], 'ref') : '';
        if (ref !== '') return ref;
      } catch {
        // Not there (noSuchObject) or not readable: look higher up.
      }
    }
    return '';
  };

  /** A paged subtree search under the base DN; each page handed to `onPage` as it comes. */
  const searchAll = async (
    filter: string,
    attributes: readonly string[],
    binary: readonly string[],
    onPage: (entries: readonly Entry[]) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<void> => {
    try {
      const pages = client.searchPaginated(connection.baseDn, { scope: 'sub', filter, attributes: [...attributes], explicitBufferAttributes: [...binary], paged: { pageSize: PAGE_SIZE } });
      let next = pages.next();
      for (;;) {
        signal?.throwIfAborted();
        const page = await raceSignal(next, signal);
        if (page.done) break;
        const reference = page.value.searchReferences.find((one) => !isAdPartitionReference(one));
        if (reference !== undefined) throw new ReferralMet(reference);
        // Ask for the next page before working through this one: the server reads it meanwhile.
        next = pages.next();
        // Settled here too, so a failure while this page is handled is not also an unhandled rejection.
        next.catch(() => undefined);
        await onPage(page.value.searchEntries);
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason as Error;
      if (error instanceof ResultCodeError && error.code === 10) throw fail(new ReferralMet(await referralUrl(connection.baseDn)), 'search');
      throw fail(error, 'search');
    }
  };

  const searchBase: SearchBase = async (dn, attribute) => {
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: [attribute] });
      const record: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(searchEntries[0] ?? {})) if (key !== 'dn') record[key] = (Array.isArray(value) ? value : [value]).map(String);
      return record;
    } catch (error) {
      throw fail(error, 'search', dn);
    }
  };

  const membersOf = async (entry: Entry): Promise<string[]> => {
    const answered: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(entry)) if (key !== 'dn') answered[key] = (Array.isArray(value) ? value : [value]).map(String);
    const all: string[] = [];
    for (const attribute of flavour.memberAttributes) {
      const found = await allValues(entry.dn, attribute, answered, searchBase);
      all.push(...(attribute.toLowerCase() === 'uniquemember' ? found.map(withoutUniqueId) : found));
    }
    return all;
  };

  /** A source group outside the base DN (or not a group the big search saw): read on its own. */
  const readGroupAlone = async (dn: string): Promise<GroupMembers | undefined> => {
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: flavour.groupFilter, attributes: [...flavour.memberAttributes] });
      const entry = searchEntries[0];
      return entry ? { members: await membersOf(entry) } : undefined;
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 32) return undefined;
      throw fail(error, 'search', dn);
    }
  };

  /** Up to TEST_PAGE + 1 entries (to know there are more) without paging: cheap on any directory. */
  const countUpTo = async (filter: string): Promise<number> => {
    try {
      const { searchEntries, searchReferences } = await client.search(connection.baseDn, { scope: 'sub', filter, attributes: ['1.1'], sizeLimit: TEST_PAGE + 1 });
      const reference = searchReferences.find((one) => !isAdPartitionReference(one));
      if (reference !== undefined) throw new ReferralMet(reference);
      return searchEntries.length;
    } catch (error) {
      throw fail(error, 'search');
    }
  };

  return {
    test: async (): Promise<DirectoryTestResult> => {
      let serverName: string | null = null;
      try {
        const { searchEntries } = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['vendorName', 'dnsHostName', 'objectClass'] });
        const root = searchEntries[0];
        if (root) {
          const openldap = values(root, 'objectClass').some((one) => one.toLowerCase() === 'openldaprootdse');
          serverName = first(root, 'vendorName') || first(root, 'dnsHostName') || (openldap ? 'OpenLDAP' : '') || null;
        }
      } catch {
        // The root DSE is optional reading: a server that hides it is still one we can sync from.
      }
      const users = await countUpTo(flavour.userFilter);
      const groups = await countUpTo(flavour.groupFilter);
      return { serverName, users: Math.min(users, TEST_PAGE), groups: Math.min(groups, TEST_PAGE), more: users > TEST_PAGE || groups > TEST_PAGE, elapsedMs: Date.now() - openedAt };
    },

    changeMark: async (signal?: AbortSignal): Promise<string | null> => {
      const baseRead = async (dn: string, attribute: string, binary: boolean) => {
        const { searchEntries } = await raceSignal(client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: [attribute], explicitBufferAttributes: binary ? [attribute] : [] }), signal);
        return searchEntries[0];
      };
      try {
        const { searchEntries } = await raceSignal(client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: [...ROOT_DSE_MARK_ATTRIBUTES] }), signal);
        const root = searchEntries[0];
        if (!root) return null;
        const rootDse = { highestCommittedUSN: values(root, 'highestCommittedUSN'), dsServiceName: values(root, 'dsServiceName'), namingContexts: values(root, 'namingContexts') };
        const server = usnServer(rootDse);
        if (server !== null) {
          const dsa = await baseRead(server.dsa, 'invocationId', true);
          const id = dsa ? binaryValue(dsa, 'invocationId') : undefined;
          return usnMark(server, id?.toString('hex') ?? '');
        }
        const marks: (string | null)[] = [];
        for (const context of namingContextsOf(connection.baseDn, rootDse.namingContexts)) {
          const suffix = await baseRead(context, 'contextCSN', false);
          marks.push(csnMark(context, suffix ? values(suffix, 'contextCSN') : []));
        }
        return allMarks(marks);
      } catch {
        if (signal?.aborted) throw signal.reason as Error;
        // No mark to be had (a root DSE or suffix this account may not read): the run reads in full, as without one.
        return null;
      }
    },

    listGroups: async (search, limit) => {
      const text = search.trim();
      const filter = text === '' ? flavour.groupFilter : `(&${flavour.groupFilter}(cn=*${escapeFilterValue(text)}*))`;
      const groups: DirectoryGroup[] = [];
      await searchAll(filter, ['cn', 'description'], [], (entries) => {
        for (const entry of entries) groups.push({ dn: entry.dn, name: first(entry, 'cn') || firstRdnValue(entry.dn), description: first(entry, 'description') });
      });
      groups.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.dn.localeCompare(b.dn));
      return { groups: groups.slice(0, Math.max(0, limit)), truncated: groups.length > limit };
    },

    readSources: async (sourceDns, { signal, progress }: { signal?: AbortSignal; progress?: ReadProgress }): Promise<SourcesRead> => {
      // One paged search for users and groups together: each entry crosses the wire once, in as many round trips as
      // a bare search of the same entries (bench:directory-sync measures the whole sync against exactly that). Two
      // searches at once on one connection would need nothing to tell them apart, but OpenLDAP keeps one paged
      // search per connection (a second invalidates the first's cookie).
      const users = new DnIndex<DirectoryUser>();
      const groups = new DnIndex<GroupMembers>();
      const userIds = new Set<string>();
      let userCount = 0;
      let groupCount = 0;
      await searchAll(
        `(|${flavour.userFilter}${flavour.groupFilter})`,
        [...new Set([...flavour.kindAttributes, ...flavour.userAttributes, ...flavour.memberAttributes])],
        flavour.binaryAttributes,
        async (entries) => {
          for (const entry of entries) {
            if (flavour.isGroup(entry)) {
              groups.set(entry.dn, { members: await raceSignal(membersOf(entry), signal) });
              groupCount += 1;
            } else {
              const user = flavour.userFrom(entry);
              users.set(entry.dn, user);
              userIds.add(user.id);
              userCount += 1;
            }
          }
          // The totals are not known before the last page: they grow with what was read.
          progress?.('reading-users', userCount, userCount);
          progress?.('reading-groups', groupCount, groupCount);
        },
        signal,
      );
      const result: SourceMembers[] = [];
      let underBaseDn = true;
      for (const sourceDn of sourceDns) {
        signal?.throwIfAborted();
        let group = groups.get(sourceDn);
        if (!group) {
          underBaseDn = false;
          group = await raceSignal(readGroupAlone(sourceDn), signal);
          if (!group) {
            result.push({ sourceDn, found: false, users: [] });
            continue;
          }
          groups.set(sourceDn, group);
        }
        result.push({ sourceDn, found: true, users: usersOfGroup(group, groups, users) });
      }
      // Every user under the base DN was read (userIds): one missing was deleted (or moved out of the base DN).
      return { sources: result, existingUserIds: userIds, underBaseDn };
    },

    close,
  };
}
