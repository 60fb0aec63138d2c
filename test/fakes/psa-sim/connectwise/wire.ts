/**
 * Simulator records in ConnectWise's wire shapes (psa-apis.md B.6–B.8).
 * `api` is the absolute base the request came in on (…/v2025_1/apis/3.0), used
 * for the `_info.*_href` links real responses carry.
 */
import type { SimCompany, SimContact, SimPicklistEntry } from '../model';
import { statusOf, typeOf, type CompanyStatusDefinition, type CompanyTypeDefinition } from './catalog';
import type { JsonObject } from './json';

/** [inf] The member name the simulated tenant shows as the last editor. */
export const UPDATED_BY = 'simapi';

/** ConnectWise writes UTC timestamps without milliseconds: "2015-12-24T22:08:22Z". */
export function cwDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ConnectWise leaves out empty optional strings rather than sending "" [inf]. */
function optional(key: string, value: string): JsonObject {
  return value === '' ? {} : { [key]: value };
}

/** One entry of a record's `customFields` (B.6): the tenant's own fields, present on every record, set or not. */
function customField(id: number, caption: string, value: string | null): JsonObject {
  return { id, caption, type: 'Text', entryMethod: 'EntryField', numberOfDecimals: 0, ...(value === null ? {} : { value }) };
}

export function statusReference(status: CompanyStatusDefinition, api: string): JsonObject {
  return { id: status.id, name: status.name, _info: { status_href: `${api}/company/companies/statuses/${status.id}` } };
}

export function typeReference(type: CompanyTypeDefinition, api: string): JsonObject {
  return { id: type.id, name: type.name, _info: { type_href: `${api}/company/companies/types/${type.id}` } };
}

export function companyStatus(status: CompanyStatusDefinition): JsonObject {
  return {
    id: status.id,
    name: status.name,
    defaultFlag: status.defaultFlag,
    inactiveFlag: status.inactiveFlag,
    notifyFlag: status.notifyFlag,
    disallowSavingFlag: status.disallowSavingFlag,
    ...(status.notificationMessage ? { notificationMessage: status.notificationMessage } : {}),
    customNoteFlag: false,
    cancelOpenTracksFlag: false,
    _info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: UPDATED_BY },
  };
}

export function companyType(type: CompanyTypeDefinition): JsonObject {
  return {
    id: type.id,
    name: type.name,
    defaultFlag: type.defaultFlag,
    vendorFlag: type.vendorFlag,
    serviceAlertFlag: false,
    _info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: UPDATED_BY },
  };
}

/** A territory (`/system/locations`) or market (`/company/marketDescriptions`) list entry. */
export function picklistRecord(entry: SimPicklistEntry): JsonObject {
  return { id: entry.id, name: entry.name, inactiveFlag: !entry.active, _info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: UPDATED_BY } };
}

/** `{id, name, _info}`, or null when the company has none. */
function picklistReference(id: number | null, entries: readonly SimPicklistEntry[], hrefKey: string, collection: string): JsonObject | null {
  if (id === null) return null;
  const entry = entries.find((candidate) => candidate.id === id);
  return { id, ...(entry ? { name: entry.name } : {}), _info: { [hrefKey]: `${collection}/${id}` } };
}

export interface CompanyLookups {
  readonly territories: readonly SimPicklistEntry[];
  readonly markets: readonly SimPicklistEntry[];
}

export function companyRecord(company: SimCompany, lookups: CompanyLookups, api: string): JsonObject {
  const territory = picklistReference(company.territoryId, lookups.territories, 'location_href', `${api}/system/locations`);
  const market = picklistReference(company.marketSegmentId, lookups.markets, 'market_href', `${api}/company/marketDescriptions`);
  return {
    id: company.id,
    identifier: company.identifier,
    name: company.name,
    status: statusReference(statusOf(company), api),
    ...optional('city', company.city),
    ...optional('phoneNumber', company.phone),
    ...(territory ? { territory } : {}),
    ...(market ? { market } : {}),
    dateAcquired: cwDate(company.createdAt),
    leadFlag: company.kind === 'lead',
    isVendorFlag: company.kind === 'vendor',
    deletedFlag: company.deleted,
    ...(company.deleted ? { dateDeleted: cwDate(company.lastModifiedAt), deletedBy: UPDATED_BY } : {}),
    types: [typeReference(typeOf(company), api)],
    customFields: [customField(1, 'Contract Tier', [null, 'Gold', 'Silver', 'Bronze'][company.id % 4] ?? null)],
    _info: {
      lastUpdated: cwDate(company.lastModifiedAt),
      updatedBy: UPDATED_BY,
      dateEntered: cwDate(company.createdAt),
      enteredBy: UPDATED_BY,
      contacts_href: `${api}/company/contacts?conditions=company/id=${company.id}`,
    },
  };
}

/** Communication type ids as in the reference's example: 1 Email, 2 Direct. */
const EMAIL_TYPE = { id: 1, name: 'Email' } as const;
const DIRECT_TYPE = { id: 2, name: 'Direct' } as const;

/**
 * The contact's phone is the company's main number [inf: the neutral data set has
 * no per-contact phone]. Item ids are derived from the contact id so they stay stable.
 */
function communicationItems(contact: SimContact, company: SimCompany | undefined): JsonObject[] {
  const items: JsonObject[] = [];
  if (company && company.phone !== '') {
    items.push({ id: contact.id * 2, type: DIRECT_TYPE, value: company.phone, defaultFlag: true, communicationType: 'Phone' });
  }
  if (contact.email !== null) {
    const at = contact.email.indexOf('@');
    items.push({
      id: contact.id * 2 + 1,
      type: EMAIL_TYPE,
      value: contact.email,
      defaultFlag: true,
      ...(at >= 0 ? { domain: contact.email.slice(at) } : {}),
      communicationType: 'Email',
    });
  }
  return items;
}

export function contactRecord(contact: SimContact, company: SimCompany | undefined, api: string): JsonObject {
  const companyReference: JsonObject = company
    ? { id: company.id, identifier: company.identifier, name: company.name, _info: { company_href: `${api}/company/companies/${company.id}` } }
    : { id: contact.companyId };
  const phone = company && company.phone !== '' ? { defaultPhoneType: DIRECT_TYPE.name, defaultPhoneNbr: company.phone } : {};
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: companyReference,
    inactiveFlag: !contact.active,
    ...optional('title', contact.title),
    defaultFlag: contact.primary,
    ...phone,
    communicationItems: communicationItems(contact, company),
    types: [],
    customFields: [customField(2, 'Preferred language', contact.id % 5 === 0 ? 'EN' : null)],
    _info: { lastUpdated: cwDate(contact.lastModifiedAt), updatedBy: UPDATED_BY },
  };
}
