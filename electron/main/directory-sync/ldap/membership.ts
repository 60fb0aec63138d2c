/**
 * The users of a source group, nested groups followed, resolved in memory from one read of all users and one of all
 * groups (two paged searches, whatever the number of groups): DNs compared by key (see dn.ts), each user once in
 * the order first met, cycles survived, members that are neither a known user nor a known group ignored (outside
 * the base DN, computers, contacts, deleted entries).
 */
import type { DirectoryUser } from '../directory-reader';
import { dnKey } from './dn';

export interface GroupMembers {
  /** Member DNs as the directory gave them. */
  readonly members: readonly string[];
}

/**
 * `keyOf` defaults to dnKey; readSources passes one that remembers, as a member DN is usually spelled as the entry's
 * own and the same member appears in several groups.
 */
export function usersOfGroup(groupKey: string, groups: ReadonlyMap<string, GroupMembers>, users: ReadonlyMap<string, DirectoryUser>, keyOf: (dn: string) => string = dnKey): DirectoryUser[] {
  const found: DirectoryUser[] = [];
  const seenUsers = new Set<string>();
  const seenGroups = new Set<string>([groupKey]);
  // Depth first with an explicit stack (a deep nesting must not overflow the call stack); members in their order.
  const stack: string[][] = [[...(groups.get(groupKey)?.members ?? [])].reverse()];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as string[];
    const member = frame.pop();
    if (member === undefined) {
      stack.pop();
      continue;
    }
    const key = keyOf(member);
    const user = users.get(key);
    if (user) {
      if (!seenUsers.has(key)) {
        seenUsers.add(key);
        found.push(user);
      }
      continue;
    }
    const nested = groups.get(key);
    if (nested && !seenGroups.has(key)) {
      seenGroups.add(key);
      stack.push([...nested.members].reverse());
    }
  }
  return found;
}
