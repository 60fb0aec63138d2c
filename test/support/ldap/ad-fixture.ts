/**
 * Builders for directory entries in the two shapes the sync reads: Active Directory's (`user` with a binary
 * objectGUID and userAccountControl, `group` with member DNs, empty or nested) and a plain LDAP directory's
 * (inetOrgPerson with entryUUID as its id and a configurable "disabled" attribute; groupOfNames, groupOfUniqueNames or
 * our `group`). Plus a bulk directory as LDIF for slapadd (the benchmark's 2,000 users in 20 groups), and a referral.
 */
import { randomBytes } from 'node:crypto';
import type { LdapEntry } from './ldif';

/** userAccountControl: NORMAL_ACCOUNT (512), with ACCOUNTDISABLE (2) for a disabled one. */
export const UAC_NORMAL = 512;
export const UAC_DISABLED = 514;

export interface AdUserOptions {
  /** The parent's DN, e.g. slapd.peopleDn. */
  readonly ou: string;
  readonly cn: string;
  readonly mail?: string | null;
  readonly displayName?: string | null;
  readonly disabled?: boolean;
  /** 16 bytes, or 32 hex digits; random when absent. */
  readonly guid?: Buffer | string;
  readonly sAMAccountName?: string;
  /** A userAccountControl other than 512/514 (wins over `disabled`). */
  readonly userAccountControl?: number;
}

export interface AdUserEntry extends LdapEntry {
  /** objectGUID as the reader reports it: 32 lower-case hex digits. */
  readonly guid: string;
}

/** An RDN value with the characters DNs escape (RFC 4514) escaped. */
export function escapeRdnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

function surname(cn: string): string {
  return cn.trim().split(/\s+/).at(-1) || cn;
}

export function adUser(options: AdUserOptions): AdUserEntry {
  const guid = options.guid === undefined ? randomBytes(16) : typeof options.guid === 'string' ? Buffer.from(options.guid, 'hex') : options.guid;
  if (guid.length !== 16) throw new Error('objectGUID is 16 bytes');
  const attributes: Record<string, string | Buffer | string[]> = {
    objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'user'],
    cn: options.cn,
    sn: surname(options.cn),
    objectGUID: guid,
    userAccountControl: String(options.userAccountControl ?? (options.disabled ? UAC_DISABLED : UAC_NORMAL)),
    sAMAccountName: options.sAMAccountName ?? options.cn.toLowerCase().replace(/[^a-z0-9]+/g, '.').slice(0, 20),
  };
  if (options.mail) attributes['mail'] = options.mail;
  if (options.displayName) attributes['displayName'] = options.displayName;
  return { dn: `cn=${escapeRdnValue(options.cn)},${options.ou}`, attributes, guid: guid.toString('hex') };
}

export interface AdGroupOptions {
  readonly ou: string;
  readonly cn: string;
  /** DNs of users or groups (nesting); may be empty. */
  readonly members?: readonly string[];
  readonly description?: string;
}

export function adGroup(options: AdGroupOptions): LdapEntry {
  // groupType: a global security group (ACCOUNT_GROUP | SECURITY_ENABLED), as AD sets on every group it makes.
  const attributes: Record<string, string | Buffer | string[]> = { objectClass: ['top', 'group'], cn: options.cn, objectGUID: randomBytes(16), sAMAccountName: options.cn.slice(0, 20), groupType: '-2147483646' };
  if (options.members && options.members.length > 0) attributes['member'] = [...options.members];
  if (options.description) attributes['description'] = options.description;
  return { dn: `cn=${escapeRdnValue(options.cn)},${options.ou}`, attributes };
}

export function organizationalUnit(parentDn: string, name: string): LdapEntry {
  return { dn: `ou=${escapeRdnValue(name)},${parentDn}`, attributes: { objectClass: 'organizationalUnit', ou: name } };
}

export interface LdapUserOptions {
  readonly ou: string;
  readonly cn: string;
  readonly mail?: string | null;
  readonly displayName?: string | null;
  /** Set `disabledAttribute: disabledValue` on the entry (e.g. description: disabled, or employeeType: inactive). */
  readonly disabled?: boolean;
  readonly disabledAttribute?: string;
  readonly disabledValue?: string;
  /** entryUUID to give it: only slapadd (seed) may set it; entries added over LDAP get one from slapd. */
  readonly entryUUID?: string;
}

