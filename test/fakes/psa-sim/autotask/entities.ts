/**
 * How the simulator's companies and contacts look on Autotask's wire: field
 * names, types and picklists (section A.6–A.8 of psa-apis.md), and which
 * records Autotask shows at all.
 */
import { findCompany } from '../dataset';
import type { CompanyKind, SimCompany, SimContact, SimDataset, SimPicklistEntry } from '../model';

export type WireScalar = string | number | boolean | null;
export type AtDataType = 'integer' | 'long' | 'short' | 'string' | 'boolean' | 'datetime' | 'decimal';

export interface PickListValue {
  readonly value: string;
  readonly label: string;
  readonly isDefaultValue: boolean;
  readonly sortOrder: number;
  readonly parentValue: string;
  readonly isActive: boolean;
  readonly isSystem: boolean;
}

export interface AtField<T> {
  readonly name: string;
  readonly dataType: AtDataType;
  readonly length?: number;
  readonly isRequired?: boolean;
  readonly isReadOnly?: boolean;
  /** Default true. */
  readonly isQueryable?: boolean;
  readonly referenceEntityType?: string;
  readonly picklist?: (data: SimDataset) => readonly PickListValue[];
  readonly get: (record: T) => WireScalar;
}

export interface AtUdf<T> {
  readonly name: string;
  readonly dataType: AtDataType;
  readonly get: (record: T) => string | null;
}

export interface AtEntity<T extends { readonly id: number }> {
  /** As in the URL: `Companies`. */
  readonly path: string;
  /** As in entityInformation: `Company`. */
  readonly infoName: string;
  readonly canDelete: boolean;
  readonly fields: readonly AtField<T>[];
  readonly udfs: readonly AtUdf<T>[];
  /** Sorted by id, hidden records included; check `visible`. */
  records(data: SimDataset): readonly T[];
  visible(record: T, data: SimDataset): boolean;
}

/** Autotask's fixed company types. The numbers are [inf] in the reference; clients must read them from entityInformation/fields. */
export const COMPANY_TYPE_VALUES: Readonly<Record<CompanyKind, { readonly value: number; readonly label: string }>> = {
  customer: { value: 1, label: 'Customer' },
  lead: { value: 2, label: 'Lead' },
  prospect: { value: 3, label: 'Prospect' },
  dead: { value: 4, label: 'Dead' },
  cancellation: { value: 6, label: 'Cancelation' },
  vendor: { value: 7, label: 'Vendor' },
  partner: { value: 8, label: 'Partner' },
};

const OWNER_RESOURCE_ID = 29682885;

function companyTypePicklist(): readonly PickListValue[] {
  return Object.values(COMPANY_TYPE_VALUES).map(({ value, label }, index) => ({
    value: String(value),
    label,
    isDefaultValue: false,
    sortOrder: index + 1,
    parentValue: '',
    isActive: true,
    isSystem: true,
  }));
}

function tenantPicklist(entries: readonly SimPicklistEntry[]): readonly PickListValue[] {
  return entries.map((entry, index) => ({
    value: String(entry.id),
    label: entry.name,
    isDefaultValue: false,
    sortOrder: index + 1,
    parentValue: '',
    isActive: entry.active,
    isSystem: false,
  }));
}

const string = <T>(name: string, get: (record: T) => WireScalar, length = 100, extra: Partial<AtField<T>> = {}): AtField<T> => ({
  name,
  dataType: 'string',
  length,
  get,
  ...extra,
});
const integer = <T>(name: string, get: (record: T) => WireScalar, extra: Partial<AtField<T>> = {}): AtField<T> => ({ name, dataType: 'integer', get, ...extra });
const boolean = <T>(name: string, get: (record: T) => WireScalar, extra: Partial<AtField<T>> = {}): AtField<T> => ({ name, dataType: 'boolean', get, ...extra });
const datetime = <T>(name: string, get: (record: T) => WireScalar, extra: Partial<AtField<T>> = {}): AtField<T> => ({ name, dataType: 'datetime', get, ...extra });

const isUkPhone = (company: SimCompany): boolean => company.phone.startsWith('+44');

export const COMPANIES: AtEntity<SimCompany> = {
  path: 'Companies',
  infoName: 'Company',
  canDelete: false,
  records: (data) => data.companies,
  // Autotask cannot delete companies; the simulator's soft-deleted ones count as merged away.
  visible: (company) => !company.deleted,
  fields: [
    { name: 'id', dataType: 'long', isRequired: true, isReadOnly: true, get: (c) => c.id },
    string('companyName', (c) => c.name, 100, { isRequired: true }),
    string('companyNumber', (c) => `C-${c.id}`, 50),
    integer('companyType', (c) => COMPANY_TYPE_VALUES[c.kind].value, { isRequired: true, picklist: companyTypePicklist }),
    boolean('isActive', (c) => c.active),
    integer('classification', (c) => c.classificationId, { picklist: (data) => tenantPicklist(data.picklists.classifications) }),
    integer('companyCategoryID', () => 1, { referenceEntityType: 'CompanyCategory' }),
    integer('ownerResourceID', () => OWNER_RESOURCE_ID, { isRequired: true, referenceEntityType: 'Resource' }),
    integer('territoryID', (c) => c.territoryId, { picklist: (data) => tenantPicklist(data.picklists.territories) }),
    integer('marketSegmentID', (c) => c.marketSegmentId, { picklist: (data) => tenantPicklist(data.picklists.marketSegments) }),
    integer('parentCompanyID', () => null, { referenceEntityType: 'Company' }),
    string('phone', (c) => c.phone, 25, { isRequired: true }),
    string('fax', () => '', 25),
    string('webAddress', () => null, 255),
    string('address1', () => '', 128),
    string('address2', () => '', 128),
    string('city', (c) => c.city, 30),
    string('state', () => '', 25),
    string('postalCode', () => '', 10),
    integer('countryID', (c) => (isUkPhone(c) ? 225 : 157), { referenceEntityType: 'Country' }),
    datetime('createDate', (c) => c.createdAt, { isReadOnly: true }),
    integer('createdByResourceID', () => OWNER_RESOURCE_ID, { isReadOnly: true, referenceEntityType: 'Resource' }),
    datetime('lastActivityDate', (c) => c.lastModifiedAt, { isReadOnly: true }),
    datetime('lastTrackedModifiedDateTime', (c) => c.lastModifiedAt, { isReadOnly: true }),
    boolean('isClientPortalActive', () => false, { isReadOnly: true }),
    boolean('isTaskFireActive', () => false, { isReadOnly: true }),
    boolean('isTaxExempt', () => false),
    boolean('isEnabledForComanaged', () => false),
    boolean('isSample', () => false, { isReadOnly: true }),
    integer('taxRegionID', () => null, { referenceEntityType: 'TaxRegion' }),
    integer('currencyID', () => 1, { referenceEntityType: 'Currency' }),
    // Real fields that cannot be queried (SOAP doc, REST doc for assetValue).
    { name: 'assetValue', dataType: 'decimal', isQueryable: false, get: () => null },
    string('sicCode', () => '', 32, { isQueryable: false }),
  ],
  udfs: [{ name: 'Contract Tier', dataType: 'string', get: (c) => [null, 'Gold', 'Silver', 'Bronze'][c.id % 4] ?? null }],
};

