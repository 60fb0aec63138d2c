/** Builds ConnectWise `conditions` / `childConditions` strings (B.4) from the user's filter. Pure. */
import type { PsaFilter } from '../../../../shared/psa/filters';

/** Conditions travel in the URL; django-connectwise keeps id lists under ~2,000 characters. */
export const MAX_ID_LIST_CHARS = 1_500;

const COMPANY_REFERENCES = { status: 'status/id', territory: 'territory/id', market: 'market/id' } as const;

/**
 * `inactiveStatusIds`: the tenant's statuses flagged inactive. ConnectWise has
 * no active flag on Company; "active only" means "not in an inactive status".
 */
export function companyConditions(filter: PsaFilter, inactiveStatusIds: readonly number[] = []): string {
  // Soft-deleted companies come back unless asked not to.
  const parts = ['deletedFlag=false'];
  if (filter.companyActiveState !== 'any' && inactiveStatusIds.length > 0) {
    parts.push(`status/id ${filter.companyActiveState === 'active' ? 'not in' : 'in'} (${inactiveStatusIds.join(',')})`);
  }
  for (const [key, path] of Object.entries(COMPANY_REFERENCES) as Array<[keyof typeof COMPANY_REFERENCES, string]>) {
    const ids = filter.companies[key];
    if (ids && ids.length > 0) parts.push(`${path} in (${ids.join(',')})`);
  }
  return parts.join(' and ');
}

/** Types are an array on Company, so they are child conditions, which do not support `in`. */
export function companyChildConditions(filter: PsaFilter): string | undefined {
  const types = filter.companies.companyType;
  if (!types || types.length === 0) return undefined;
  return types.map((id) => `types/id=${id}`).join(' or ');
}

/** `companyIds` null: every company's contacts. */
export function contactConditions(filter: PsaFilter, companyIds: readonly number[] | null): string | undefined {
  const parts = companyIds ? [`company/id in (${companyIds.join(',')})`] : [];
  if (filter.contacts.activeOnly) parts.push('inactiveFlag=false');
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** One email item that is not blank: real tenants have email items whose value is "" (one list member satisfies the whole expression). */
export function contactChildConditions(filter: PsaFilter): string | undefined {
  return filter.contacts.withEmailOnly ? 'communicationItems/communicationType="Email" and communicationItems/value!=""' : undefined;
}

/** Splits ids into groups whose comma-joined text stays under the URL budget. */
export function idBatches(ids: readonly number[], maxChars = MAX_ID_LIST_CHARS): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let length = 0;
  for (const id of ids) {
    const size = String(id).length + 1;
    if (current.length > 0 && length + size > maxChars) {
      batches.push(current);
      current = [];
      length = 0;
    }
    current.push(id);
    length += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