/** A plain LDAP directory's user: inetOrgPerson, id entryUUID (read it back with slapd.read(dn, ['entryUUID'])). */
export function ldapUser(options: LdapUserOptions): LdapEntry {
  const attributes: Record<string, string | string[]> = { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], cn: options.cn, sn: surname(options.cn) };
  if (options.mail) attributes['mail'] = options.mail;
  if (options.displayName) attributes['displayName'] = options.displayName;
  if (options.disabled) attributes[options.disabledAttribute ?? 'description'] = options.disabledValue ?? 'disabled';
  if (options.entryUUID) attributes['entryUUID'] = options.entryUUID;
  return { dn: `cn=${escapeRdnValue(options.cn)},${options.ou}`, attributes };
}

export type LdapGroupClass = 'groupOfNames' | 'groupOfUniqueNames' | 'group';

export interface LdapGroupOptions {
  readonly ou: string;
  readonly cn: string;
  /** groupOfNames and groupOfUniqueNames need at least one member. */
  readonly members: readonly string[];
  readonly objectClass?: LdapGroupClass;
  readonly description?: string;
}

export function ldapGroup(options: LdapGroupOptions): LdapEntry {
  const objectClass = options.objectClass ?? 'groupOfNames';
  const memberAttribute = objectClass === 'groupOfUniqueNames' ? 'uniqueMember' : 'member';
  const attributes: Record<string, string | string[]> = { objectClass: ['top', objectClass], cn: options.cn };
  if (options.members.length > 0) attributes[memberAttribute] = [...options.members];
  if (options.description) attributes['description'] = options.description;
  return { dn: `cn=${escapeRdnValue(options.cn)},${options.ou}`, attributes };
}

/**
 * A referral object: with ManageDsaIT off (the reader never sets it) slapd answers a search based at or under it
 * with a referral (resultCode 10) to `url`, and a subtree search over it with a continuation reference.
 */
export function referralEntry(parentDn: string, ou: string, url: string): LdapEntry {
  return { dn: `ou=${escapeRdnValue(ou)},${parentDn}`, attributes: { objectClass: ['referral', 'extensibleObject'], ou, ref: url } };
}

export interface BulkDirectoryOptions {
  readonly baseDn: string;
  readonly users: number;
  readonly groups: number;
  /** Every n-th user is disabled (0: none). */
  readonly disabledEvery?: number;
  /** OU names made under the base DN for them (default Staff and Teams). */
  readonly usersOu?: string;
  readonly groupsOu?: string;
}

export interface BulkDirectory {
  /** The OUs, then the users, then the groups: in slapadd's order. */
  readonly entries: readonly LdapEntry[];
  readonly users: readonly AdUserEntry[];
  /** Each group's DN and its members (users spread round-robin: user i is in group i mod groups). */
  readonly groups: readonly { readonly dn: string; readonly members: readonly string[] }[];
  readonly usersOuDn: string;
  readonly groupsOuDn: string;
}

/** An AD-shaped directory of `users` users spread over `groups` groups, for `seed` (slapadd). */
export function bulkAdDirectory(options: BulkDirectoryOptions): BulkDirectory {
  const usersOu = organizationalUnit(options.baseDn, options.usersOu ?? 'Staff');
  const groupsOu = organizationalUnit(options.baseDn, options.groupsOu ?? 'Teams');
  const users: AdUserEntry[] = [];
  const members: string[][] = Array.from({ length: options.groups }, () => []);
  for (let index = 0; index < options.users; index++) {
    const number = String(index + 1).padStart(5, '0');
    const user = adUser({
      ou: usersOu.dn,
      cn: `User ${number}`,
      displayName: `Technician ${number}`,
      mail: `user${number}@example.com`,
      disabled: options.disabledEvery ? (index + 1) % options.disabledEvery === 0 : false,
      sAMAccountName: `user${number}`,
    });
    users.push(user);
    members[index % options.groups]?.push(user.dn);
  }
  const groupEntries = members.map((dns, index) => adGroup({ ou: groupsOu.dn, cn: `Team ${String(index + 1).padStart(3, '0')}`, members: dns, description: `Bulk team ${index + 1}` }));
  return {
    entries: [usersOu, groupsOu, ...users, ...groupEntries],
    users,
    groups: groupEntries.map((group, index) => ({ dn: group.dn, members: members[index] ?? [] })),
    usersOuDn: usersOu.dn,
    groupsOuDn: groupsOu.dn,
  };
}