export const CONTACTS: AtEntity<SimContact> = {
  path: 'Contacts',
  infoName: 'Contact',
  canDelete: true,
  records: (data) => data.contacts,
  // Contacts of a merged-away company went with it.
  visible: (contact, data) => findCompany(data, contact.companyId)?.deleted === false,
  fields: [
    { name: 'id', dataType: 'long', isRequired: true, isReadOnly: true, get: (c) => c.id },
    integer('companyID', (c) => c.companyId, { isRequired: true, referenceEntityType: 'Company' }),
    string('firstName', (c) => c.firstName, 50, { isRequired: true }),
    string('lastName', (c) => c.lastName, 50, { isRequired: true }),
    string('emailAddress', (c) => c.email, 254),
    // Real tenants mix empty strings and nulls in the unused slots.
    string('emailAddress2', (c) => (c.id % 3 === 0 ? '' : null), 254),
    string('emailAddress3', () => null, 254),
    // An integer on Contact, unlike Company.isActive.
    integer('isActive', (c) => (c.active ? 1 : 0), { isRequired: true }),
    boolean('primaryContact', (c) => c.primary),
    boolean('billingContact', () => false),
    string('title', (c) => c.title, 50),
    string('phone', () => '', 25),
    string('mobilePhone', () => '', 25),
    string('externalID', () => '', 50),
    datetime('createDate', (c) => c.lastModifiedAt, { isReadOnly: true }),
    datetime('lastActivityDate', () => null, { isReadOnly: true }),
    datetime('lastModifiedDate', (c) => c.lastModifiedAt, { isReadOnly: true }),
    boolean('receivesEmailNotifications', () => true),
    boolean('surveyOptOut', () => false),
    boolean('solicitationOptOut', () => false),
    boolean('isOptedOutFromBulkEmail', () => false),
  ],
  udfs: [],
};

export function fieldInformation<T extends { readonly id: number }>(entity: AtEntity<T>, data: SimDataset): unknown[] {
  return entity.fields.map((field) => ({
    name: field.name,
    dataType: field.dataType,
    length: field.length ?? 0,
    isRequired: field.isRequired ?? false,
    isReadOnly: field.isReadOnly ?? false,
    isQueryable: field.isQueryable ?? true,
    isReference: field.referenceEntityType !== undefined,
    referenceEntityType: field.referenceEntityType ?? '',
    isPickList: field.picklist !== undefined,
    picklistValues: field.picklist ? field.picklist(data) : null,
    picklistParentValueField: '',
    isSupportedWebhookField: !(field.isReadOnly ?? false),
  }));
}

export function udfInformation<T extends { readonly id: number }>(entity: AtEntity<T>): unknown[] {
  return entity.udfs.map((udf) => ({
    name: udf.name,
    label: udf.name,
    type: udf.dataType,
    length: 100,
    description: '',
    isRequired: false,
    isReadOnly: false,
    isQueryable: true,
    isReference: false,
    referenceEntityType: '',
    isPickList: false,
    picklistValues: null,
    picklistParentValueField: '',
    defaultValue: '',
    isSupportedWebhookField: false,
  }));
}

export function entityInformation<T extends { readonly id: number }>(entity: AtEntity<T>): unknown {
  return {
    name: entity.infoName,
    canCreate: true,
    canDelete: entity.canDelete,
    canQuery: true,
    canUpdate: true,
    userAccessForCreate: 'All',
    userAccessForDelete: entity.canDelete ? 'All' : 'None',
    userAccessForQuery: 'All',
    userAccessForUpdate: 'All',
    hasUserDefinedFields: true,
    supportsWebhookCallouts: true,
  };
}

/** The record as Autotask sends it; `only` (canonical names) limits the fields, id and userDefinedFields always come. */
export function toWire<T extends { readonly id: number }>(entity: AtEntity<T>, record: T, only: ReadonlySet<string> | null): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const field of entity.fields) if (!only || field.name === 'id' || only.has(field.name)) wire[field.name] = field.get(record);
  wire['userDefinedFields'] = entity.udfs.map((udf) => ({ name: udf.name, value: udf.get(record) }));
  return wire;
}
