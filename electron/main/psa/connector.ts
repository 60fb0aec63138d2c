import type { FilterAttribute, PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../shared/psa/records';
import { PSA_STREAMS } from './connector-limits';
import type { PartitionOptions } from './partitioned-fetch';
import type { StreamShare } from './stream-share';

/** Where fetched records go: pages as they arrive, and the PSA's count once known. */
export interface RecordSink<T> {
  page(records: readonly T[]): void;
  total(count: number): void;
  /** Set when another collection is fetched at the same time: the two share the connection's streams. */
  readonly share?: StreamShare;
}

/** The partitioned fetch of one collection into `sink`. */
export function partitionOptions<T>(sink: RecordSink<T>, signal: AbortSignal | undefined): PartitionOptions<T> {
  return { streams: PSA_STREAMS, share: sink.share, onPage: (records) => sink.page(records), onTotal: (total) => sink.total(total), signal };
}

/** Which contacts to fetch: every contact the contact filter allows, or those of the given companies. */
export type ContactScope = { readonly kind: 'all' } | { readonly kind: 'companies'; readonly ids: readonly string[] };

/** What the fetch job and the connection screen need from a PSA. */
export interface PsaConnector {
  readonly psa: PsaKind;
  /** Checks the credentials end to end; returns the tenant's name and how many companies the API user sees. */
  testConnection(signal?: AbortSignal): Promise<{ tenant: string; companies: number }>;
  filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]>;
  fetchCompanies(filter: PsaFilter, sink: RecordSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void>;
  fetchContacts(filter: PsaFilter, scope: ContactScope, sink: RecordSink<PsaContactRecord>, signal?: AbortSignal): Promise<void>;
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Runs `fetch` per batch side by side (the transport bounds concurrency) and reports the summed count. */
export async function fetchBatches<B, T>(
  batches: readonly B[],
  count: (batch: B) => Promise<number>,
  fetch: (batch: B, onPage: (records: readonly T[]) => void) => Promise<void>,
  sink: RecordSink<T>,
): Promise<void> {
  const counting = Promise.all(batches.map(count)).then((counts) => sink.total(counts.reduce((sum, value) => sum + value, 0)));
  await Promise.all([counting, ...batches.map((batch) => fetch(batch, (records) => sink.page(records)))]);
}
