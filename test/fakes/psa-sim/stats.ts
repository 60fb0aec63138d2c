/**
 * What the simulator saw: every request, and the most requests in flight at
 * once per API and per endpoint, so tests can check a client's paging and
 * concurrency discipline.
 */
import type { RequestRecord, SimApi } from './model';

export interface SimStatsSnapshot {
  readonly requestCount: number;
  readonly maxConcurrent: Readonly<Record<SimApi, number>>;
  /** Keyed `"<api> <METHOD-less path with ids as {id}>"`, e.g. `autotask /atservicesrest/v1.0/companies/query`. */
  readonly maxConcurrentByEndpoint: Readonly<Record<string, number>>;
  readonly requests: readonly RequestRecord[];
}

/** `/ATServicesRest/V1.0/Companies/123` → `/atservicesrest/v1.0/companies/{id}`. */
export function endpointOf(path: string): string {
  return path.toLowerCase().replace(/\/\d+(?=\/|$)/g, '/{id}');
}

export class SimStats {
  readonly requests: RequestRecord[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly peak = new Map<string, number>();

  /** Marks a request as in flight; call the returned function when it is answered. */
  begin(api: SimApi, path: string): () => void {
    const keys = [api, `${api} ${endpointOf(path)}`];
    for (const key of keys) {
      const now = (this.inFlight.get(key) ?? 0) + 1;
      this.inFlight.set(key, now);
      this.peak.set(key, Math.max(this.peak.get(key) ?? 0, now));
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      for (const key of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    };
  }

  record(entry: RequestRecord): void {
    this.requests.push(entry);
  }

  maxConcurrent(api: SimApi): number {
    return this.peak.get(api) ?? 0;
  }

  maxConcurrentByEndpoint(): Record<string, number> {
    return Object.fromEntries([...this.peak].filter(([key]) => key.includes(' ')));
  }

  /** Answered and in-flight requests of the last hour (Autotask's ThresholdInformation counts the asking call too). */
  requestsInLastHour(api: SimApi, now = Date.now()): number {
    let count = this.inFlight.get(api) ?? 0;
    for (let index = this.requests.length - 1; index >= 0; index--) {
      const entry = this.requests[index] as RequestRecord;
      if (entry.startedAt < now - 3_600_000) break;
      if (entry.api === api) count++;
    }
    return count;
  }

  /** Requests of `api` being answered right now. */
  inFlightNow(api: SimApi): number {
    return this.inFlight.get(api) ?? 0;
  }

  /** Forgets requests and peaks; requests still in flight keep counting. */
  reset(): void {
    this.requests.length = 0;
    this.peak.clear();
    for (const [key, count] of this.inFlight) if (count > 0) this.peak.set(key, count);
  }

  snapshot(): SimStatsSnapshot {
    return {
      requestCount: this.requests.length,
      maxConcurrent: { autotask: this.maxConcurrent('autotask'), connectwise: this.maxConcurrent('connectwise') },
      maxConcurrentByEndpoint: this.maxConcurrentByEndpoint(),
      requests: [...this.requests],
    };
  }
}
