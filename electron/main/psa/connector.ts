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
  /**
   * Which tenant the credentials reach, as a stable non-secret id (Autotask: the tenant's `ci`; ConnectWise:
   * site and company id); null when the PSA does not say. A team workspace imports from one tenant only.
   */
  identity(signal?: AbortSignal): Promise<string | null>;
  filterAttributes(signal?: AbortSignal): Promise<FilterAttribute[]>;
  fetchCompanies(filter: PsaFilter, sink: RecordSink<PsaCompanyRecord>, signal?: AbortSignal): Promise<void>;
  fetchContacts(filter: PsaFilter, scope: ContactScope, sink: RecordSink<PsaContactRecord>, signal?: AbortSignal): Promise<void>;
  /** How many companies the filter matches (the filter step's "about N companies"): one count request. */
  countCompanies(filter: PsaFilter, signal?: AbortSignal): Promise<number>;
  /** Which of these company ids no longer exist in the PSA (deleted or merged away), found with count requests. */
  missingCompanies(ids: readonly string[], signal?: AbortSignal): Promise<string[]>;
}

/**
 * The ids of `batches` that `count` does not find: a batch counted whole has none missing, one counted empty has
 * all; otherwise it is halved and each half counted. A few gone companies cost a few requests per batch.
 */
export async function missingByCount(batches: readonly (readonly number[])[], count: (ids: readonly number[]) => Promise<number>): Promise<number[]> {
  const missing: number[] = [];
  const visit = async (ids: readonly number[]): Promise<void> => {
    if (ids.length === 0) return;
    const found = await count(ids);
    if (found >= ids.length) return;
    if (found === 0 || ids.length === 1) {
      for (const id of ids) missing.push(id);
      return;
    }
    const half = Math.ceil(ids.length / 2);
    await Promise.all([visit(ids.slice(0, half)), visit(ids.slice(half))]);
  };
  await Promise.all(batches.map(visit));
  return missing.sort((a, b) => a - b);
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
