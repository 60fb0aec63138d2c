/** Builds Autotask query filters (A.4) from the user's filter. Pure. */
import type { PsaFilter } from '../../../../shared/psa/filters';

export type AutotaskFilter =
  | { readonly op: 'and' | 'or'; readonly items: readonly AutotaskFilter[] }
  | { readonly op: 'exist' | 'notExist'; readonly field: string }
  | { readonly op: string; readonly field: string; readonly value: string | number | boolean | readonly (string | number)[] };

/** Autotask allows at most 500 OR conditions per query; each `in` value counts as one. */
export const MAX_IN_VALUES = 500;

/** Fields of the Company entity behind each filter attribute. */
export const COMPANY_FIELDS = { companyType: 'companyType', classification: 'classification', territory: 'territoryID', marketSegment: 'marketSegmentID' } as const;

export function companyFilter(filter: PsaFilter): AutotaskFilter[] {
  const conditions: AutotaskFilter[] = [];
  for (const [key, field] of Object.entries(COMPANY_FIELDS) as Array<[keyof typeof COMPANY_FIELDS, string]>) {
    const ids = filter.companies[key];
    if (ids && ids.length > 0) conditions.push({ op: 'in', field, value: ids });
  }
  if (filter.companyActiveState !== 'any') conditions.push({ op: 'eq', field: 'isActive', value: filter.companyActiveState === 'active' });
  return withMatchAll(conditions);
}

/** `companyIds` null: every company's contacts. */
export function contactFilter(filter: PsaFilter, companyIds: readonly number[] | null): AutotaskFilter[] {
  const conditions: AutotaskFilter[] = companyIds ? [{ op: 'in', field: 'companyID', value: companyIds }] : [];
  if (filter.contacts.activeOnly) conditions.push({ op: 'eq', field: 'isActive', value: 1 });
  if (filter.contacts.withEmailOnly) conditions.push({ op: 'exist', field: 'emailAddress' });
  return conditions;
}

/** `filter` may not be missing; an always-true condition stands in for "everything". */
function withMatchAll(conditions: AutotaskFilter[]): AutotaskFilter[] {
  return conditions.length > 0 ? conditions : [{ op: 'gte', field: 'id', value: 0 }];
}
