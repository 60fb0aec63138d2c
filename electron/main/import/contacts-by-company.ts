import type { PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';

/**
 * A fetch's contacts grouped by company, built once per fetch: "Manage users" opens once per company,
 * and scanning all 400,000 contacts each time would make opening it cost as much as the whole fetch.
 * Weak, so the index goes when the fetch does.
 */
const byCompanyOfFetch = new WeakMap<PsaFetchResult, ReadonlyMap<string, readonly PsaContactRecord[]>>();

export function contactsByCompany(fetched: PsaFetchResult): ReadonlyMap<string, readonly PsaContactRecord[]> {
  let index = byCompanyOfFetch.get(fetched);
  if (index) return index;
  const groups = new Map<string, PsaContactRecord[]>();
  for (const contact of fetched.contacts) {
    const list = groups.get(contact.companyPsaId);
    if (list) list.push(contact);
    else groups.set(contact.companyPsaId, [contact]);
  }
  byCompanyOfFetch.set(fetched, (index = groups));
  return index;
}
