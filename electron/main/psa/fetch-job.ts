/**
 * One fetch per import: the companies the filter selects and the contacts of
 * those companies, with progress and cancellation. Counts run beside the first
 * pages, so progress gets its totals without delaying the data. A cancelled or
 * failed fetch hands nothing on.
 */
import { setMaxListeners } from 'node:events';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { FetchProgress, PsaCompanyRecord, PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';
import type { ContactScope, PsaConnector, RecordSink } from './connector';
import { PSA_STREAMS } from './connector-limits';
import { PsaCancelled } from './psa-error';
import { StreamShare } from './stream-share';

export interface FetchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FetchProgress) => void;
}

export async function fetchFromPsa(connector: PsaConnector, filter: PsaFilter, options: FetchOptions = {}): Promise<PsaFetchResult> {
  // One failure stops every sibling request at once: nothing keeps running behind a failed fetch.
  const inner = new AbortController();
  // Every request of the fetch listens on this signal while it waits its turn in the transport's queue
  // (a fetch by company batches queues dozens): many listeners here are by design, not a leak.
  setMaxListeners(0, inner.signal);
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
  // The PSA's own filters do most of this; these checks keep the promise whatever the PSA did.
  const wanted = (contact: PsaContactRecord) => (!filter.contacts.withEmailOnly || contact.email !== null) && (!filter.contacts.activeOnly || contact.active);
  const companiesOf = (share?: StreamShare) => collect<PsaCompanyRecord>('companies', share, () => true, true, (sink) => connector.fetchCompanies(filter, sink, signal), onProgress);
  // A partitioned fetch drops repeats itself (its ranges never overlap), which spares a set of every contact id.
  // Counted as each contact is kept, while the next pages are on their way.
  const contactsPerCompany = new Map<string, number>();
  const counted = (contact: PsaContactRecord) => tallyContact(contactsPerCompany, contact);
  const contactsOf = (scope: ContactScope, share?: StreamShare) =>
    collect<PsaContactRecord>('contacts', share, wanted, scope.kind === 'companies', (sink) => connector.fetchContacts(filter, scope, sink, signal), onProgress, counted);
  let companies: Collected<PsaCompanyRecord>;
  let contacts: Collected<PsaContactRecord>;
  if (selectsEveryCompany(filter)) {
    // Every company is wanted, so contacts need not wait for the company list: both run side by side.
    const share = new StreamShare(PSA_STREAMS, 2);
    // Contacts start first: the transport serves requests in order, and the bigger collection sets the pace.
    [contacts, companies] = await Promise.all([contactsOf({ kind: 'all' }, share), companiesOf(share)]);
  } else {
    companies = await companiesOf();
    const ids = [...(companies.ids ?? [])];
    contacts = ids.length === 0 ? { records: [] } : await contactsOf({ kind: 'companies', ids });
  }
  if (signal.aborted) throw new PsaCancelled();
  const known = companies.ids ?? new Set<string>();
  return { companies: companies.records, contacts: contacts.records.filter((contact) => known.has(contact.companyPsaId)), contactsPerCompany };
}

/** Adds a contact to the per-company counts a fetch hands to reconciliation (`PsaFetchResult.contactsPerCompany`). */
export function tallyContact(counts: Map<string, number>, contact: PsaContactRecord): void {
  counts.set(contact.companyPsaId, (counts.get(contact.companyPsaId) ?? 0) + 1);
}

/** No attribute narrows the companies and their active state does not matter. */
export function selectsEveryCompany(filter: PsaFilter): boolean {
  return filter.companyActiveState === 'any' && Object.values(filter.companies).every((ids) => !ids || ids.length === 0);
}

interface Collected<T> {
  readonly records: T[];
  /** The ids seen, when asked to drop repeats. */
  readonly ids?: Set<string>;
}

/** Gathers a collection's pages, dropping repeats and unwanted records as they come rather than all at the end. */
async function collect<T extends { readonly psaId: string }>(
  phase: FetchProgress['phase'],
  share: StreamShare | undefined,
  keep: (record: T) => boolean,
  dropRepeats: boolean,
  fetch: (sink: RecordSink<T>) => Promise<void>,
  onProgress: FetchOptions['onProgress'],
  kept: (record: T) => void = () => undefined,
): Promise<Collected<T>> {
  const records: T[] = [];
  const ids = dropRepeats ? new Set<string>() : undefined;
  let received = 0;
  let total: number | null = null;
  onProgress?.({ phase, done: 0, total });
  await fetch({
    ...(share ? { share } : {}),
    page: (page) => {
      received += page.length;
      for (const record of page) {
        if (!keep(record)) continue;
        if (ids) {
          if (ids.has(record.psaId)) continue;
          ids.add(record.psaId);
        }
        records.push(record);
        kept(record);
      }
      onProgress?.({ phase, done: received, total });
    },
    total: (count) => {
      total = count;
      onProgress?.({ phase, done: received, total });
    },
  });
  return ids ? { records, ids } : { records };
}
