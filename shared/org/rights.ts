/**
 * What a technician may do comes from their technician group's access rights (the Rescue seed: rights are
 * inherited from the group). Administrators and Master Administrators hold every right; what sets them apart is
 * which technician groups they may manage (see org/org-scope in main).
 */
import { z } from 'zod';
import { PSA_KINDS, type PsaKind } from '../psa/kinds';

export const TECHNICIAN_RIGHTS = ['import:autotask', 'import:connectwise', 'companies:view', 'companies:manage', 'export'] as const;
export const RightSchema = z.enum(TECHNICIAN_RIGHTS);
export type Right = z.infer<typeof RightSchema>;

/** A group's rights: each at most once, in the list's order. */
export const RightsSchema = z.array(RightSchema).max(TECHNICIAN_RIGHTS.length).transform(normalizeRights);

export function importRight(psa: PsaKind): Right {
  return `import:${psa}`;
}

/** The PSAs a set of rights may import from. */
export function importablePsas(rights: readonly Right[]): PsaKind[] {
  return PSA_KINDS.filter((psa) => rights.includes(importRight(psa)));
}

export function normalizeRights(rights: readonly Right[]): Right[] {
  return TECHNICIAN_RIGHTS.filter((right) => rights.includes(right));
}

/**
 * Managing companies, or importing them from a PSA, includes seeing them: the import wizard maps PSA companies
 * onto the managed ones, and a group given *Manage* but not *View* would hold a right no screen could reach.
 */
export function effectiveRights(groupRights: readonly Right[]): Right[] {
  const rights = new Set(groupRights);
  if (rights.has('companies:manage') || importablePsas([...rights]).length > 0) rights.add('companies:view');
  return normalizeRights([...rights]);
}
