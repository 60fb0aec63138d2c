/**
 * The fault matrix: every fault the simulator can inject × both PSAs × every
 * filter variant × every request the operation makes (discovery, lookups,
 * counts, pages). Each row must settle, fail with the right error kind or
 * deliver exactly what a fault-free run does, and leave no unhandled
 * rejection behind — one of those ends the main process (issue 8, defect 2).
 *
 * Rows run side by side, each on its own simulator, so waits (latency,
 * Retry-After, backoff, timeouts) overlap; the tenant is small, one page per
 * collection, because what a row exercises is which request fails and when,
 * not how many pages there are (psa-fetch-faults.test.ts strikes
 * mid-pagination on a big one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorFactory, type ConnectorFactory } from '../../electron/main/psa/connector-factory';
import { fetchFromPsa } from '../../electron/main/psa/fetch-job';
import { PsaError } from '../../electron/main/psa/psa-error';
import type { PsaErrorKind } from '../../shared/psa/errors';
import type { FilterAttribute, PsaFilter } from '../../shared/psa/filters';
import { PSA_KINDS, type PsaKind } from '../../shared/psa/kinds';
import type { PsaFetchResult } from '../../shared/psa/records';
import type { Fault, RequestRecord } from '../fakes/psa-sim/model';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { FAST_RETRIES, simCredentials } from '../support/psa-sim';

/** Rows in flight at once, each on its own simulator: much of a row's time is waiting (backoff, Retry-After). */
const SLOTS = 16;
/**
 * The retry policy of FAST_RETRIES with two attempts: a fault that strikes once is
 * retried away, one that persists gives up after the retry — the same paths as
 * four attempts, at half the waiting.
 */
const HTTP = { ...FAST_RETRIES, backoff: { ...FAST_RETRIES.backoff, maxAttempts: 2 } };
const connectors = createConnectorFactory(HTTP);
/**
 * Real timeouts strike only the requests that start a fetch or feed its mapping (TIMED_OUT):
 * their rows use a timeout short enough to wait for, which a busy machine could also hit on
 * a request the row did not strike, so there are few of them. Elsewhere a request that fails
 * late is a slow connection reset — the same network failure, retried the same way.
 */
const TIMEOUT_MS = 1_000;
const timeoutConnectors = createConnectorFactory({ ...HTTP, timeoutMs: TIMEOUT_MS });
/** Answered a little after the client gave up, so the simulator is idle again before the next row. */
const NO_ANSWER: Fault = { kind: 'latency', ms: TIMEOUT_MS + 300 };
const SLOW: Fault = { kind: 'latency', ms: 150 };
/** Longest a row may take before it counts as hung: retries included, with room for a loaded machine. */
const DEADLINE_MS = 20_000;

/** One kind of request, by the path it is sent to; `authenticated: false` for discovery, which needs no credentials. */
interface Target {
  readonly name: string;
  readonly pattern: string;
  readonly authenticated: boolean;
}

const TARGETS: Readonly<Record<PsaKind, readonly Target[]>> = {
  autotask: [
    { name: 'zone discovery', pattern: '/zoneinformation$', authenticated: false },
    { name: 'company picklists', pattern: '/companies/entityinformation/fields$', authenticated: true },
    { name: 'company count', pattern: '/companies/query/count$', authenticated: true },
    { name: 'company pages', pattern: '/companies/query(/next)?$', authenticated: true },
    { name: 'contact count', pattern: '/contacts/query/count$', authenticated: true },
    { name: 'contact pages', pattern: '/contacts/query(/next)?$', authenticated: true },
  ],
  connectwise: [
    { name: 'codebase discovery', pattern: '/login/companyinfo/', authenticated: false },
    { name: 'statuses', pattern: '/company/companies/statuses$', authenticated: true },
    { name: 'types', pattern: '/company/companies/types$', authenticated: true },
    { name: 'locations', pattern: '/system/locations$', authenticated: true },
    { name: 'market descriptions', pattern: '/company/marketdescriptions$', authenticated: true },
    { name: 'company count', pattern: '/company/companies/count$', authenticated: true },
    { name: 'company pages', pattern: '/company/companies$', authenticated: true },
    { name: 'contact count', pattern: '/company/contacts/count$', authenticated: true },
    { name: 'contact pages', pattern: '/company/contacts$', authenticated: true },
  ],
};

type Expected = 'complete' | PsaErrorKind;

