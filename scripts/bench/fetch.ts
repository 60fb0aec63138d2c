/**
 * `npm run bench:fetch [-- --json]`: fetches 10,000 companies and 80,000
 * contacts from the simulator (in its own process, 20 ms per request) with
 * each PSA's real client, and compares requests, wall time and concurrency
 * with the minimum the page-size and concurrency limits allow. The wall-time
 * minimum is measured in the same run (fetch-floor.ts): a client that knows
 * every page boundary fetches the minimum pages three at a time over the same
 * transport and handles them as the connectors do. Printed beside it: the same
 * without handling the bodies, and the ideal that counts only the latency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { createConnectorFactory, PSA_CONCURRENCY } from '../../electron/main/psa/connector-factory';
import { fetchFromPsa } from '../../electron/main/psa/fetch-job';
import type { PsaFilter } from '../../shared/psa/filters';
import { PSA_KINDS, type PsaKind } from '../../shared/psa/kinds';
import { DEFAULT_SIM_CREDENTIALS } from '../../test/fakes/psa-sim/server';
import { simCredentials } from '../../test/support/psa-sim';
import { measureFloor } from './fetch-floor';
import { printReport, type BenchReport } from './report';

const COMPANIES = 10_000;
const CONTACTS_PER_COMPANY = 8;
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 20);
const PAGE_SIZE: Record<PsaKind, number> = { autotask: 500, connectwise: 1000 };
/** Everything: the benchmark measures transport, not filtering. */
const EVERYTHING: PsaFilter = { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } };

interface SimProcess {
  readonly url: string;
  readonly token: string;
  readonly child: ChildProcess;
}

async function startSimulator(): Promise<SimProcess> {
  const token = randomBytes(12).toString('hex');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fakes/psa-sim/cli.ts', '--port', '0', '--companies', String(COMPANIES), '--contacts-per-company', String(CONTACTS_PER_COMPANY), '--latency', String(LATENCY_MS), '--token', token],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /API root:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
    if (match?.[1]) return { url: match[1], token, child };
  }
  throw new Error('The simulator did not start');
}

interface SimStatsSnapshot {
  requests: Array<{ api: PsaKind; method: string; url: string; status: number }>;
  maxConcurrent: Record<PsaKind, number>;
}

async function admin<T>(sim: SimProcess, method: string, path: string): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, { method, headers: { 'x-sim-admin': sim.token } });
  return (await response.json()) as T;
}

const ROUNDS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(sim: SimProcess, psa: PsaKind): Promise<Record<string, number>> {
  const credentials = simCredentials({ url: sim.url, credentials: DEFAULT_SIM_CREDENTIALS } as Parameters<typeof simCredentials>[0], psa);
  // Warm-up: the simulator builds its wire records and both sides JIT-compile on a first run.
  const warm = await fetchFromPsa(createConnectorFactory()(credentials), EVERYTHING);
  await measureFloor(psa, sim.url, DEFAULT_SIM_CREDENTIALS, warm, true);
  const walls: number[] = [];
  const floors: number[] = [];
  const transportFloors: number[] = [];
  let result = warm;
  let requests: SimStatsSnapshot['requests'] = [];
  let maxInFlight = 0;
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  // Rounds alternate the client and the floor, so both see the same state of the machine.
  for (let round = 0; round < ROUNDS; round++) {
    transportFloors.push((await measureFloor(psa, sim.url, DEFAULT_SIM_CREDENTIALS, result, false)).wallMs);
    floors.push((await measureFloor(psa, sim.url, DEFAULT_SIM_CREDENTIALS, result, true)).wallMs);
    const connector = createConnectorFactory()(credentials);
    // rss() alone is cheap; the full memoryUsage() would cost the measured process noticeable time.
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
    const before = (await admin<SimStatsSnapshot>(sim, 'GET', '/__sim/stats')).requests.length;
    const started = performance.now();
    result = await fetchFromPsa(connector, EVERYTHING);
    walls.push(performance.now() - started);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    const stats = await admin<SimStatsSnapshot>(sim, 'GET', '/__sim/stats');
    requests = stats.requests.slice(before).filter((request) => request.api === psa);
    maxInFlight = Math.max(maxInFlight, stats.maxConcurrent[psa]);
  }
  const counts = requests.filter((request) => /count/i.test(request.url)).length;
  const lists = requests.filter((request) => /\/(companies|contacts)(\/query(\/next)?)?(\?|$)/i.test(request.url) && !/count/i.test(request.url)).length;
  const minimum = Math.ceil(result.companies.length / PAGE_SIZE[psa]) + Math.ceil(result.contacts.length / PAGE_SIZE[psa]);
  const minimumWall = Math.ceil(minimum / PSA_CONCURRENCY) * LATENCY_MS;
  const wall = median(walls);
  const floor = median(floors);
  return {
    companies: result.companies.length,
    contacts: result.contacts.length,
    pageRequests: lists,
    minimumPageRequests: minimum,
    countRequests: counts,
    otherRequests: requests.length - lists - counts,
    wallMs: Math.round(wall),
    floorWallMs: Math.round(floor),
    wallToFloor: wall / floor,
    transportFloorWallMs: Math.round(median(transportFloors)),
    wallToTransportFloor: wall / median(transportFloors),
    idealWallMs: minimumWall,
    wallToIdeal: wall / minimumWall,
    maxInFlight,
    peakRssMiB: Math.round(peak / 2 ** 20),
    rssGrowthMiB: Math.round((peak - baseline) / 2 ** 20),
  };
}

const sim = await startSimulator();
try {
  const figures: Record<string, number> = {};
  const goals: BenchReport['goals'] = {};
  for (const psa of PSA_KINDS) {
    const result = await measure(sim, psa);
    for (const [key, value] of Object.entries(result)) figures[`${psa}.${key}`] = value;
    goals[`${psa}.requests`] = { description: `page requests ${result.pageRequests} = minimum ${result.minimumPageRequests} (+ ${result.countRequests} count calls)`, pass: result.pageRequests === result.minimumPageRequests };
    goals[`${psa}.wall`] = {
      description:
        `wall ${result.wallMs} ms ≤ 1.25 × the floor measured in this run, ${result.floorWallMs} ms (ratio ${result.wallToFloor!.toFixed(2)}); ` +
        `for reference ${result.wallToTransportFloor!.toFixed(2)} × the transport floor ${result.transportFloorWallMs} ms and ${result.wallToIdeal!.toFixed(2)} × the ideal ${result.idealWallMs} ms that counts latency only`,
      pass: result.wallToFloor! <= 1.25,
    };
    goals[`${psa}.inFlight`] = { description: `at most ${PSA_CONCURRENCY} requests in flight (saw ${result.maxInFlight})`, pass: result.maxInFlight! <= PSA_CONCURRENCY };
  }
  figures['latencyMs'] = LATENCY_MS;
  printReport({ name: 'bench:fetch — 10,000 companies, 80,000 contacts, 20 ms per request', figures, goals });
} finally {
  sim.child.kill('SIGTERM');
}
