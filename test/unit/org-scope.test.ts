import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { administratorScope, isSelfOrBelow, masterScope, subtree, type GroupLink } from '../../electron/main/org/org-scope';
import { effectiveRights } from '../../shared/org/rights';

/** A random forest: each group's parent is an earlier group or none, then ids shuffled so parents can come later. */
const forest = fc.array(fc.option(fc.nat(), { nil: null }), { maxLength: 40 }).chain((parents) =>
  fc.shuffledSubarray(parents.map((_, index) => index + 1), { minLength: parents.length, maxLength: parents.length }).map((ids): GroupLink[] =>
    parents.map((parent, index) => ({ id: ids[index]!, parentId: parent === null || index === 0 ? null : ids[parent % index]! })),
  ),
);

function ancestors(groups: readonly GroupLink[], id: number): number[] {
  const byId = new Map(groups.map((group) => [group.id, group]));
  const chain: number[] = [];
  for (let at = byId.get(id)?.parentId ?? null; at !== null && !chain.includes(at); at = byId.get(at)?.parentId ?? null) chain.push(at);
  return chain;
}

describe('organisation scope', () => {
  it('an Administrator manages exactly the assigned groups and everything below them', () => {
    fc.assert(
      fc.property(forest, fc.array(fc.nat(50)), fc.boolean(), (groups, picks, hidden) => {
        const assigned = picks.map((pick) => pick + 1);
        const scope = administratorScope(groups, assigned, hidden);
        for (const group of groups) {
          const covered = assigned.includes(group.id) || ancestors(groups, group.id).some((id) => assigned.includes(id));
          expect(scope.manageable.has(group.id)).toBe(covered);
          expect(scope.visible.has(group.id)).toBe(hidden ? covered : true);
        }
        // Ids that are not groups are never in scope.
        expect([...scope.manageable].every((id) => groups.some((group) => group.id === id))).toBe(true);
      }),
    );
  });

  it('nesting a group is a cycle exactly when the new parent is the group or below it', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (groups, a, b) => {
        if (groups.length === 0) return;
        const group = groups[a % groups.length]!.id;
        const parent = groups[b % groups.length]!.id;
        expect(isSelfOrBelow(groups, group, parent)).toBe(parent === group || ancestors(groups, parent).includes(group));
      }),
    );
  });

  it('survives a damaged tree with a cycle, and a Master Administrator sees and manages everything', () => {
    const looped: GroupLink[] = [
      { id: 1, parentId: 2 },
      { id: 2, parentId: 1 },
      { id: 3, parentId: null },
    ];
    expect([...subtree(looped, [1])].sort()).toEqual([1, 2]);
    expect(masterScope(looped)).toMatchObject({ all: true, manageable: new Set([1, 2, 3]) });
  });

  it('managing or importing companies includes viewing them; rights come out once each, in a fixed order', () => {
    expect(effectiveRights(['export', 'companies:manage', 'export'])).toEqual(['companies:view', 'companies:manage', 'export']);
    expect(effectiveRights(['import:connectwise'])).toEqual(['import:connectwise', 'companies:view']);
    expect(effectiveRights(['export'])).toEqual(['export']);
    expect(effectiveRights([])).toEqual([]);
  });
});
