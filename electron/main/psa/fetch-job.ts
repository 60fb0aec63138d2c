/**
 * One fetch per import: the companies the filter selects and the contacts of
 * those companies, with progress and cancellation. Counts run beside the first
 * pages, so progress gets its totals without delaying the data. A cancelled or
 * failed fetch hands nothing on.
 */
import type { PsaFilter } from '../../../shared/psa/filters';
import type { FetchProgress, PsaCompanyRecord, PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';
import type { PsaConnector, RecordSink } from './connector';
import { PsaCancelled } from './psa-error';

export interface FetchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FetchProgress) => void;
}

export async function fetchFromPsa(connector: PsaConnector, filter: PsaFilter, options: FetchOptions = {}): Promise<PsaFetchResult> {
  // One failure stops every sibling request at once: nothing keeps running behind a failed fetch.
  const inner = new AbortController();
  const forward = () => inner.abort(new PsaCancelled());
  options.signal?.addEventListener('abort', forward, { once: true });
  try {
    return await fetchAll(connector, filter, inner.signal, options.onProgress);
  } catch (error) {
    inner.abort(new PsaCancelled());
    throw options.signal?.aborted ? new PsaCancelled() : error;
  } finally {
    options.signal?.removeEventListener('abort', forward);
  }
}

async function fetchAll(connector: PsaConnector, filter: PsaFilter, signal: AbortSignal, onProgress: FetchOptions['onProgress']): Promise<PsaFetchResult> {
  const companiesOf = () => collect<PsaCompanyRecord>('companies', (sink) => connector.fetchCompanies(filter, sink, signal), onProgress);
  let companies: PsaCompanyRecord[];
  let fetched: PsaContactRecord[];
  if (selectsEveryCompany(filter)) {
    // Every company is wanted, so contacts need not wait for the company list: both run side by side.
    [companies, fetched] = await Promise.all([companiesOf(), collect<PsaContactRecord>('contacts', (sink) => connector.fetchContacts(filter, { kind: 'all' }, sink, signal), onProgress)]);
  } else {
    companies = await companiesOf();
    const ids = [...new Set(companies.map((company) => company.psaId))];
    fetched = ids.length === 0 ? [] : await collect<PsaContactRecord>('contacts', (sink) => connector.fetchContacts(filter, { kind: 'companies', ids }, sink, signal), onProgress);
  }
  if (signal.aborted) throw new PsaCancelled();
  const known = new Set(companies.map((company) => company.psaId));
  // The PSA's own filters do most of this; these checks keep the promise whatever the PSA did.
  const contacts = uniqueBy(fetched, (contact) => contact.psaId).filter(
    (contact) => known.has(contact.companyPsaId) && (!filter.contacts.withEmailOnly || contact.email !== null) && (!filter.contacts.activeOnly || contact.active),
  );
  return { companies: uniqueBy(companies, (company) => company.psaId), contacts };
}

/** No attribute narrows the companies and their active state does not matter. */
export function selectsEveryCompany(filter: PsaFilter): boolean {
  return filter.companyActiveState === 'any' && Object.values(filter.companies).every((ids) => !ids || ids.length === 0);
}

async function collect<T>(phase: FetchProgress['phase'], fetch: (sink: RecordSink<T>) => Promise<void>, onProgress: FetchOptions['onProgress']): Promise<T[]> {
  const records: T[] = [];
  let total: number | null = null;
  onProgress?.({ phase, done: 0, total });
  await fetch({
    page: (page) => {
      records.push(...page);
      onProgress?.({ phase, done: records.length, total });
    },
    total: (count) => {
      total = count;
      onProgress?.({ phase, done: records.length, total });
    },
  });
  return records;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