interface FaultCase {
  readonly label: string;
  /** Added together for the same requests: a latency rule delays the answer of the rule after it. */
  readonly faults: readonly Fault[];
  /** Strikes this many matching requests; omitted = every one. */
  readonly times?: number;
  readonly expected: Expected;
  /**
   * Cases of one group take turns over the targets (one per target): the gateway statuses
   * 502, 503 and 504 get the same proxy page and the same handling, so each target gets one.
   */
  readonly group?: string;
}

const gateway = (status: 502 | 503 | 504, times?: number): FaultCase => ({
  label: `${status}${times ? ' once' : ''}`,
  faults: [{ kind: 'status', status }],
  ...(times ? { times, expected: 'complete' as const } : { expected: 'psa-server-error' as const }),
  group: times ? 'gateway once' : 'gateway',
});

/** Every fault kind, once (retried away where retrying is safe) and for good. */
const FAULTS: readonly FaultCase[] = [
  { label: 'latency', faults: [SLOW], expected: 'complete' },
  { label: '429 once', faults: [{ kind: 'status', status: 429 }], times: 1, expected: 'complete' },
  gateway(502, 1),
  gateway(503, 1),
  gateway(504, 1),
  { label: 'thread limit once', faults: [{ kind: 'thread-limit' }], times: 1, expected: 'complete' },
  { label: 'connection reset once', faults: [{ kind: 'reset' }], times: 1, expected: 'complete' },
  { label: 'slow connection reset once', faults: [SLOW, { kind: 'reset' }], times: 1, expected: 'complete' },
  { label: '401', faults: [{ kind: 'status', status: 401 }], expected: 'authentication-error' },
  { label: '401 once (never retried)', faults: [{ kind: 'status', status: 401 }], times: 1, expected: 'authentication-error' },
  { label: '403', faults: [{ kind: 'status', status: 403 }], expected: 'forbidden' },
  { label: '404', faults: [{ kind: 'status', status: 404 }], expected: 'unknown' },
  { label: '429', faults: [{ kind: 'status', status: 429 }], expected: 'psa-server-error' },
  { label: '500', faults: [{ kind: 'status', status: 500 }], expected: 'psa-server-error' },
  gateway(502),
  gateway(503),
  gateway(504),
  { label: 'thread limit', faults: [{ kind: 'thread-limit' }], expected: 'psa-server-error' },
  { label: 'HTML page', faults: [{ kind: 'html' }], expected: 'invalid-response' },
  { label: 'truncated JSON', faults: [{ kind: 'truncated-json' }], expected: 'invalid-response' },
  { label: 'connection reset', faults: [{ kind: 'reset' }], expected: 'unknown' },
  { label: 'slow connection reset', faults: [SLOW, { kind: 'reset' }], expected: 'unknown' },
];

const TIMEOUTS: readonly FaultCase[] = [
  { label: 'timeout once', faults: [NO_ANSWER], times: 1, expected: 'complete' },
  { label: 'timeout', faults: [NO_ANSWER], expected: 'unknown' },
];
/** Timeouts strike where the fetch starts (discovery), where its mapping waits (lookups), and a page. */
const TIMED_OUT = ['zone discovery', 'codebase discovery', 'company picklists', 'statuses', 'contact pages'];

/** What a row runs: a whole fetch with one filter, or reading the filter attributes (the lookups). */
type Operation = { readonly kind: 'fetch'; readonly label: string; readonly filter: PsaFilter } | { readonly kind: 'filterAttributes'; readonly label: string };

type Outcome = { readonly fetched: PsaFetchResult } | { readonly attributes: FilterAttribute[] } | { readonly error: unknown } | 'hung';

/** A fault-free run of one operation: what it delivers, and the requests it makes. */
interface Baseline {
  readonly operation: Operation;
  /** What a user sees of it (see `seen`). */
  readonly complete: unknown;
  readonly outcome: Outcome;
  readonly targets: readonly Target[];
  readonly authenticatedRequests: number;
}

interface Row {
  readonly baseline: Baseline;
  readonly label: string;
  readonly install: (sim: RunningPsaSimulator) => void;
  readonly expected: Expected;
  /** False when the fault never struck: the row tested nothing. */
  readonly struck: (sim: RunningPsaSimulator, since: number) => boolean;
  readonly connectors: ConnectorFactory;
  /** Roughly how long the row waits, in ms: the longest rows start first, so none is left running alone at the end. */
  readonly waits: number;
}

