/**
 * The collections the ConnectWise face serves, each with the fields its
 * conditions, childConditions and orderBy may name.
 *
 * Territories and markets: psa-apis.md only says a company carries `territory`
 * and `market` references. The official spec, as generated into pyconnectwise
 * (HealthITAU/pyconnectwise: Company.territory is a SystemLocationReference,
 * Company.market a MarketDescriptionReference; endpoints SystemLocationsEndpoint
 * and CompanyMarketDescriptionsEndpoint), lists them at `/system/locations` and
 * `/company/marketDescriptions`, so the simulator serves them there [src, not in
 * the reference]: a client written against these paths also works on a real tenant.
 */
import type { SimCompany, SimDataset } from '../model';
import { COMPANY_STATUSES, COMPANY_TYPES } from './catalog';
import type { FieldTable } from './conditions';
import type { JsonObject } from './json';
import { companyRecord, companyStatus, companyType, contactRecord, picklistRecord, type CompanyLookups } from './wire';

export interface Resource {
  /** Lower-cased path segments after `apis/3.0`. */
  readonly path: readonly string[];
  readonly table: FieldTable;
  /** Every record, in id order. `api` is the absolute API base for `_info` links. */
  readonly records: (data: SimDataset, api: string) => JsonObject[];
  readonly record: (data: SimDataset, api: string, id: number) => JsonObject | undefined;
  /**
   * False where the real collection has no forward-only paging: a `pagination-type: forward-only`
   * request gets a plain numbered page and no Link header at all (psa-apis.md B.5).
   */
  readonly forwardOnly?: false;
}

const INFO_DATES = {
  lastUpdated: { type: 'datetime', at: '_info/lastUpdated' },
  '_info/lastUpdated': 'datetime',
} as const;

const COMPANY_FIELDS: FieldTable = {
  fields: {
    id: 'numeric',
    identifier: 'string',
    name: 'string',
    'status/id': 'numeric',
    'status/name': 'string',
    city: 'string',
    phoneNumber: 'string',
    'territory/id': 'numeric',
    'territory/name': 'string',
    'market/id': 'numeric',
    'market/name': 'string',
    dateAcquired: 'datetime',
    leadFlag: 'boolean',
    isVendorFlag: 'boolean',
    deletedFlag: 'boolean',
    dateDeleted: 'datetime',
    dateEntered: { type: 'datetime', at: '_info/dateEntered' },
    ...INFO_DATES,
  },
  lists: { types: { id: 'numeric', name: 'string' } },
};

const CONTACT_FIELDS: FieldTable = {
  fields: {
    id: 'numeric',
    firstName: 'string',
    lastName: 'string',
    'company/id': 'numeric',
    'company/identifier': 'string',
    'company/name': 'string',
    inactiveFlag: 'boolean',
    title: 'string',
    defaultFlag: 'boolean',
    defaultPhoneType: 'string',
    defaultPhoneNbr: 'string',
    ...INFO_DATES,
  },
  lists: {
    communicationItems: {
      id: 'numeric',
      'type/id': 'numeric',
      'type/name': 'string',
      value: 'string',
      extension: 'string',
      defaultFlag: 'boolean',
      domain: 'string',
      communicationType: 'string',
    },
    types: { id: 'numeric', name: 'string' },
  },
};

const STATUS_FIELDS: FieldTable = {
  fields: { id: 'numeric', name: 'string', defaultFlag: 'boolean', inactiveFlag: 'boolean', notifyFlag: 'boolean', disallowSavingFlag: 'boolean', ...INFO_DATES },
};

const TYPE_FIELDS: FieldTable = {
  fields: { id: 'numeric', name: 'string', defaultFlag: 'boolean', vendorFlag: 'boolean', serviceAlertFlag: 'boolean', ...INFO_DATES },
};

const PICKLIST_FIELDS: FieldTable = { fields: { id: 'numeric', name: 'string', inactiveFlag: 'boolean', ...INFO_DATES } };

function byId<T extends { readonly id: number }>(items: readonly T[], id: number): T | undefined {
  return items.find((item) => item.id === id);
}

/** Autotask's company 0 (the MSP itself) has no ConnectWise counterpart with a reserved id, so this face leaves it and its contacts out [inf]. */
const onConnectWise = (company: SimCompany): boolean => company.ownOrganisation !== true;

function lookups(data: SimDataset): CompanyLookups {
  return { territories: data.picklists.territories, markets: data.picklists.marketSegments };
}

function fixedList(path: readonly string[], table: FieldTable, all: () => JsonObject[]): Resource {
  return {
    path,
    table,
    records: all,
    record: (_data, _api, id) => all().find((record) => record.id === id),
  };
}

export const RESOURCES: readonly Resource[] = [
  fixedList(['company', 'companies', 'statuses'], STATUS_FIELDS, () => COMPANY_STATUSES.map(companyStatus)),
  fixedList(['company', 'companies', 'types'], TYPE_FIELDS, () => COMPANY_TYPES.map(companyType)),
  {
    path: ['company', 'companies'],
    table: COMPANY_FIELDS,
    records: (data, api) => data.companies.filter(onConnectWise).map((company) => companyRecord(company, lookups(data), api)),
    record: (data, api, id) => {
      const company = byId(data.companies, id);
      return company && onConnectWise(company) ? companyRecord(company, lookups(data), api) : undefined;
    },
  },
  {
    path: ['company', 'contacts'],
    table: CONTACT_FIELDS,
    records: (data, api) => {
      const companies = new Map<number, SimCompany>(data.companies.map((company) => [company.id, company]));
      return data.contacts.flatMap((contact) => {
        const company = companies.get(contact.companyId);
        return company && !onConnectWise(company) ? [] : [contactRecord(contact, company, api)];
      });
    },
    record: (data, api, id) => {
      const contact = byId(data.contacts, id);
      const company = contact && byId(data.companies, contact.companyId);
      return contact && (!company || onConnectWise(company)) ? contactRecord(contact, company, api) : undefined;
    },
  },
  {
    path: ['system', 'locations'],
    table: PICKLIST_FIELDS,
    // The one collection modelled without forward-only paging [inf: which real ones lack it is not documented].
    forwardOnly: false,
    records: (data) => data.picklists.territories.map(picklistRecord),
    record: (data, _api, id) => {
      const entry = byId(data.picklists.territories, id);
      return entry && picklistRecord(entry);
    },
  },
  {
    path: ['company', 'marketdescriptions'],
    table: PICKLIST_FIELDS,
    records: (data) => data.picklists.marketSegments.map(picklistRecord),
    record: (data, _api, id) => {
      const entry = byId(data.picklists.marketSegments, id);
      return entry && picklistRecord(entry);
    },
  },
];
