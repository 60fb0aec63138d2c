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

/**
 * Company 0 is the MSP's own organisation, on every tenant (psa-apis.md A.6):
 * not a client, so never offered for import. Left out in the query, so the
 * PSA's counts agree with the records delivered.
 */
export const NOT_OWN_ORGANISATION: AutotaskFilter = { op: 'gt', field: 'id', value: 0 };

export function companyFilter(filter: PsaFilter): AutotaskFilter[] {
  // Also the always-true condition the required filter needs when nothing else is chosen.
  const conditions: AutotaskFilter[] = [NOT_OWN_ORGANISATION];
  for (const [key, field] of Object.entries(COMPANY_FIELDS) as Array<[keyof typeof COMPANY_FIELDS, string]>) {
    const ids = filter.companies[key];
    if (ids && ids.length > 0) conditions.push({ op: 'in', field, value: ids });
  }
  if (filter.companyActiveState !== 'any') conditions.push({ op: 'eq', field: 'isActive', value: filter.companyActiveState === 'active' });
  return conditions;
}

/** `companyIds` null: every company's contacts. */
export function contactFilter(filter: PsaFilter, companyIds: readonly number[] | null): AutotaskFilter[] {
  // The MSP's own staff (contacts of company 0) are not a client's users either.
  const conditions: AutotaskFilter[] = [companyIds ? { op: 'in', field: 'companyID', value: companyIds } : { op: 'noteq', field: 'companyID', value: 0 }];
  if (filter.contacts.activeOnly) conditions.push({ op: 'eq', field: 'isActive', value: 1 });
  // Real tenants hold "" as well as null for "no email"; `exist` alone would count and deliver the "" ones.
  if (filter.contacts.withEmailOnly) conditions.push({ op: 'exist', field: 'emailAddress' }, { op: 'noteq', field: 'emailAddress', value: '' });
  return conditions;
}
