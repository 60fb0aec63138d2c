/**
 * One fetch per import: the companies the filter selects, then the contacts of
 * those companies, with progress and cancellation. Counting runs beside the
 * first pages, so progress gets its total without delaying the data. A
 * cancelled or failed fetch hands nothing on.
 */
import type { PsaFilter } from '../../../shared/psa/filters';
import type { FetchProgress, PsaCompanyRecord, PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';
import type { PsaConnector } from './connector';
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
  const companies = await collect<PsaCompanyRecord>(
    'companies',
    (sink) => connector.fetchCompanies(filter, sink, signal),
    () => connector.countCompanies(filter, signal),
    onProgress,
  );
  const companyIds = [...new Set(companies.map((company) => company.psaId))];
  const fetched = companyIds.length === 0 ? [] : await collect<PsaContactRecord>(
    'contacts',
    (sink) => connector.fetchContacts(filter, companyIds, sink, signal),
    () => connector.countContacts(filter, companyIds, signal),
    onProgress,
  );
  if (signal.aborted) throw new PsaCancelled();
  const known = new Set(companyIds);
  // The PSA's own filters do most of this; these checks keep the promise whatever the PSA did.
  const contacts = uniqueBy(fetched, (contact) => contact.psaId).filter(
    (contact) => known.has(contact.companyPsaId) && (!filter.contacts.withEmailOnly || contact.email !== null) && (!filter.contacts.activeOnly || contact.active),
  );
  return { companies: uniqueBy(companies, (company) => company.psaId), contacts };
}

async function collect<T>(
  phase: FetchProgress['phase'],
  fetch: (sink: (records: readonly T[]) => void) => Promise<void>,
  count: () => Promise<number>,
  onProgress: FetchOptions['onProgress'],
): Promise<T[]> {
  const records: T[] = [];
  let total: number | null = null;
  onProgress?.({ phase, done: 0, total });
  const counting = count().then((value) => {
    total = value;
    onProgress?.({ phase, done: records.length, total });
  });
  await Promise.all([
    fetch((page) => {
      records.push(...page);
      onProgress?.({ phase, done: records.length, total });
    }),
    counting,
  ]);
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
