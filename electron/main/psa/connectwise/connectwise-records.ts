/** ConnectWise records as the app's PSA records: pure, so the page worker maps pages with them too. */
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import type { CwCompany, CwContact } from './connectwise-schemas';

export function toCompany(item: CwCompany, inactiveStatuses: ReadonlySet<number>): PsaCompanyRecord {
  return {
    psaId: String(item.id),
    name: item.name,
    typeLabel: item.types?.map((type) => type.name).filter(Boolean).join(', ') || null,
    active: !item.status || !inactiveStatuses.has(item.status.id),
    lastModifiedAt: item._info?.lastUpdated ?? null,
  };
}

/** A contact's email lives in its communication items; the default email wins. */
export function toContact(item: CwContact): PsaContactRecord {
  const emails = (item.communicationItems ?? []).filter((entry) => entry.communicationType === 'Email' && entry.value?.trim());
  const email = (emails.find((entry) => entry.defaultFlag) ?? emails[0])?.value?.trim() ?? null;
  return {
    psaId: String(item.id),
    companyPsaId: String(item.company?.id ?? ''),
    firstName: item.firstName ?? '',
    lastName: item.lastName ?? '',
    email,
    active: !item.inactiveFlag,
  };
}
