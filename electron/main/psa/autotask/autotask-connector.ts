import type { FilterAttribute, FilterOption, PsaFilter } from '../../../../shared/psa/filters';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import { chunk, fetchBatches, partitionOptions, type ContactScope, type PsaConnector, type RecordSink } from '../connector';
import { awaitedLater } from '../awaited-later';
import { onceAsync } from '../once-async';
import { fetchPartitioned, type IdRange, type IdRangeSource } from '../partitioned-fetch';
import { AutotaskClient } from './autotask-client';
import { COMPANY_FIELDS, companyFilter, contactFilter, MAX_IN_VALUES, NOT_OWN_ORGANISATION, type AutotaskFilter } from './autotask-filters';
import { CompanyItemSchema, ContactItemSchema, type CompanyItem, type ContactItem, type FieldsResponse } from './autotask-schemas';

const PAGE_SIZE = 500;
export const COMPANY_INCLUDE = ['id', 'companyName', 'companyType', 'isActive', 'lastTrackedModifiedDateTime'];
export const CONTACT_INCLUDE = ['id', 'companyID', 'firstName', 'lastName', 'emailAddress', 'isActive'];

export class AutotaskConnector implements PsaConnector {
  readonly psa = 'autotask' as const;
  private readonly companyPicklists = onceAsync(async (signal) => picklistsOf(await this.client.fields('Companies', signal)));

  constructor(private readonly client: AutotaskClient) {}

  async testConnection(signal?: AbortSignal): Promise<{ tenant: string; companies: number }> {
    const zone = await this.client.discoverZone(signal);
    const companies = await this.client.count('Companies', [NOT_OWN_ORGANISATION], signal);
    return { tenant: zone.name, companies };
  }

  async filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]> {
    const picklists = await this.companyPicklists(signal);
    return (Object.entries(COMPANY_FIELDS) as Array<[keyof typeof COMPANY_FIELDS, string]>).map(([key, field]) => ({
      key,
      options: picklists.get(field.toLowerCase()) ?? [],
    }));
  }

  async fetchCompanies(filter: PsaFilter, sink: RecordSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void> {
    // Type labels are only needed to map the records: the first pages need not wait for the picklists.
    const types = awaitedLater(this.companyPicklists(signal).then((picklists) => new Map((picklists.get('companytype') ?? []).map((option) => [option.id, option.label]))));
    const source = this.source('Companies', companyFilter(filter), COMPANY_INCLUDE, CompanyItemSchema, async (items: CompanyItem[]) => {
      const labels = await types;
      return items.map((item) => toCompany(item, labels.get(item.companyType ?? Number.NaN) ?? null));
    });
    await fetchPartitioned(source, partitionOptions(sink, signal));
  }

  async fetchContacts(filter: PsaFilter, scope: ContactScope, sink: RecordSink<PsaContactRecord>, signal?: AbortSignal): Promise<void> {
    if (scope.kind === 'all') {
      const source = this.source('Contacts', contactFilter(filter, null), CONTACT_INCLUDE, ContactItemSchema, (items: ContactItem[]) => items.map(toContact));
      await fetchPartitioned(source, partitionOptions(sink, signal));
      return;
    }
    // A company's contacts are a query per batch of at most 500 company ids (the OR limit).
    await fetchBatches(
      chunk(scope.ids.map(Number), MAX_IN_VALUES),
      (ids) => this.client.count('Contacts', contactFilter(filter, ids), signal),
      (ids, onPage) =>
        this.client.query('Contacts', { filter: contactFilter(filter, ids), MaxRecords: PAGE_SIZE, IncludeFields: CONTACT_INCLUDE }, ContactItemSchema, (items) => onPage(items.map(toContact)), signal),
      sink,
    );
  }

  /** One entity and filter, as id ranges for the partitioned fetch. */
  private source<I extends CompanyItem | ContactItem, R extends { psaId: string }>(
    entity: string,
    filter: readonly AutotaskFilter[],
    include: readonly string[],
    schema: typeof CompanyItemSchema | typeof ContactItemSchema,
    map: (items: I[]) => R[] | Promise<R[]>,
  ): IdRangeSource<R> {
    return {
      pageSize: PAGE_SIZE,
      idOf: (record) => Number(record.psaId),
      count: (range, countSignal) => this.client.count(entity, [...filter, ...rangeFilter(range)], countSignal),
      stream: (ranges, onPage, streamSignal) =>
        this.client.query(entity, { filter: [...filter, ...rangesFilter(ranges)], MaxRecords: PAGE_SIZE, IncludeFields: include }, schema, async (items, last) => onPage(await map(items as I[]), last), streamSignal),
    };
  }

}

function rangeFilter(range: IdRange): AutotaskFilter[] {
  const conditions: AutotaskFilter[] = [];
  if (range.after !== undefined) conditions.push({ op: 'gt', field: 'id', value: range.after });
  if (range.upTo !== undefined) conditions.push({ op: 'lte', field: 'id', value: range.upTo });
  return conditions;
}

/** One range as top-level (AND-ed) conditions; several as an OR of them. */
function rangesFilter(ranges: readonly IdRange[]): AutotaskFilter[] {
  if (ranges.length === 1) return rangeFilter(ranges[0] as IdRange);
  return [{ op: 'or', items: ranges.map((range) => ({ op: 'and', items: rangeFilter(range) })) }];
}

/** Picklist fields by lower-cased name (Autotask's casing of field names varies, A.8); values arrive as strings. */
function picklistsOf(fields: FieldsResponse['fields']): Map<string, FilterOption[]> {
  const map = new Map<string, FilterOption[]>();
  for (const field of fields) {
    if (!field.isPickList || !field.picklistValues) continue;
    const options = field.picklistValues
      .map((value) => ({ id: Number(value.value), label: value.label, active: value.isActive }))
      .filter((option) => Number.isInteger(option.id));
    map.set(field.name.toLowerCase(), options);
  }
  return map;
}

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
