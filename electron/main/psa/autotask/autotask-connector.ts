import type { FilterAttribute, FilterOption, PsaFilter } from '../../../../shared/psa/filters';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import { chunk, type PageSink, type PsaConnector } from '../connector';
import { AutotaskClient } from './autotask-client';
import { COMPANY_FIELDS, companyFilter, contactFilter, MAX_IN_VALUES } from './autotask-filters';
import { CompanyItemSchema, ContactItemSchema, type CompanyItem, type ContactItem, type FieldsResponse } from './autotask-schemas';

const PAGE_SIZE = 500;
const COMPANY_INCLUDE = ['id', 'companyName', 'companyType', 'isActive', 'lastTrackedModifiedDateTime'];
const CONTACT_INCLUDE = ['id', 'companyID', 'firstName', 'lastName', 'emailAddress', 'isActive'];

export class AutotaskConnector implements PsaConnector {
  readonly psa = 'autotask' as const;
  private picklists: Promise<Map<string, FilterOption[]>> | undefined;

  constructor(private readonly client: AutotaskClient) {}

  async testConnection(signal?: AbortSignal): Promise<{ tenant: string; companies: number }> {
    const zone = await this.client.discoverZone(signal);
    const companies = await this.client.count('Companies', [{ op: 'gte', field: 'id', value: 0 }], signal);
    return { tenant: zone.name, companies };
  }

  async filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]> {
    const picklists = await this.companyPicklists(signal);
    return (Object.entries(COMPANY_FIELDS) as Array<[keyof typeof COMPANY_FIELDS, string]>).map(([key, field]) => ({
      key,
      options: picklists.get(field.toLowerCase()) ?? [],
    }));
  }

  countCompanies(filter: PsaFilter, signal?: AbortSignal): Promise<number> {
    return this.client.count('Companies', companyFilter(filter), signal);
  }

  async fetchCompanies(filter: PsaFilter, onPage: PageSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void> {
    const types = (await this.companyPicklists(signal)).get('companytype') ?? [];
    const label = (value: number | null | undefined) => types.find((option) => option.id === value)?.label ?? null;
    await this.client.query(
      'Companies',
      { filter: companyFilter(filter), MaxRecords: PAGE_SIZE, IncludeFields: COMPANY_INCLUDE },
      CompanyItemSchema,
      (items) => onPage(items.map((item) => toCompany(item, label(item.companyType)))),
      signal,
    );
  }

  async countContacts(filter: PsaFilter, companyIds: readonly string[], signal?: AbortSignal): Promise<number> {
    const counts = await Promise.all(batches(companyIds).map((ids) => this.client.count('Contacts', contactFilter(filter, ids), signal)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async fetchContacts(filter: PsaFilter, companyIds: readonly string[], onPage: PageSink<PsaContactRecord>, signal?: AbortSignal): Promise<void> {
    // Batches are independent queries, so they page side by side within the client's concurrency limit.
    await Promise.all(
      batches(companyIds).map((ids) =>
        this.client.query(
          'Contacts',
          { filter: contactFilter(filter, ids), MaxRecords: PAGE_SIZE, IncludeFields: CONTACT_INCLUDE },
          ContactItemSchema,
          (items) => onPage(items.map(toContact)),
          signal,
        ),
      ),
    );
  }

  private companyPicklists(signal?: AbortSignal): Promise<Map<string, FilterOption[]>> {
    this.picklists ??= this.client.fields('Companies', signal).then(picklistsOf, (error: unknown) => {
      this.picklists = undefined;
      throw error;
    });
    return this.picklists;
  }
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

function batches(companyIds: readonly string[]): number[][] {
  return chunk(companyIds.map(Number), MAX_IN_VALUES);
}

function toCompany(item: CompanyItem, typeLabel: string | null): PsaCompanyRecord {
  return { psaId: String(item.id), name: item.companyName, typeLabel, active: item.isActive, lastModifiedAt: item.lastTrackedModifiedDateTime ?? null };
}

function toContact(item: ContactItem): PsaContactRecord {
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
