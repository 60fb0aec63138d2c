/**
 * "Refresh from the PSA": what changed in the PSA between a preview's download and a new one with the same filter —
 * companies and contacts added, removed and renamed (a contact's name is "first last"). Pure; each list in the
 * order of the download it comes from.
 */
import type { PsaChanges } from './preview-api';

interface Company {
  readonly psaId: string;
  readonly name: string;
}
interface Contact {
  readonly psaId: string;
  readonly companyPsaId: string;
  readonly firstName: string;
  readonly lastName: string;
}
export interface Download {
  readonly companies: readonly Company[];
  readonly contacts: readonly Contact[];
}

export const contactName = (contact: Pick<Contact, 'firstName' | 'lastName'>) => [contact.firstName, contact.lastName].filter((part) => part !== '').join(' ');

export function psaChanges(before: Download, now: Download, fetchedAt: string): PsaChanges {
  const companiesBefore = new Map(before.companies.map((company) => [company.psaId, company]));
  const companiesNow = new Map(now.companies.map((company) => [company.psaId, company]));
  const contactsBefore = new Map(before.contacts.map((contact) => [contact.psaId, contact]));
  const contactsNow = new Map(now.contacts.map((contact) => [contact.psaId, contact]));
  const named = (contact: Contact) => ({ psaId: contact.psaId, name: contactName(contact), companyPsaId: contact.companyPsaId });
  return {
    fetchedAt,
    companies: {
      added: now.companies.filter((company) => !companiesBefore.has(company.psaId)).map(({ psaId, name }) => ({ psaId, name })),
      removed: before.companies.filter((company) => !companiesNow.has(company.psaId)).map(({ psaId, name }) => ({ psaId, name })),
      renamed: now.companies.flatMap((company) => {
        const was = companiesBefore.get(company.psaId);
        return was && was.name !== company.name ? [{ psaId: company.psaId, before: was.name, now: company.name }] : [];
      }),
    },
    contacts: {
      added: now.contacts.filter((contact) => !contactsBefore.has(contact.psaId)).map(named),
      removed: before.contacts.filter((contact) => !contactsNow.has(contact.psaId)).map(named),
      renamed: now.contacts.flatMap((contact) => {
        const was = contactsBefore.get(contact.psaId);
        if (!was) return [];
        const [wasName, nowName] = [contactName(was), contactName(contact)];
        return wasName !== nowName ? [{ psaId: contact.psaId, companyPsaId: contact.companyPsaId, before: wasName, now: nowName }] : [];
      }),
    },
  };
}
