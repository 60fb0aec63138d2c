import type { FilterAttribute, FilterOption, PsaFilter } from '../../../../shared/psa/filters';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import type { PageDecoder } from '../http/psa-http';
import type { AutotaskPage } from '../pages/page-codecs';
import { offMainThread } from '../pages/page-decoder';
import { chunk, fetchBatches, missingByCount, partitionOptions, type ContactScope, type PsaConnector, type RecordSink } from '../connector';
import { awaitedLater } from '../awaited-later';
import { onceAsync } from '../once-async';
import { fetchPartitioned, type IdRange, type IdRangeSource } from '../partitioned-fetch';
import { AutotaskClient } from './autotask-client';
import { COMPANY_FIELDS, companyFilter, contactFilter, MAX_IN_VALUES, NOT_OWN_ORGANISATION, type AutotaskFilter } from './autotask-filters';
import type { FieldsResponse } from './autotask-schemas';

export { toCompany, toContact } from './autotask-records';

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

  async identity(signal?: AbortSignal): Promise<string | null> {
    const { tenantId } = await this.client.discoverZone(signal);
    return tenantId === null ? null : `autotask:${tenantId}`;
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
    const types = awaitedLater(this.companyPicklists(signal).then((picklists) => ({ typeLabels: (picklists.get('companytype') ?? []).map((option) => [option.id, option.label] as const) })));
    const source = this.source('Companies', companyFilter(filter), COMPANY_INCLUDE, offMainThread('autotask.companies', types));
    await fetchPartitioned(source, partitionOptions(sink, signal));
  }

  async fetchContacts(filter: PsaFilter, scope: ContactScope, sink: RecordSink<PsaContactRecord>, signal?: AbortSignal): Promise<void> {
    if (scope.kind === 'all') {
      const source = this.source('Contacts', contactFilter(filter, null), CONTACT_INCLUDE, offMainThread('autotask.contacts', null));
      await fetchPartitioned(source, partitionOptions(sink, signal));
      return;
    }
    // A company's contacts are a query per batch of at most 500 company ids (the OR limit).
    await fetchBatches(
      chunk(scope.ids.map(Number), MAX_IN_VALUES),
      (ids) => this.client.count('Contacts', contactFilter(filter, ids), signal),
      (ids, onPage) =>
        this.client.query('Contacts', { filter: contactFilter(filter, ids), MaxRecords: PAGE_SIZE, IncludeFields: CONTACT_INCLUDE }, offMainThread('autotask.contacts', null), (records) => onPage(records), signal),
      sink,
    );
  }

  countCompanies(filter: PsaFilter, signal?: AbortSignal): Promise<number> {
    return this.client.count('Companies', companyFilter(filter), signal);
  }

  async missingCompanies(ids: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const numeric = ids.map(Number).filter((id) => Number.isInteger(id));
    const missing = await missingByCount(chunk(numeric, MAX_IN_VALUES), (batch) => this.client.count('Companies', [{ op: 'in', field: 'id', value: [...batch] }], signal));
    return missing.map(String);
  }

  /** One entity and filter, as id ranges for the partitioned fetch. */
  private source<R extends { psaId: string }>(entity: string, filter: readonly AutotaskFilter[], include: readonly string[], decode: PageDecoder<AutotaskPage<R>>): IdRangeSource<R> {
    return {
      pageSize: PAGE_SIZE,
      idOf: (record) => Number(record.psaId),
      count: (ranges, countSignal) => this.client.count(entity, [...filter, ...rangesFilter(ranges)], countSignal),
      stream: (ranges, onPage, streamSignal) =>
        this.client.query(entity, { filter: [...filter, ...rangesFilter(ranges)], MaxRecords: PAGE_SIZE, IncludeFields: include }, decode, (records, last) => onPage(records, last), streamSignal),
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
