import type { FilterAttribute, PsaFilter } from '../../../../shared/psa/filters';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import type { PageSink, PsaConnector } from '../connector';
import { ConnectWiseClient } from './connectwise-client';
import { companyChildConditions, companyConditions, contactChildConditions, contactConditions, idBatches } from './connectwise-conditions';
import { CwCompanySchema, CwContactSchema, CwNamedSchema, type CwCompany, type CwContact, type CwNamed } from './connectwise-schemas';

const COMPANY_FIELDS = 'id,name,status,types,deletedFlag,_info/lastUpdated';
const CONTACT_FIELDS = 'id,firstName,lastName,company/id,inactiveFlag,communicationItems';

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
  private statuses: Promise<CwNamed[]> | undefined;

  constructor(private readonly client: ConnectWiseClient) {}

  async testConnection(signal?: AbortSignal): Promise<{ tenant: string; companies: number }> {
    const { tenant } = await this.client.discover(signal);
    const companies = await this.client.count('company/companies', { conditions: 'deletedFlag=false' }, signal);
    return { tenant, companies };
  }

  async filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]> {
    const entries = Object.entries(LISTS) as Array<[keyof typeof LISTS, string]>;
    const lists = await Promise.all(entries.map(([, path]) => this.client.listAll(path, CwNamedSchema, signal)));
    return entries.map(([key], index) => ({
      key,
      options: (lists[index] ?? []).map((entry) => ({ id: entry.id, label: entry.name, active: entry.inactiveFlag !== true })),
    }));
  }

  async countCompanies(filter: PsaFilter, signal?: AbortSignal): Promise<number> {
    const inactive = await this.inactiveStatusIds(signal);
    return this.client.count('company/companies', { conditions: companyConditions(filter, inactive), childConditions: companyChildConditions(filter) }, signal);
  }

  async fetchCompanies(filter: PsaFilter, onPage: PageSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void> {
    const inactiveIds = await this.inactiveStatusIds(signal);
    const inactive = new Set(inactiveIds);
    await this.client.list(
      'company/companies',
      { conditions: companyConditions(filter, inactiveIds), childConditions: companyChildConditions(filter), fields: COMPANY_FIELDS },
      CwCompanySchema,
      (items) => onPage(items.filter((item) => item.deletedFlag !== true).map((item) => toCompany(item, inactive))),
      signal,
    );
  }

  async countContacts(filter: PsaFilter, companyIds: readonly string[], signal?: AbortSignal): Promise<number> {
    const counts = await Promise.all(
      idBatches(companyIds.map(Number)).map((ids) =>
        this.client.count('company/contacts', { conditions: contactConditions(filter, ids), childConditions: contactChildConditions(filter) }, signal),
      ),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async fetchContacts(filter: PsaFilter, companyIds: readonly string[], onPage: PageSink<PsaContactRecord>, signal?: AbortSignal): Promise<void> {
    await Promise.all(
      idBatches(companyIds.map(Number)).map((ids) =>
        this.client.list(
          'company/contacts',
          { conditions: contactConditions(filter, ids), childConditions: contactChildConditions(filter), fields: CONTACT_FIELDS },
          CwContactSchema,
          (items) => onPage(items.map(toContact)),
          signal,
        ),
      ),
    );
  }

  private async inactiveStatusIds(signal?: AbortSignal): Promise<number[]> {
    this.statuses ??= this.client.listAll(LISTS.status, CwNamedSchema, signal).catch((error: unknown) => {
      this.statuses = undefined;
      throw error;
    });
    return (await this.statuses).filter((status) => status.inactiveFlag === true).map((status) => status.id);
  }
}

function toCompany(item: CwCompany, inactiveStatuses: ReadonlySet<number>): PsaCompanyRecord {
  return {
    psaId: String(item.id),
    name: item.name,
    typeLabel: item.types?.map((type) => type.name).filter(Boolean).join(', ') || null,
    active: !item.status || !inactiveStatuses.has(item.status.id),
    lastModifiedAt: item._info?.lastUpdated ?? null,
  };
}

/** A contact's email lives in its communication items; the default email wins. */
function toContact(item: CwContact): PsaContactRecord {
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
