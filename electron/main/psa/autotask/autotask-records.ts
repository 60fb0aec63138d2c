/** Autotask records as the app's PSA records: pure, so the page worker maps pages with them too. */
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import type { CompanyItem, ContactItem } from './autotask-schemas';

export function toCompany(item: CompanyItem, typeLabel: string | null): PsaCompanyRecord {
  return { psaId: String(item.id), name: item.companyName, typeLabel, active: item.isActive, lastModifiedAt: item.lastTrackedModifiedDateTime ?? null };
}

export function toContact(item: ContactItem): PsaContactRecord {
  // "" and blanks mean no email, like null: matching and the email filter treat them alike.
  const email = item.emailAddress?.trim();
  return {
    psaId: String(item.id),
    companyPsaId: String(item.companyID),
    firstName: item.firstName ?? '',
    lastName: item.lastName ?? '',
    email: email ? email : null,
    active: item.isActive === 1,
  };
}
