/**
 * The LDAP directory reader against a real OpenLDAP slapd (test/support/ldap/slapd.ts): Active Directory's shape
 * (objectGUID, userAccountControl, nested `group`s) and a plain LDAP directory's (entryUUID, a disabled attribute,
 * groupOfNames), LDAPS and StartTLS with a throwaway CA, and every failure a sync must log and survive. One slapd for
 * the file (seeded with slapadd), one without TLS for the refused StartTLS.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/main/base/domain-error';
import type { DirectorySession } from '../../electron/main/directory-sync/directory-reader';
import { openDirectory } from '../../electron/main/directory-sync/ldap/ldap-directory';
import type { DirectoryConnection } from '../../shared/directory-sync/schemas';
import { adGroup, adUser, bulkAdDirectory, ldapGroup, ldapUser, organizationalUnit, referralEntry, type AdUserEntry } from '../support/ldap/ad-fixture';
import type { LdapEntry } from '../support/ldap/ldif';
import { startSlapd, type Slapd } from '../support/ldap/slapd';

const BASE = 'dc=example,dc=com';
const PEOPLE = `ou=People,${BASE}`;
const GROUPS = `ou=Groups,${BASE}`;
const PLAIN = `ou=Plain,${BASE}`;

// Active Directory's shape: Service desk ⊃ Tier 2 ⊃ Night shift ⊃ Service desk (a cycle); a disabled user; a computer.
const ann = adUser({ ou: PEOPLE, cn: 'Ann Smit', displayName: 'Ann Smit', mail: 'ann@example.com' });
const bram = adUser({ ou: PEOPLE, cn: 'Bram de Vries, jr.', mail: ' bram@example.com ' });
const cees = adUser({ ou: PEOPLE, cn: 'Cees Disabled', displayName: 'Cees Bakker', mail: 'cees@example.com', disabled: true });
const dirk = adUser({ ou: PEOPLE, cn: 'Dirk Nomail', displayName: '  Dirk Jansen ' });
const outsider = adUser({ ou: PEOPLE, cn: 'Eva Elsewhere', mail: 'eva@example.com' });
const laptop: LdapEntry = {
  dn: `cn=LAPTOP-01,${PEOPLE}`,
  attributes: { ...adUser({ ou: PEOPLE, cn: 'LAPTOP-01' }).attributes, objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'user', 'computer'] },
};
const serviceDesk = `cn=Service desk,${GROUPS}`;
const tier2 = `cn=Tier 2,${GROUPS}`;
const nightShift = `cn=Night shift,${GROUPS}`;
const bulk = bulkAdDirectory({ baseDn: BASE, users: 1_100, groups: 1, usersOu: 'Bulk', groupsOu: 'Bulk teams' });

const adEntries: LdapEntry[] = [
  ann,
  bram,
  cees,
  dirk,
  outsider,
  laptop,
  // Member DNs spelled as people type them: other case, spaces after commas, the comma escaped as \, (slapd says \2C).
  adGroup({ ou: GROUPS, cn: 'Service desk', members: ['CN=Ann Smit, OU=People, DC=example, DC=com', tier2, laptop.dn, 'cn=Gone Person,ou=People,dc=example,dc=com', 'cn=Someone,dc=other,dc=org'], description: 'First line' }),
  adGroup({ ou: GROUPS, cn: 'Tier 2', members: [bram.dn, nightShift, ann.dn] }),
  adGroup({ ou: GROUPS, cn: 'Night shift', members: [cees.dn, dirk.dn, serviceDesk] }),
  adGroup({ ou: GROUPS, cn: 'Empty' }),
  adGroup({ ou: GROUPS, cn: 'Odd (*) \\ name', description: 'Characters a filter must escape' }),
  adGroup({ ou: GROUPS, cn: 'Other', members: [outsider.dn] }),
  adGroup({ ou: GROUPS, cn: 'Équipe Zoë' }),
];

// A plain LDAP directory's shape, in its own OU: inetOrgPerson, employeeType=inactive for a disabled user.
const pia = ldapUser({ ou: PLAIN, cn: 'Pia Plain', mail: 'pia@example.com', displayName: 'Pia P.', entryUUID: '11111111-2222-4333-8444-555555555555' });
const quinn = ldapUser({ ou: PLAIN, cn: 'Quinn Gone', mail: 'quinn@example.com', disabled: true, disabledAttribute: 'employeeType', disabledValue: 'Inactive' });
const rosa = ldapUser({ ou: PLAIN, cn: 'Rosa Other', mail: 'rosa@example.com', disabled: true, disabledAttribute: 'employeeType', disabledValue: 'contractor' });
const plainEntries: LdapEntry[] = [
  organizationalUnit(BASE, 'Plain'),
  pia,
  quinn,
  rosa,
  ldapGroup({ ou: PLAIN, cn: 'Inner', members: [rosa.dn], objectClass: 'groupOfUniqueNames' }),
  ldapGroup({ ou: PLAIN, cn: 'Plain staff', members: [pia.dn, quinn.dn, `cn=Inner,${PLAIN}`] }),
];

let slapd: Slapd;
let noTls: Slapd;
beforeAll(async () => {
  [slapd, noTls] = await Promise.all([startSlapd({ baseDn: BASE, seed: [...adEntries, ...plainEntries, ...bulk.entries] }), startSlapd({ baseDn: BASE, tls: false })]);
});
afterAll(async () => {
  await Promise.all([slapd?.stop(), noTls?.stop()]);
});

function connection(overrides: Partial<DirectoryConnection> = {}): DirectoryConnection {
  return {
    kind: 'active-directory',
    host: slapd.host,
    port: slapd.ldapsPort,
    security: 'ldaps',
    caCertificate: slapd.caPem,
    bindDn: slapd.bindDn,
    baseDn: BASE,
    disabledAttribute: null,
    disabledValue: '',
    ...overrides,
  };
}

async function withSession<T>(work: (session: DirectorySession) => Promise<T>, overrides: Partial<DirectoryConnection> = {}, password = slapd.bindPassword): Promise<T> {
  const session = await openDirectory(connection(overrides), password, { timeoutMs: 5_000 });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

async function failure(work: () => Promise<unknown>): Promise<DomainError> {
  const error = await work().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const idOf = (user: AdUserEntry) => user.guid;

describe('LDAP directory reader: Active Directory', () => {
  it('reads nested groups through a cycle: each user once, in the order met, with id, name, email and status', async () => {
    const [desk, night] = await withSession((session) => session.readSources([serviceDesk, nightShift], {}).then((read) => read.sources));
    expect(desk?.found).toBe(true);
    expect(desk?.users.map((user) => [user.id, user.name, user.email, user.disabled])).toEqual([
      [idOf(ann), 'Ann Smit', 'ann@example.com', false],
      [idOf(bram), 'Bram de Vries, jr.', 'bram@example.com', false],
      [idOf(cees), 'Cees Bakker', 'cees@example.com', true],
      [idOf(dirk), 'Dirk Jansen', null, false],
    ]);
    // The computer, a deleted member and one outside the base DN are no users of it.
    expect(desk?.users.map((user) => user.dn.toLowerCase())).not.toContain(laptop.dn.toLowerCase());
    // The cycle from the other side: Night shift reaches Service desk and through it everyone.
    expect(night?.users.map((user) => user.name)).toEqual(['Cees Bakker', 'Dirk Jansen', 'Ann Smit', 'Bram de Vries, jr.']);
  });

  it('follows changes: a user added to a nested group, a renamed user, one disabled', async () => {
    const fay = adUser({ ou: PEOPLE, cn: 'Fay New', mail: 'fay@example.com' });
    await slapd.add(fay);
    await slapd.modify(tier2, { member: [bram.dn, nightShift, ann.dn, fay.dn] });
    await slapd.modify(ann.dn, { displayName: 'Ann Smit-Visser', userAccountControl: '66050' });
    try {
      const [desk] = await withSession((session) => session.readSources([serviceDesk], {}).then((read) => read.sources));
      expect(desk?.users.find((user) => user.id === fay.guid)).toMatchObject({ name: 'Fay New', email: 'fay@example.com', disabled: false });
      expect(desk?.users.find((user) => user.id === ann.guid)).toMatchObject({ name: 'Ann Smit-Visser', disabled: true });
    } finally {
      await slapd.modify(tier2, { member: [bram.dn, nightShift, ann.dn] });
      await slapd.modify(ann.dn, { displayName: 'Ann Smit', userAccountControl: '512' });
      await slapd.delete(fay.dn);
    }
  });

  it('gives a change mark that stays while nothing changes and moves with every add, modify, rename and delete', async () => {
    const mark = () => withSession((session) => session.changeMark());
    const marks = [await mark()];
    expect(marks[0]).toMatch(/^csn dc=example,dc=com \S+/);
    expect(await mark()).toBe(marks[0]);
    // Reading changes nothing: the mark after a full read is the one before it.
    await withSession((session) => session.readSources([serviceDesk], {}));
    expect(await mark()).toBe(marks[0]);
    const gus = adUser({ ou: PEOPLE, cn: 'Gus Marked', mail: 'gus@example.com' });
    const moved = `cn=Gus Moved,${PEOPLE}`;
    await slapd.add(gus);
    marks.push(await mark());
    await slapd.modify(gus.dn, { mail: 'gus@example.org' });
    marks.push(await mark());
    await slapd.asAdmin((client) => client.modifyDN(gus.dn, 'cn=Gus Moved'));
    marks.push(await mark());
    await slapd.delete(moved);
    marks.push(await mark());
    expect(new Set(marks).size).toBe(marks.length);
    expect(marks.every((one) => one !== null)).toBe(true);
  });

  it('gives no change mark for a base DN in no naming context of the server', async () => {
    // The server cannot say which database holds it, so no contextCSN stands for it: every run reads in full.
    expect(await withSession((session) => session.changeMark(), { baseDn: 'dc=other,dc=org' })).toBeNull();
  });

  it('says when a source group lay outside the base DN (read on its own, where the change mark does not reach)', async () => {
    const inside = await withSession((session) => session.readSources([serviceDesk], {}));
    expect(inside.underBaseDn).toBe(true);
    const outside = await withSession((session) => session.readSources([serviceDesk], {}), { baseDn: PLAIN });
    expect(outside.sources[0]?.found).toBe(true);
    expect(outside.underBaseDn).toBe(false);
  });

  it('says found: false for a source group that does not exist (or is no group), and reads the others', async () => {
    const result = await withSession((session) => session.readSources([`cn=Disbanded,${GROUPS}`, 'cn=Elsewhere,dc=other,dc=org', PEOPLE, `cn=Empty,${GROUPS}`], {}).then((read) => read.sources));
    expect(result.map((source) => [source.found, source.users.length])).toEqual([
      [false, 0],
      [false, 0],
      [false, 0],
      [true, 0],
    ]);
  });

  it('reads a group of more than 1,000 users (AD and slapd refuse that many without paging)', async () => {
    const started = performance.now();
    const [team] = await withSession((session) => session.readSources([bulk.groups[0]?.dn ?? ''], {}).then((read) => read.sources));
    expect(team?.users).toHaveLength(1_100);
    expect(new Set(team?.users.map((user) => user.id))).toEqual(new Set(bulk.users.map((user) => user.guid)));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports progress and stops with the signal', async () => {
    const seen: string[] = [];
    await withSession((session) => session.readSources([serviceDesk], { progress: (stage, done) => seen.push(`${stage}:${done > 0}`) }));
    expect(seen).toContain('reading-users:true');
    expect(seen).toContain('reading-groups:true');
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    const cancelled = await withSession((session) =>
      session.readSources([serviceDesk], { signal: controller.signal, progress: () => controller.abort(reason) }).then(
        () => 'finished',
        (error: unknown) => error,
      ),
    );
    expect(cancelled).toBe(reason);
  });

  it('lists groups by name, with a search that contains filter characters taken literally', async () => {
    const all = await withSession((session) => session.listGroups('', 100));
    expect(all.groups.map((group) => group.name).slice(0, 3)).toEqual(['Empty', 'Équipe Zoë', 'Night shift']);
    expect(all.groups.find((group) => group.name === 'Service desk')).toEqual({ dn: expect.stringMatching(/^cn=Service desk,ou=Groups,dc=example,dc=com$/i), name: 'Service desk', description: 'First line' });
    const odd = await withSession((session) => session.listGroups('(*) \\', 10));
    expect(odd).toEqual({ groups: [expect.objectContaining({ name: 'Odd (*) \\ name', description: 'Characters a filter must escape' })], truncated: false });
    expect(await withSession((session) => session.listGroups('*', 10))).toEqual({ groups: [expect.objectContaining({ name: 'Odd (*) \\ name' })], truncated: false });
    expect(await withSession((session) => session.listGroups(')(cn=*', 10))).toEqual({ groups: [], truncated: false });
    expect((await withSession((session) => session.listGroups('Zoë', 10))).groups.map((group) => group.name)).toEqual(['Équipe Zoë']);
    const two = await withSession((session) => session.listGroups('e', 2));
    expect(two.groups.map((group) => group.name)).toEqual(['Empty', 'Équipe Zoë']);
    expect(two.truncated).toBe(true);
  });

  it('tests the connection: the server, and users and groups counted up to a page', async () => {
    const result = await withSession((session) => session.test());
    expect(result).toMatchObject({ serverName: 'OpenLDAP', users: 500, groups: 8, more: true });
    const small = await withSession((session) => session.test(), { baseDn: GROUPS });
    expect(small).toMatchObject({ users: 0, groups: 7, more: false });
  });
});

describe('LDAP directory reader: another LDAP directory', () => {
  const plain = { kind: 'ldap', baseDn: PLAIN, disabledAttribute: 'employeeType', disabledValue: 'inactive' } as const;

  it('reads entryUUID as the id, groupOfNames and groupOfUniqueNames nested, disabled by the configured attribute (any case)', async () => {
    const [staff] = await withSession((session) => session.readSources([`cn=Plain staff,${PLAIN}`], {}).then((read) => read.sources), plain);
    expect(staff?.users.map((user) => [user.name, user.email, user.disabled])).toEqual([
      ['Pia P.', 'pia@example.com', false],
      ['Quinn Gone', 'quinn@example.com', true],
      ['Rosa Other', 'rosa@example.com', false],
    ]);
    expect(staff?.users[0]?.id).toBe('11111111-2222-4333-8444-555555555555');
    expect(staff?.users[1]?.id).toBe(String((await slapd.read(quinn.dn, ['entryUUID']))?.['entryUUID']));
  });

  it('with an empty disabled value, any value of the attribute disables; without an attribute, nobody is disabled', async () => {
    const [anyValue] = await withSession((session) => session.readSources([`cn=Plain staff,${PLAIN}`], {}).then((read) => read.sources), { ...plain, disabledValue: '' });
    expect(anyValue?.users.map((user) => user.disabled)).toEqual([false, true, true]);
    const [none] = await withSession((session) => session.readSources([`cn=Plain staff,${PLAIN}`], {}).then((read) => read.sources), { ...plain, disabledAttribute: null });
    expect(none?.users.map((user) => user.disabled)).toEqual([false, false, false]);
  });
});

describe('LDAP directory reader: connections and failures', () => {
  it('connects over StartTLS on the plain port, and over plain LDAP', async () => {
    const starttls = await withSession((session) => session.listGroups('Tier', 5), { security: 'starttls', port: slapd.ldapPort, host: 'localhost' });
    expect(starttls.groups.map((group) => group.name)).toEqual(['Tier 2']);
    const plain = await withSession((session) => session.listGroups('Tier', 5), { security: 'none', port: slapd.ldapPort, caCertificate: null });
    expect(plain.groups).toHaveLength(1);
  });

  it('refuses a server whose certificate another CA signed, or that is not named as connected to', async () => {
    const wrongCa = await failure(() => openDirectory(connection({ caCertificate: slapd.wrongCaPem }), slapd.bindPassword, { timeoutMs: 5_000 }));
    expect(wrongCa).toMatchObject({ code: 'DIRECTORY_TLS', fields: { detail: 'certificate not trusted' } });
    const noCa = await failure(() => openDirectory(connection({ caCertificate: null }), slapd.bindPassword, { timeoutMs: 5_000 }));
    expect(noCa).toMatchObject({ code: 'DIRECTORY_TLS', fields: { detail: 'certificate not trusted' } });
    const wrongCaStartTls = await failure(() => openDirectory(connection({ security: 'starttls', port: slapd.ldapPort, caCertificate: slapd.wrongCaPem }), slapd.bindPassword, { timeoutMs: 5_000 }));
    expect(wrongCaStartTls).toMatchObject({ code: 'DIRECTORY_TLS', fields: { detail: 'certificate not trusted' } });
    // The certificate names 127.0.0.1 and localhost, not 127.0.0.2 (the same server, reached by another address).
    if (slapd.unnamedHost) {
      const wrongName = await failure(() => openDirectory(connection({ host: slapd.unnamedHost ?? '' }), slapd.bindPassword, { timeoutMs: 5_000 }));
      expect(wrongName).toMatchObject({ code: 'DIRECTORY_TLS', fields: { detail: 'certificate name mismatch' } });
    }
  });

  it('says TLS failed when the server refuses StartTLS', async () => {
    const refused = await failure(() => openDirectory(connection({ security: 'starttls', host: noTls.host, port: noTls.ldapPort }), noTls.bindPassword, { timeoutMs: 5_000 }));
    expect(refused).toMatchObject({ code: 'DIRECTORY_TLS', fields: { detail: 'StartTLS refused by the server' } });
  });

  it('refuses a wrong password without ever showing it', async () => {
    const password = 'Wrong-Secret-Tulip-93';
    const refused = await failure(() => openDirectory(connection(), password, { timeoutMs: 5_000 }));
    expect(refused.code).toBe('DIRECTORY_BIND_FAILED');
    expect(JSON.stringify({ message: refused.message, fields: refused.fields, stack: refused.stack })).not.toContain(password);
    const unknownAccount = await failure(() => openDirectory(connection({ bindDn: `cn=nobody,${BASE}` }), slapd.bindPassword, { timeoutMs: 5_000 }));
    expect(unknownAccount.code).toBe('DIRECTORY_BIND_FAILED');
    expect(`${unknownAccount.message} ${JSON.stringify(unknownAccount.fields)}`).not.toContain(slapd.bindPassword);
  });

  it('says the server does not answer on a closed port or hangs up, and when it stays silent, that it took too long', async () => {
    const closed = await failure(() => openDirectory(connection({ port: 1, security: 'none', caCertificate: null }), slapd.bindPassword, { timeoutMs: 5_000 }));
    expect(closed).toMatchObject({ code: 'DIRECTORY_UNREACHABLE', fields: { host: '127.0.0.1:1' } });
    // Plain LDAP spoken to the LDAPS port: slapd hangs up at the first bytes.
    const hungUp = await failure(() => openDirectory(connection({ security: 'none', caCertificate: null }), slapd.bindPassword, { timeoutMs: 5_000 }));
    expect(hungUp).toMatchObject({ code: 'DIRECTORY_UNREACHABLE', fields: { host: `127.0.0.1:${slapd.ldapsPort}` } });
    // A server that accepts the connection and never answers (a stuck server, a black-holing proxy).
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      for (const security of ['none', 'ldaps', 'starttls'] as const) {
        const started = performance.now();
        const error = await failure(() => openDirectory(connection({ port, security }), slapd.bindPassword, { timeoutMs: 300 }));
        expect(error.code).toBe('DIRECTORY_TIMEOUT');
        expect(performance.now() - started).toBeLessThan(2_000);
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says the base DN is missing, and which', async () => {
    const baseDn = `ou=Nowhere,${BASE}`;
    const missing = await failure(() => withSession((session) => session.readSources([serviceDesk], {}), { baseDn }).then((read) => read.sources));
    expect(missing).toMatchObject({ code: 'DIRECTORY_BASE_MISSING', fields: { dn: baseDn } });
    expect(await failure(() => withSession((session) => session.test(), { baseDn }))).toMatchObject({ code: 'DIRECTORY_BASE_MISSING' });
  });

  it('says where a referral points, whether the base DN is under it or a subtree search meets it', async () => {
    const url = `ldap://other.invalid/ou=Branch,${BASE}`;
    await slapd.add(referralEntry(BASE, 'Branch', url));
    try {
      const met = await failure(() => withSession((session) => session.readSources([serviceDesk], {}).then((read) => read.sources)));
      expect(met).toMatchObject({ code: 'DIRECTORY_REFERRAL', fields: { url: expect.stringContaining('ldap://other.invalid/ou=Branch,') } });
      const based = await failure(() => withSession((session) => session.readSources([serviceDesk], {}), { baseDn: `ou=Branch,${BASE}` }));
      expect(based).toMatchObject({ code: 'DIRECTORY_REFERRAL', fields: { url } });
      const under = await failure(() => withSession((session) => session.readSources([serviceDesk], {}), { baseDn: `ou=Deeper,ou=Branch,${BASE}` }));
      expect(under).toMatchObject({ code: 'DIRECTORY_REFERRAL', fields: { url } });
    } finally {
      await slapd.delete(`ou=Branch,${BASE}`, { subtree: false });
    }
  });

  it('says the bind account may not read a part of the tree it is denied', async () => {
    const baseDn = `ou=Restricted,${BASE}`;
    const denied = await failure(() => withSession((session) => session.readSources([], {}), { baseDn }).then((read) => read.sources));
    expect(denied).toMatchObject({ code: 'DIRECTORY_ACCESS_DENIED', fields: { dn: baseDn } });
  });
});
