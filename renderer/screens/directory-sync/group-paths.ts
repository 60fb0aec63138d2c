import type { TechnicianGroup } from '../../../shared/org/schemas';

export interface GroupPath {
  readonly id: number;
  /** "Service desk / Nights": the group's place in the tree, so two "Nights" groups can be told apart. */
  readonly label: string;
}

/** Every technician group with its path, sorted by it in the language's order. */
export function groupPaths(groups: readonly TechnicianGroup[], compare: (a: string, b: string) => number): GroupPath[] {
  const byId = new Map(groups.map((group) => [group.id, group]));
  const path = (group: TechnicianGroup, depth = 0): string => {
    const parent = group.parentId === null ? undefined : byId.get(group.parentId);
    // A cycle cannot be saved, but a path never loops forever.
    return parent && depth < 50 ? `${path(parent, depth + 1)} / ${group.name}` : group.name;
  };
  return groups.map((group) => ({ id: group.id, label: path(group) })).sort((a, b) => compare(a.label, b.label));
}
