import type { ImportPlan } from '../../shared/import/plan';
import type { PsaFetchResult } from '../../shared/psa/records';

/** A fetch of `companies` companies with `perCompany` contacts each, and the plan that creates them all. */
export function syntheticImport(companies: number, perCompany: number): { fetched: PsaFetchResult; plan: ImportPlan } {
  const fetched: PsaFetchResult = {
    companies: Array.from({ length: companies }, (_, index) => ({ psaId: String(1000 + index), name: `Company ${index}`, typeLabel: 'Customer', active: true, lastModifiedAt: null })),
    contacts: Array.from({ length: companies * perCompany }, (_, index) => ({
      psaId: String(500000 + index),
      companyPsaId: String(1000 + Math.floor(index / perCompany)),
      firstName: 'User',
      lastName: String(index),
      email: `user${index}@company${Math.floor(index / perCompany)}.example`,
      active: true,
    })),
  };
  const byCompany = new Map<string, string[]>();
  for (const contact of fetched.contacts) byCompany.set(contact.companyPsaId, [...(byCompany.get(contact.companyPsaId) ?? []), contact.psaId]);
  const plan: ImportPlan = {
    companies: fetched.companies.map((company) => ({
      psaCompanyId: company.psaId,
      action: { kind: 'create' as const },
      users: (byCompany.get(company.psaId) ?? []).map((psaContactId) => ({ psaContactId, action: { kind: 'create' as const } })),
    })),
  };
  return { fetched, plan };
}
