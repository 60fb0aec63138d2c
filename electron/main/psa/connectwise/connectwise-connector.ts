import type { FilterAttribute, PsaFilter } from '../../../../shared/psa/filters';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import type { PageDecoder } from '../http/psa-http';
import { offMainThread } from '../pages/page-decoder';
import { fetchBatches, missingByCount, partitionOptions, type ContactScope, type PsaConnector, type RecordSink } from '../connector';
import { awaitedLater } from '../awaited-later';
import { onceAsync } from '../once-async';
import { fetchPartitioned, type IdRange, type IdRangeSource } from '../partitioned-fetch';
import { sideBySide } from '../side-by-side';
import { CW_PAGE_SIZE, type ConnectWiseClient, type ListParams } from './connectwise-client';
import { companyChildConditions, companyConditions, contactChildConditions, contactConditions, idBatches } from './connectwise-conditions';
import { CwNamedSchema } from './connectwise-schemas';

export { toCompany, toContact } from './connectwise-records';

export const COMPANY_FIELDS = 'id,name,status,types,deletedFlag,_info/lastUpdated';
/** Only what a contact record needs: nested paths keep the communication items small. */
export const CONTACT_FIELDS = 'id,firstName,lastName,company/id,inactiveFlag,communicationItems/value,communicationItems/communicationType,communicationItems/defaultFlag';

/**
 * Lookup lists. Statuses and types are in the reference (B.8); a company's
 * territory is a system-location reference and its market a market-description
 * reference in ConnectWise's schema, so those lists come from
 * `system/locations` and `company/marketDescriptions` [inf: not in psa-apis.md].
 */
const LISTS = {
  status: 'company/companies/statuses',
  companyType: 'company/companies/types',
  territory: 'system/locations',
  market: 'company/marketDescriptions',
} as const;

export class ConnectWiseConnector implements PsaConnector {
  readonly psa = 'connectwise' as const;
  private readonly statuses = onceAsync((signal) => this.client.listAll(LISTS.status, CwNamedSchema, signal));

  constructor(private readonly client: ConnectWiseClient) {}

  async testConnection(signal?: AbortSignal): Promise<{ tenant: string; companies: number }> {
    const { tenant } = await this.client.discover(signal);
    const companies = await this.client.count('company/companies', { conditions: 'deletedFlag=false' }, signal);
    return { tenant, companies };
  }

  async identity(): Promise<string | null> {
    return this.client.tenantIdentity();
  }

  async filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]> {
    const entries = Object.entries(LISTS) as Array<[keyof typeof LISTS, string]>;
    const lists = await sideBySide(
      entries.map(([, path]) => (listSignal: AbortSignal) => this.client.listAll(path, CwNamedSchema, listSignal)),
      signal,
    );
    return entries.map(([key], index) => ({
      key,
      options: (lists[index] ?? []).map((entry) => ({ id: entry.id, label: entry.name, active: entry.inactiveFlag !== true })),
    }));
  }

  async fetchCompanies(filter: PsaFilter, sink: RecordSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void> {
    // Statuses shape the query only when the filter asks for active or inactive companies; otherwise
    // the first pages need not wait for them, only their mapping does. The lookup can fail before any
    // page needs it (401, HTML, timeout on the statuses list): the one promise is marked handled now,
    // and the failure reaches the fetch through the first page's mapping.
    const inactive = awaitedLater(this.inactiveStatusIds(signal));
    const inactiveIds = filter.companyActiveState === 'any' ? [] : await inactive;
    const params = { conditions: companyConditions(filter, inactiveIds), childConditions: companyChildConditions(filter), fields: COMPANY_FIELDS };
    const source = this.source('company/companies', params, offMainThread('connectwise.companies', awaitedLater(inactive.then((inactiveStatusIds) => ({ inactiveStatusIds })))));
    await fetchPartitioned(source, partitionOptions(sink, signal));
  }

  async fetchContacts(filter: PsaFilter, scope: ContactScope, sink: RecordSink<PsaContactRecord>, signal?: AbortSignal): Promise<void> {
    const childConditions = contactChildConditions(filter);
    if (scope.kind === 'all') {
      const params = { conditions: contactConditions(filter, null), childConditions, fields: CONTACT_FIELDS };
      const source = this.source('company/contacts', params, offMainThread('connectwise.contacts', null));
      await fetchPartitioned(source, partitionOptions(sink, signal));
      return;
    }
    // Conditions travel in the URL, so company ids go in batches that keep it short.
    await fetchBatches(
      idBatches(scope.ids.map(Number)),
      (ids) => this.client.count('company/contacts', { conditions: contactConditions(filter, ids), childConditions }, signal),
      (ids, onPage) =>
        this.client.list('company/contacts', { conditions: contactConditions(filter, ids), childConditions, fields: CONTACT_FIELDS }, offMainThread('connectwise.contacts', null), (records) => onPage(records), signal),
      sink,
    );
  }

  async countCompanies(filter: PsaFilter, signal?: AbortSignal): Promise<number> {
    const inactiveIds = filter.companyActiveState === 'any' ? [] : await this.inactiveStatusIds(signal);
    return this.client.count('company/companies', { conditions: companyConditions(filter, inactiveIds), childConditions: companyChildConditions(filter) }, signal);
  }

  /** A soft-deleted company (deletedFlag) is gone too: the import no longer returns it. */
  async missingCompanies(ids: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const numeric = ids.map(Number).filter((id) => Number.isInteger(id));
    const missing = await missingByCount(idBatches(numeric), (batch) => this.client.count('company/companies', { conditions: `deletedFlag=false and id in (${batch.join(',')})` }, signal));
    return missing.map(String);
  }

  /** One collection and its parameters, as id ranges for the partitioned fetch. */
  private source<R extends { psaId: string }>(path: string, params: ListParams, decode: PageDecoder<R[]>): IdRangeSource<R> {
    const within = (ranges: readonly IdRange[]): string | undefined => [params.conditions, rangesConditions(ranges)].filter(Boolean).join(' and ') || undefined;
    return {
      pageSize: CW_PAGE_SIZE,
      idOf: (record) => Number(record.psaId),
      count: (ranges, countSignal) => this.client.count(path, { conditions: within(ranges), childConditions: params.childConditions }, countSignal),
      stream: (ranges, onPage, streamSignal) => this.client.list(path, { ...params, conditions: within(ranges) }, decode, (records, last) => onPage(records, last), streamSignal),
    };
  }

  private async inactiveStatusIds(signal?: AbortSignal): Promise<number[]> {
    return (await this.statuses(signal)).filter((status) => status.inactiveFlag === true).map((status) => status.id);
  }
}

function rangeConditions(range: IdRange): string[] {
  const parts: string[] = [];
  if (range.after !== undefined) parts.push(`id>${range.after}`);
  if (range.upTo !== undefined) parts.push(`id<=${range.upTo}`);
  return parts;
}

/** One range as AND-ed conditions; several as an OR of them, in parentheses. */
function rangesConditions(ranges: readonly IdRange[]): string {
  if (ranges.length === 1) return rangeConditions(ranges[0] as IdRange).join(' and ');
  return `(${ranges.map((range) => `(${rangeConditions(range).join(' and ') || 'id>0'})`).join(' or ')})`;
}