let sims: RunningPsaSimulator[] = [];
/** Only baselines run here, so nothing a row left running can show in them. */
let baselineSim: RunningPsaSimulator;
/** The rows running now: a rejection nobody handled is reported with them (rows run side by side, so it is one of these). */
const running = new Set<string>();
const unhandled: Array<{ readonly reason: unknown; readonly during: readonly string[] }> = [];
const onUnhandled = (reason: unknown) => unhandled.push({ reason, during: [...running] });
const describeReason = (reason: unknown) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // The same tenant on every simulator: a row's result can be compared with a baseline from any of them.
  // Autotask keeps working on a request the client gave up on (a timeout), holding one of the entity's
  // three threads meanwhile; here its thread limit is a fault of its own, so such a request must not
  // also turn into a thread-limit rejection of the row's other requests.
  const started = await Promise.all(Array.from({ length: SLOTS + 1 }, () => startPsaSimulator({ seed: 8, companies: 24, contactsPerCompany: 2, autotaskThreadLimit: 10 })));
  baselineSim = started[0] as RunningPsaSimulator;
  sims = started.slice(1);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await Promise.all([baselineSim, ...sims].map((sim) => sim.close()));
});

function run(sim: RunningPsaSimulator, psa: PsaKind, operation: Operation, factory: ConnectorFactory, signal: AbortSignal): Promise<Outcome> {
  const connector = factory(simCredentials(sim, psa));
  const running: Promise<Outcome> =
    operation.kind === 'fetch'
      ? fetchFromPsa(connector, operation.filter, { signal }).then((fetched) => ({ fetched }))
      : connector.filterAttributes(signal).then((attributes) => ({ attributes }));
  return running.catch((error: unknown) => ({ error }));
}

/**
 * Runs the operation to its outcome, or 'hung' after the deadline (and then cancels it). Then
 * waits until the simulator has answered every request it got: a request the row had already
 * sent when it failed must not meet the next row's faults, and a rejection nobody handles shows
 * by then. Such a request can still be on its way in (the connection accepted on one turn of the
 * event loop, the request read on the next), so the simulator must be idle for several turns in
 * a row.
 */
async function settle(sim: RunningPsaSimulator, psa: PsaKind, operation: Operation, factory: ConnectorFactory = connectors): Promise<Outcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), DEADLINE_MS)));
  const running = run(sim, psa, operation, factory, controller.signal);
  const outcome = await Promise.race([running, deadline]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    controller.abort();
    await running;
  }
  const until = Date.now() + 2 * TIMEOUT_MS;
  for (let quiet = 0; quiet < 3 && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    quiet = sim.stats.inFlightNow(psa) === 0 ? quiet + 1 : 0;
  }
  return outcome;
}

/** What the simulator answered since `since`: a request an earlier row sent (or that timed out) can be answered late. */
function requestsSince(sim: RunningPsaSimulator, since: number): RequestRecord[] {
  return sim.stats.requests.filter((request) => request.startedAt >= since);
}

const sortedIds = (records: ReadonlyArray<{ psaId: string }>) => records.map((record) => record.psaId).sort();

/** What a user would see of the outcome: the records or attributes, or the error kind. */
function seen(outcome: Outcome): unknown {
  if (outcome === 'hung') return 'hung';
  if ('fetched' in outcome) return { companies: sortedIds(outcome.fetched.companies), contacts: sortedIds(outcome.fetched.contacts) };
  if ('attributes' in outcome) return { attributes: outcome.attributes };
  return outcome.error instanceof PsaError ? `${outcome.error.kind}: ${outcome.error.message}` : `not a PsaError: ${String(outcome.error)}`;
}

const matches = (target: Target, path: string) => new RegExp(target.pattern, 'i').test(path);

async function baselineOf(psa: PsaKind, operation: Operation): Promise<Baseline> {
  const started = Date.now();
  const outcome = await settle(baselineSim, psa, operation);
  if (outcome === 'hung' || 'error' in outcome) throw new Error(`The fault-free ${operation.label} failed: ${String(seen(outcome))}`);
  const paths = requestsSince(baselineSim, started).map((request) => new URL(request.url, baselineSim.url).pathname);
  const targets = TARGETS[psa].filter((target) => paths.some((path) => matches(target, path)));
  // Every request the operation made is one the matrix strikes.
  expect(paths.filter((path) => !targets.some((target) => matches(target, path)))).toEqual([]);
  const authenticatedRequests = paths.filter((path) => targets.some((target) => target.authenticated && matches(target, path))).length;
  return { operation, complete: seen(outcome), outcome, targets, authenticatedRequests };
}

