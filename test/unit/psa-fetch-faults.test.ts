/** The fault matrix: every fault ends in a complete result after retries, or in the right error kind with nothing handed on. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorFactory } from '../../electron/main/psa/connector-factory';
import { fetchFromPsa } from '../../electron/main/psa/fetch-job';
import { PsaCancelled, PsaError } from '../../electron/main/psa/psa-error';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { PSA_KINDS, type PsaKind } from '../../shared/psa/kinds';
import type { PsaFetchResult } from '../../shared/psa/records';
import type { Fault } from '../fakes/psa-sim/model';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { FAST_RETRIES, simCredentials } from '../support/psa-sim';

let sim: RunningPsaSimulator;
const connectors = createConnectorFactory(FAST_RETRIES);
const baseline = new Map<PsaKind, PsaFetchResult>();

beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 3, companies: 1_200, contactsPerCompany: 2 });
  for (const psa of PSA_KINDS) baseline.set(psa, await fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER));
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.faults.restoreCredentials();
});

/** The company list, second page onwards: the fault strikes in the middle of pagination. */
const companyPages = (psa: PsaKind) => (psa === 'autotask' ? '/companies/query' : '/company/companies');
const ids = (result: PsaFetchResult) => ({ companies: result.companies.map((c) => c.psaId).sort(), contacts: result.contacts.map((c) => c.psaId).sort() });

describe.each(PSA_KINDS)('%s: faults', (psa: PsaKind) => {
  const recoverable: Array<[string, Fault]> = [
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
    ['thread-limit rejection', { kind: 'thread-limit' }],
    ['502', { kind: 'status', status: 502 }],
    ['503', { kind: 'status', status: 503 }],
    ['504', { kind: 'status', status: 504 }],
    ['connection reset', { kind: 'reset' }],
    ['latency', { kind: 'latency', ms: 150 }],
  ];
  for (const [label, fault] of recoverable) {
    it(`${label} mid-pagination: retried, and the result is complete`, async () => {
      sim.faults.add({ api: psa, pathIncludes: companyPages(psa), skip: 1, times: 2, fault });
      const started = Date.now();
      const result = await fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER);
      expect(ids(result)).toEqual(ids(baseline.get(psa)!));
      if (fault.kind === 'status' && fault.retryAfterSeconds) expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    });
  }

  const fatal: Array<[string, Fault, string]> = [
    ['persistent 500', { kind: 'status', status: 500 }, 'psa-server-error'],
    ['persistent 503 (retries exhausted)', { kind: 'status', status: 503 }, 'psa-server-error'],
    ['401', { kind: 'status', status: 401 }, 'authentication-error'],
    ['403', { kind: 'status', status: 403 }, 'forbidden'],
    ['404', { kind: 'status', status: 404 }, 'unknown'],
    ['an HTML page', { kind: 'html' }, 'invalid-response'],
    ['truncated JSON', { kind: 'truncated-json' }, 'invalid-response'],
  ];
  for (const [label, fault, kind] of fatal) {
    it(`${label} mid-pagination: ${kind}, and no partial result`, async () => {
      sim.stats.reset();
      sim.faults.add({ api: psa, pathIncludes: companyPages(psa), skip: 1, fault });
      const outcome = await fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      expect('result' in outcome).toBe(false);
      expect((outcome as { error: PsaError }).error).toMatchObject({ kind });
      if (kind === 'authentication-error' || kind === 'forbidden') {
        // Never retried: no refused request was sent twice.
        const refused = sim.stats.requests.filter((request) => request.status === (kind === 'forbidden' ? 403 : 401)).map((request) => `${request.method} ${request.url}`);
        expect(refused.length).toBeGreaterThan(0);
        expect(new Set(refused).size).toBe(refused.length);
      }
    });
  }

  it('credentials that expire part-way: authentication error, nothing handed on', async () => {
    sim.faults.add({ api: psa, fault: { kind: 'expire-credentials', afterCalls: 3 } });
    await expect(fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER)).rejects.toMatchObject({ kind: 'authentication-error' });
  });

  it('an invalid field type in a record is an invalid response, not a crash', async () => {
    // A record without its name: the simulator's truncated JSON covers syntax; this covers shape.
    sim.faults.add({ api: psa, pathIncludes: companyPages(psa), times: 1, fault: { kind: 'status', status: 200 as 401, body: psa === 'autotask' ? '{"items":[{"id":"x"}],"pageDetails":{"count":1,"requestCount":500,"prevPageUrl":null,"nextPageUrl":null}}' : '[{"id":"x"}]' } });
    await expect(fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER)).rejects.toMatchObject({ kind: 'invalid-response' });
  });

  it('cancelling mid-fetch stops within one request and reports cancelled', async () => {
    // One request takes at least 150 ms, so stopping sooner than that is stopping within one request.
    sim.faults.add({ api: psa, fault: { kind: 'latency', ms: 150 } });
    sim.stats.reset();
    const controller = new AbortController();
    let abortedAt = 0;
    const fetching = fetchFromPsa(connectors(simCredentials(sim, psa)), DEFAULT_PSA_FILTER, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'companies' && progress.done > 0 && !abortedAt) {
          abortedAt = Date.now();
          controller.abort(new PsaCancelled());
        }
      },
    });
    await expect(fetching).rejects.toBeInstanceOf(PsaCancelled);
    const stoppedAfter = Date.now() - abortedAt;
    expect(stoppedAfter).toBeLessThan(150);
    // Nothing new was sent after the cancel.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = sim.stats.requests.filter((request) => request.startedAt > abortedAt + 5);
    expect(late).toEqual([]);
  });
});
