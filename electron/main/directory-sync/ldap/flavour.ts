/**
 * What each kind of directory calls its users and groups, and how an entry of one becomes a DirectoryUser: Active
 * Directory (objectGUID, userAccountControl, groupType) or another LDAP directory (entryUUID, a configured disabled
 * attribute, objectClass). Attribute names are matched as the server spells them, else case-insensitively.
 */
import type { Entry } from 'ldapts';
import type { DirectoryConnection } from '../../../../shared/directory-sync/schemas';
import type { DirectoryUser } from '../directory-reader';

/** What each kind of directory calls its users and groups, and where it keeps their ids and members. */
export interface Flavour {
  readonly userFilter: string;
  readonly groupFilter: string;
  readonly userAttributes: readonly string[];
  readonly binaryAttributes: readonly string[];
  readonly memberAttributes: readonly string[];
  /** What tells a group from a user in the one search that returns both. */
  readonly kindAttributes: readonly string[];
  isGroup(entry: Entry): boolean;
  userFrom(entry: Entry): DirectoryUser;
}

const hasClass = (objectClasses: readonly string[], names: ReadonlySet<string>) => objectClasses.some((one) => names.has(one.toLowerCase()));
const LDAP_GROUP_CLASSES = new Set(['groupofnames', 'groupofuniquenames', 'group']);

/** An attribute as the server spelled its name (usually as asked), else found case-insensitively (`Mail`, `MAIL`). */
function attribute(entry: Entry, name: string): Entry[string] | undefined {
  const exact = entry[name];
  if (exact !== undefined) return exact;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(entry)) if (key !== 'dn' && key.toLowerCase() === wanted) return entry[key];
  return undefined;
}

/** Whether the entry has at least one value of the attribute (without the list values() makes: asked of every entry). */
function hasValue(entry: Entry, name: string): boolean {
  const value = attribute(entry, name);
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

/** An attribute's values whatever the case the server spells its name in (AD: `mail`, others `Mail`). */
export function values(entry: Entry, name: string): string[] {
  const value = attribute(entry, name);
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((one) => (Buffer.isBuffer(one) ? one.toString('utf8') : one));
}

export function binaryValue(entry: Entry, name: string): Buffer | undefined {
  const value = attribute(entry, name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return Buffer.isBuffer(first) ? first : typeof first === 'string' ? Buffer.from(first, 'latin1') : undefined;
}

/** The first value, trimmed ('' when none): without the list values() makes (a sync reads four of these per user). */
export function first(entry: Entry, name: string): string {
  const value = attribute(entry, name);
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return '';
  return (Buffer.isBuffer(one) ? one.toString('utf8') : one).trim();
}

function baseUser(entry: Entry, id: string, disabled: boolean): DirectoryUser {
  const mail = first(entry, 'mail');
  return { dn: entry.dn, id, name: first(entry, 'displayName') || first(entry, 'cn'), email: mail === '' ? null : mail, disabled };
}

/** userAccountControl bit 2: ACCOUNTDISABLE. */
const ACCOUNT_DISABLE = 2;

export function flavourOf(connection: DirectoryConnection): Flavour {
  if (connection.kind === 'active-directory') {
    return {
      userFilter: '(&(objectClass=user)(!(objectClass=computer)))',
      groupFilter: '(objectClass=group)',
      userAttributes: ['objectGUID', 'displayName', 'cn', 'mail', 'userAccountControl'],
      binaryAttributes: ['objectGUID'],
      memberAttributes: ['member'],
      // Every AD group has a groupType and no user has one: one small integer on a few entries, where objectClass
      // would send four or five values with every user (a quarter more bytes; bench:directory-sync).
      kindAttributes: ['groupType'],
      isGroup: (entry) => hasValue(entry, 'groupType'),
      userFrom: (entry) => {
        const flags = Number.parseInt(first(entry, 'userAccountControl'), 10);
        // An entry without objectGUID (never on AD itself) gets id '': the planner reports it as invalid-entry.
        return baseUser(entry, binaryValue(entry, 'objectGUID')?.toString('hex') ?? '', Number.isFinite(flags) && (flags & ACCOUNT_DISABLE) !== 0);
      },
    };
  }
  const disabledAttribute = connection.disabledAttribute;
  const disabledValue = connection.disabledValue.trim().toLowerCase();
  return {
    userFilter: '(|(objectClass=inetOrgPerson)(objectClass=person))',
    groupFilter: '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=group))',
    // entryUUID is operational: only sent when asked for by name.
    userAttributes: ['entryUUID', 'displayName', 'cn', 'mail', ...(disabledAttribute ? [disabledAttribute] : [])],
    binaryAttributes: [],
    memberAttributes: ['member', 'uniqueMember'],
    kindAttributes: ['objectClass'],
    isGroup: (entry) => hasClass(values(entry, 'objectClass'), LDAP_GROUP_CLASSES),
    userFrom: (entry) => {
      const held = disabledAttribute ? values(entry, disabledAttribute).map((one) => one.trim().toLowerCase()) : [];
      const disabled = disabledValue === '' ? held.length > 0 : held.includes(disabledValue);
      return baseUser(entry, first(entry, 'entryUUID'), disabled);
    },
  };
}