/** One row per fault case and target (a group's cases taking turns). */
function faultRows(psa: PsaKind, baseline: Baseline, targets: readonly Target[], cases: readonly FaultCase[], factory: ConnectorFactory): Row[] {
  const attempts = HTTP.backoff.maxAttempts;
  return targets.flatMap((target, index) =>
    cases
      .filter((each) => {
        if (!each.group) return true;
        const group = cases.filter((other) => other.group === each.group);
        return group.indexOf(each) === index % group.length;
      })
      .map((each): Row => {
        const strikes = Math.min(each.times ?? attempts, attempts);
        const first = each.faults[0];
        // ConnectWise answers the thread-limit fault as a 429 with Retry-After: 1, which is honoured.
        const retryAfter = first?.kind === 'thread-limit' && psa === 'connectwise' ? 1_000 * Math.min(strikes, attempts - 1) : 0;
        const timeouts = first === NO_ANSWER ? TIMEOUT_MS * strikes : 0;
        return {
          baseline,
          label: `${each.label} on ${target.name}`,
          install: (sim) => sim.faults.add(...each.faults.map((fault) => ({ api: psa, pathPattern: target.pattern, ...(each.times === undefined ? {} : { times: each.times }), fault }))),
          expected: each.expected,
          struck: (sim) => sim.faults.appliedCounts.every((count) => count > 0),
          connectors: factory,
          waits: retryAfter + timeouts,
        };
      }),
  );
}

/** Every fault on every request the operation makes, and credentials that expire at every step. */
function rowsFor(psa: PsaKind, baseline: Baseline): Row[] {
  const rows = faultRows(psa, baseline, baseline.targets, FAULTS, connectors);
  // Credentials that stop working before the first, second, … kind of authenticated request: however the
  // requests interleave, one of each kind is needed, so one of them is refused.
  const kinds = baseline.targets.filter((target) => target.authenticated).length;
  for (let afterCalls = 0; afterCalls < kinds; afterCalls++) {
    rows.push({
      baseline,
      label: `credentials expire after ${afterCalls} calls`,
      install: (sim) => sim.faults.add({ api: psa, fault: { kind: 'expire-credentials', afterCalls } }),
      expected: 'authentication-error',
      struck: (sim, since) => requestsSince(sim, since).some((request) => request.status === 401),
      connectors,
      waits: 0,
    });
  }
  // …and credentials that expire only after the operation: it never notices.
  rows.push({
    baseline,
    label: 'credentials expire after the last call',
    install: (sim) => sim.faults.add({ api: psa, fault: { kind: 'expire-credentials', afterCalls: 2 * baseline.authenticatedRequests + 10 } }),
    expected: 'complete',
    struck: () => true,
    connectors,
    waits: 0,
  });
  return rows;
}

/** Runs the rows SLOTS at a time, longest waits first; returns what went wrong, one line per row. */
async function runRows(psa: PsaKind, rows: readonly Row[]): Promise<string[]> {
  const queue = [...rows].sort((a, b) => b.waits - a.waits);
  const problems: string[] = [];
  const before = unhandled.length;
  await Promise.all(
    sims.map(async (sim) => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        sim.faults.clear();
        sim.faults.restoreCredentials();
        sim.stats.reset();
        row.install(sim);
        const where = `${psa} ${row.baseline.operation.label} × ${row.label}`;
        running.add(where);
        const started = Date.now();
        const outcome = await settle(sim, psa, row.baseline.operation, row.connectors);
        running.delete(where);
        if (!row.struck(sim, started)) problems.push(`${where}: the fault never struck`);
        const got = seen(outcome);
        if (row.expected === 'complete') {
          if (JSON.stringify(got) !== JSON.stringify(row.baseline.complete)) problems.push(`${where}: expected the complete result, got ${typeof got === 'string' ? got : 'a different result'}`);
        } else if (typeof got !== 'string' || !got.startsWith(`${row.expected}: `)) {
          problems.push(`${where}: expected ${row.expected}, got ${typeof got === 'string' ? got : 'a result'}`);
        }
      }
    }),
  );
  for (const { reason, during } of unhandled.slice(before)) problems.push(`unhandled rejection: ${describeReason(reason)} — while one of these ran: ${during.join('; ')}`);
  return problems;
}

