/**
 * `npm run bench:locks [-- --json]`: 20 workstation processes (each a full set of services, see
 * test/support/team-workstation.ts) contend for one integration's lock on a team workspace on a throwaway
 * PostgreSQL cluster: each takes the lock, holds it briefly and releases it, over and over. Prints
 * acquisitions per second, the time to acquire (p50, p99; refusals and retries included) and double holders:
 * hold intervals, read from the database clock while held, that overlap. Exits non-zero unless that is 0.
 */
import { rmSync } from 'node:fs';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import { startPgCluster } from '../../test/support/postgres/cluster';
import { bundleWorkstation, startWorkstation } from '../../test/support/workstation-bundle';
import { printReport } from './report';

const STATIONS = 20;
const ROUNDS = 10;
const LEASE_MS = 2_000;
const HOLD_MS = 5;
const RETRY_MS = 25;

interface Hold {
  readonly token: number;
  readonly start: number;
  readonly end: number;
  readonly waitMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const [cluster, script] = await Promise.all([startPgCluster(), bundleWorkstation()]);
let doubleHolders = -1;
try {
  const database = await cluster.createDatabase('locks');
  const connection = { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database };
  await (await PostgresWorkspace.open({ connection })).workspace.close();
  const stations = await Promise.all(Array.from({ length: STATIONS }, () => startWorkstation(script, connection, 'contend', ROUNDS, LEASE_MS, HOLD_MS, RETRY_MS)));
  const started = performance.now();
  for (const station of stations) station.go();
  const holds = (await Promise.all(stations.map((station) => station.json<{ holds: Hold[] }>()))).flatMap((answer) => answer.holds);
  const elapsed = performance.now() - started;
  await Promise.all(stations.map((station) => station.exited));

  holds.sort((a, b) => a.start - b.start);
  let latestEnd = -Infinity;
  doubleHolders = 0;
  for (const hold of holds) {
    if (hold.start < latestEnd) doubleHolders++;
    latestEnd = Math.max(latestEnd, hold.end);
  }
  const tokens = new Set(holds.map((hold) => hold.token));
  const waits = holds.map((hold) => hold.waitMs).sort((a, b) => a - b);
  printReport({
    name: `bench:locks — ${STATIONS} workstation processes contending for one integration on PostgreSQL`,
    figures: {
      acquisitions: holds.length,
      acquisitionsPerSecond: Math.round((holds.length / elapsed) * 1000),
      p50AcquireMs: Math.round(percentile(waits, 50)),
      p99AcquireMs: Math.round(percentile(waits, 99)),
      maxAcquireMs: Math.round(waits.at(-1)!),
      doubleHolders,
      duplicateTokens: holds.length - tokens.size,
      holdMs: HOLD_MS,
      retryMs: RETRY_MS,
    },
    goals: {
      exclusive: { description: `double holders ${doubleHolders} (must be 0), every acquisition its own fencing token`, pass: doubleHolders === 0 && tokens.size === holds.length },
      complete: { description: `${holds.length} of ${STATIONS * ROUNDS} acquisitions made`, pass: holds.length === STATIONS * ROUNDS },
    },
  });
} finally {
  cluster.destroy();
  rmSync(script, { force: true });
}
if (doubleHolders !== 0) process.exitCode = 1;
