/**
 * The users of a source group, nested groups followed, resolved in memory from one read of all users and groups
 * (one paged search, whatever the number of groups): each user once in the order first met, cycles survived,
 * members that are neither a known user nor a known group ignored (outside the base DN, computers, contacts,
 * deleted entries).
 */
import type { DirectoryUser } from '../directory-reader';
import { dnKey } from './dn';

export interface GroupMembers {
  /** Member DNs as the directory gave them. */
  readonly members: readonly string[];
}

/**
 * Entries by DN, found by any spelling of it (see dn.ts). A member value is nearly always spelled as the entry's own
 * DN, so an exact lookup answers first; the normalised keys are only made — for every entry, once — when one misses.
 */
export class DnIndex<T> {
  private readonly exact = new Map<string, T>();
  private byKey: Map<string, T> | null = null;

  set(dn: string, value: T): void {
    this.exact.set(dn, value);
    this.byKey?.set(dnKey(dn), value);
  }

  get(dn: string): T | undefined {
    const found = this.exact.get(dn);
    if (found !== undefined) return found;
    if (!this.byKey) {
      this.byKey = new Map();
      for (const [entryDn, value] of this.exact) this.byKey.set(dnKey(entryDn), value);
    }
    return this.byKey.get(dnKey(dn));
  }
}

export function usersOfGroup(group: GroupMembers, groups: DnIndex<GroupMembers>, users: DnIndex<DirectoryUser>): DirectoryUser[] {
  const found: DirectoryUser[] = [];
  // By the entry found, not the spelling: one user reached under two spellings is still one user.
  const seenUsers = new Set<DirectoryUser>();
  const seenGroups = new Set<GroupMembers>([group]);
  // Depth first with an explicit stack (a deep nesting must not overflow the call stack); members in their order.
  const stack: string[][] = [[...group.members].reverse()];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as string[];
    const member = frame.pop();
    if (member === undefined) {
      stack.pop();
      continue;
    }
    const user = users.get(member);
    if (user) {
      if (!seenUsers.has(user)) {
        seenUsers.add(user);
        found.push(user);
      }
      continue;
    }
    const nested = groups.get(member);
    if (nested && !seenGroups.has(nested)) {
      seenGroups.add(nested);
      stack.push([...nested.members].reverse());
    }
  }
  return found;
}
