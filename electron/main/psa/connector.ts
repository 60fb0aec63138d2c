import type { FilterAttribute, PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../shared/psa/records';

export interface PageSink<T> {
  /** Called once per page, in order; `total` once the count is known. */
  (records: readonly T[]): void;
}

/** What the fetch job and the connection screen need from a PSA. */
export interface PsaConnector {
  readonly psa: PsaKind;
  /** Checks the credentials end to end; returns the tenant's name and how many companies the API user sees. */
  testConnection(signal?: AbortSignal): Promise<{ tenant: string; companies: number }>;
  filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]>;
  countCompanies(filter: PsaFilter, signal?: AbortSignal): Promise<number>;
  fetchCompanies(filter: PsaFilter, onPage: PageSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void>;
  countContacts(filter: PsaFilter, companyIds: readonly string[], signal?: AbortSignal): Promise<number>;
  fetchContacts(filter: PsaFilter, companyIds: readonly string[], onPage: PageSink<PsaContactRecord>, signal?: AbortSignal): Promise<void>;
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
