/**
 * The simulated tenant's company statuses and company types (psa-apis.md B.8).
 * Both are tenant-defined in ConnectWise; these are the common defaults [inf].
 */
import type { CompanyKind, SimCompany } from '../model';

export interface CompanyStatusDefinition {
  readonly id: number;
  readonly name: string;
  readonly defaultFlag: boolean;
  /** [inf] Marks the status as meaning "inactive company" (what Autotask calls isActive=false). */
  readonly inactiveFlag: boolean;
  readonly notifyFlag: boolean;
  readonly disallowSavingFlag: boolean;
  readonly notificationMessage?: string;
}

export const COMPANY_STATUSES: readonly CompanyStatusDefinition[] = [
  { id: 1, name: 'Active', defaultFlag: true, inactiveFlag: false, notifyFlag: false, disallowSavingFlag: false },
  { id: 2, name: 'Inactive', defaultFlag: false, inactiveFlag: true, notifyFlag: false, disallowSavingFlag: false },
  // Present so clients meet a status they must not treat as plain active; no simulated company uses it.
  {
    id: 3,
    name: 'Not Approved',
    defaultFlag: false,
    inactiveFlag: false,
    notifyFlag: true,
    disallowSavingFlag: true,
    notificationMessage: 'This company has not been approved yet.',
  },
];

export function statusOf(company: SimCompany): CompanyStatusDefinition {
  const status = COMPANY_STATUSES[company.active ? 0 : 1];
  if (!status) throw new Error('the status catalogue starts with Active and Inactive');
  return status;
}

export interface CompanyTypeDefinition {
  readonly id: number;
  readonly name: string;
  readonly kind: CompanyKind;
  readonly defaultFlag: boolean;
  readonly vendorFlag: boolean;
}

/**
 * Ids are stable but deliberately not Autotask's companyType numbers (customer 1,
 * lead 2, prospect 3, dead 4, cancellation 6, vendor 7, partner 8), so a client
 * that mixes up the two APIs, or hard-codes ids instead of resolving names, fails in tests.
 */
export const COMPANY_TYPES: readonly CompanyTypeDefinition[] = [
  { id: 1, name: 'Client', kind: 'customer', defaultFlag: true, vendorFlag: false },
  { id: 2, name: 'Prospect', kind: 'prospect', defaultFlag: false, vendorFlag: false },
  { id: 3, name: 'Partner', kind: 'partner', defaultFlag: false, vendorFlag: false },
  { id: 4, name: 'Vendor', kind: 'vendor', defaultFlag: false, vendorFlag: true },
  { id: 5, name: 'Lead', kind: 'lead', defaultFlag: false, vendorFlag: false },
  { id: 9, name: 'Cancelled', kind: 'cancellation', defaultFlag: false, vendorFlag: false },
  { id: 12, name: 'Dead', kind: 'dead', defaultFlag: false, vendorFlag: false },
];

export function typeOf(company: SimCompany): CompanyTypeDefinition {
  const type = COMPANY_TYPES.find((candidate) => candidate.kind === company.kind);
  if (!type) throw new Error(`no ConnectWise company type for kind ${company.kind}`);
  return type;
}
