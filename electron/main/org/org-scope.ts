/**
 * Which technician groups someone may see and manage, from the tree alone (pure, unit-tested).
 * A Master Administrator manages every group. An Administrator manages the groups assigned to them and every
 * group nested below those. With "Show technician groups only to assigned administrators" on, an Administrator
 * sees only what they manage; otherwise they see the whole tree and manage their part.
 */
export interface GroupLink {
  readonly id: number;
  readonly parentId: number | null;
}

export interface Scope {
  /** Every group, unrestricted (Master Administrators). */
  readonly all: boolean;
  readonly manageable: ReadonlySet<number>;
  readonly visible: ReadonlySet<number>;
}

export const NO_SCOPE: Scope = { all: false, manageable: new Set(), visible: new Set() };

export function childrenByParent(groups: readonly GroupLink[]): Map<number | null, number[]> {
  const children = new Map<number | null, number[]>();
  for (const group of groups) {
    const list = children.get(group.parentId) ?? [];
    list.push(group.id);
    children.set(group.parentId, list);
  }
  return children;
}

/** `roots` and every group below them (a damaged tree with a cycle still ends). */
export function subtree(groups: readonly GroupLink[], roots: Iterable<number>): Set<number> {
  const children = childrenByParent(groups);
  const known = new Set(groups.map((group) => group.id));
  const found = new Set<number>();
  const queue = [...roots].filter((id) => known.has(id));
  while (queue.length) {
    const id = queue.pop() as number;
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return found;
}

/** Whether `candidate` is `groupId` itself or nested anywhere below it: nesting a group there would make a cycle. */
export function isSelfOrBelow(groups: readonly GroupLink[], groupId: number, candidate: number): boolean {
  return subtree(groups, [groupId]).has(candidate);
}

export function masterScope(groups: readonly GroupLink[]): Scope {
  const every = new Set(groups.map((group) => group.id));
  return { all: true, manageable: every, visible: every };
}

export function administratorScope(groups: readonly GroupLink[], assigned: readonly number[], onlyAssignedVisible: boolean): Scope {
  const manageable = subtree(groups, assigned);
  return { all: false, manageable, visible: onlyAssignedVisible ? manageable : new Set(groups.map((group) => group.id)) };
}
