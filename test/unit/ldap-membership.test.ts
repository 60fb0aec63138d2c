/** A source group's users from one read of the directory: nesting, cycles, and members spelled unlike their entry. */
import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../electron/main/directory-sync/directory-reader';
import { DnIndex, usersOfGroup, type GroupMembers } from '../../electron/main/directory-sync/ldap/membership';

const user = (cn: string): DirectoryUser => ({ dn: `CN=${cn},OU=People,DC=example,DC=com`, id: cn.toLowerCase(), name: cn, email: `${cn.toLowerCase()}@example.com`, disabled: false });

function directory(groupsByDn: Record<string, readonly string[]>, people: readonly DirectoryUser[]) {
  const users = new DnIndex<DirectoryUser>();
  for (const one of people) users.set(one.dn, one);
  const groups = new DnIndex<GroupMembers>();
  for (const [dn, members] of Object.entries(groupsByDn)) groups.set(dn, { members });
  return { users, groups };
}

describe('the users of a source group', () => {
  const [ann, bob, cor] = [user('Ann'), user('Bob'), user('Cor')];
  const desk = 'CN=Desk,OU=Groups,DC=example,DC=com';
  const nights = 'CN=Nights,OU=Groups,DC=example,DC=com';

  it('follow nested groups depth first, each user once in the order first met, through a cycle', () => {
    const { users, groups } = directory({ [desk]: [ann.dn, nights, bob.dn], [nights]: [cor.dn, desk, ann.dn] }, [ann, bob, cor]);
    const group = groups.get(desk);
    expect(group && usersOfGroup(group, groups, users).map((one) => one.name)).toEqual(['Ann', 'Cor', 'Bob']);
  });

  it('find members spelled unlike their entry (case, spacing, escapes), once each, and pass over unknown ones', () => {
    const odd = 'cn=ann, ou=PEOPLE ,dc=Example,dc=com';
    const { users, groups } = directory({ [desk]: [odd, ann.dn, 'CN=Printer,OU=Devices,DC=example,DC=com', 'cn=nights,ou=groups,dc=example,dc=com'], [nights]: ['CN=B\\6Fb,OU=People,DC=example,DC=com'] }, [ann, bob]);
    const group = groups.get('cn=desk,ou=groups,dc=example,dc=com');
    expect(group && usersOfGroup(group, groups, users).map((one) => one.name)).toEqual(['Ann', 'Bob']);
  });

  it('find an entry added after a spelling missed once (its key is kept up to date)', () => {
    const users = new DnIndex<DirectoryUser>();
    users.set(ann.dn, ann);
    expect(users.get('cn=bob,ou=people,dc=example,dc=com')).toBeUndefined();
    users.set(bob.dn, bob);
    expect(users.get('cn=bob,ou=people,dc=example,dc=com')).toBe(bob);
    expect(users.get(' CN=Ann,OU=People,DC=example,DC=com')).toBe(ann);
  });
});