/** Active state × attribute filter; only "any" without attributes fetches every contact rather than those of the companies found. */
function fetchOperations(attributes: readonly FilterAttribute[]): Operation[] {
  const types = attributes.find((attribute) => attribute.key === 'companyType')?.options ?? [];
  // Most types: the attribute filter is on, and still leaves companies in every active state.
  const someTypes = types.slice(0, Math.max(1, types.length - 1)).map((option) => option.id);
  const operations: Operation[] = [];
  for (const companyActiveState of ['any', 'active', 'inactive'] as const) {
    for (const withAttribute of [false, true]) {
      const filter: PsaFilter = {
        companies: withAttribute ? { companyType: someTypes } : {},
        companyActiveState,
        contacts: withAttribute ? { activeOnly: false, withEmailOnly: false } : { activeOnly: true, withEmailOnly: true },
      };
      operations.push({ kind: 'fetch', label: `fetch (${companyActiveState}${withAttribute ? ', company type' : ''})`, filter });
    }
  }
  return operations;
}

const FETCH_ANY: Operation = { kind: 'fetch', label: 'fetch (any)', filter: { companies: {}, companyActiveState: 'any', contacts: { activeOnly: true, withEmailOnly: true } } };
/** The lists only the filter step reads. */
const FILTER_STEP_ONLY = ['types', 'locations', 'market descriptions'];

describe.each(PSA_KINDS)('%s fault matrix', (psa: PsaKind) => {
  it('reading the filter attributes, and fetching with every filter variant: every request, every fault', async () => {
    const lookups = await baselineOf(psa, { kind: 'filterAttributes', label: 'filter attributes' });
    const rows = [...rowsFor(psa, lookups), ...faultRows(psa, lookups, lookups.targets, TIMEOUTS, timeoutConnectors)];
    const attributes = lookups.outcome !== 'hung' && 'attributes' in lookups.outcome ? lookups.outcome.attributes : [];
    const struck = new Set<string>();
    for (const operation of fetchOperations(attributes)) {
      const baseline = await baselineOf(psa, operation);
      // A variant that finds no company or no contact would leave requests untested.
      const fetched = baseline.outcome !== 'hung' && 'fetched' in baseline.outcome ? baseline.outcome.fetched : null;
      expect(fetched?.companies.length, operation.label).toBeGreaterThan(0);
      expect(fetched?.contacts.length, operation.label).toBeGreaterThan(0);
      for (const target of baseline.targets) struck.add(target.name);
      rows.push(...rowsFor(psa, baseline));
      const timed = baseline.targets.filter((target) => TIMED_OUT.includes(target.name));
      if (operation.label === FETCH_ANY.label || operation.label === 'fetch (active)') rows.push(...faultRows(psa, baseline, timed, TIMEOUTS, timeoutConnectors));
    }
    // Every kind of request a fetch makes was struck, and the filter step's lists besides.
    expect([...struck].sort()).toEqual(
      TARGETS[psa]
        .map((target) => target.name)
        .filter((name) => !FILTER_STEP_ONLY.includes(name))
        .sort(),
    );
    expect(lookups.targets.map((target) => target.name)).toEqual(expect.arrayContaining(TARGETS[psa].filter((target) => FILTER_STEP_ONLY.includes(target.name)).map((target) => target.name)));
    expect(await runRows(psa, rows)).toEqual([]);
  }, 120_000);
});

describe('issue 8, defect 2: a ConnectWise lookup that fails while the first pages load', () => {
  it("fails the fetch with the lookup's error kind, and nothing is left unhandled", async () => {
    const cases: Array<[Fault, PsaErrorKind]> = [
      [{ kind: 'status', status: 401 }, 'authentication-error'],
      [{ kind: 'status', status: 403 }, 'forbidden'],
      [{ kind: 'status', status: 500 }, 'psa-server-error'],
      [{ kind: 'html' }, 'invalid-response'],
      [NO_ANSWER, 'unknown'],
    ];
    const before = unhandled.length;
    const outcomes = await Promise.all(
      cases.map(async ([fault], index) => {
        const sim = sims[index] as RunningPsaSimulator;
        sim.faults.clear();
        sim.faults.add({ api: 'connectwise', pathPattern: '/company/companies/statuses$', fault });
        // "Any" active state: the first pages do not wait for the statuses, only their mapping does.
        const outcome = await settle(sim, 'connectwise', FETCH_ANY, fault === NO_ANSWER ? timeoutConnectors : connectors);
        sim.faults.clear();
        return outcome !== 'hung' && 'error' in outcome ? outcome.error : outcome;
      }),
    );
    expect(outcomes).toMatchObject(cases.map(([, kind]) => ({ kind })));
    expect(unhandled.slice(before).map(({ reason }) => describeReason(reason))).toEqual([]);
  });
});
