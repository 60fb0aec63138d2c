/**
 * One workstation of a team, as its own OS process: a full set of services (createServices) on a team
 * workspace (openWorkspace, kind 'team') on PostgreSQL, playing one role per run, for the multi-process
 * tests and bench:locks:
 *   `tsx test/support/team-workstation.ts <connection JSON> <role> [args…]`
 * The connection JSON is `{ host, port, user, password, database, idleInTransactionMs? }`.
 * Every role prints `ready` once its services are open, then waits for a line `go` on stdin (so all
 * workstations start together), and prints its answer as one JSON line. Roles:
 * - `contend <rounds> <leaseMs> <holdMs> [retryMs]`: acquire (retrying every retryMs, default 2), hold, release,
 *   `rounds` times; prints each hold `{ token, start, end, waitMs }` with start and end read from the database
 *   clock while the lock was held, and waitMs how long acquiring took (refusals and retries included).
 * - `grant <prefix> <companies> <usersPerCompany>`: imports new companies (one per transaction) whose users
 *   each take a seat; prints how many users were imported and how many failed, by error.
 * - `apply <companies> <perCompany> <batchSize>`: force-releases a leftover lock, acquires, prints `started`,
 *   applies a synthetic import and prints `finished` (the SIGKILL test kills it somewhere in between).
 * - `stall <leaseMs> <companies> <batchSize> <stallMs>`: acquires with a heartbeat, applies; after its first
 *   batch it prints `stalled` and freezes (no heartbeat, nothing runs) for stallMs, then carries on.
 * - `freeze-in-transaction <leaseMs> <freezeMs>`: acquires, then inside a fenced transaction writes a company,
 *   prints `frozen` and freezes for freezeMs before committing; prints what the commit answered.
 * - `hold <leaseMs> <holdMs>`: on `go`, acquires (retrying), prints `{ held: token }`, keeps the lock by heartbeat for
 *   holdMs, releases and prints `{ released: true }`.
 * - `acquire-once <leaseMs>`: on `go`, tries to acquire once and prints the AcquireResult.
 * - `takeover <leaseMs> <companies>`: on `go`, tries to acquire every 25 ms until it holds the lock, prints
 *   `{ token, waitedMs }`, imports its own companies and releases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DomainError } from '../../electron/main/base/domain-error';
import { openWorkspace } from '../../electron/main/db/open-workspace';
import * as directory from '../../electron/main/db/repositories/directory';
import { writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import type { SqlWriter } from '../../electron/main/db/workspace';
import { applyImport, LICENSE_SEATS_KEY, type ApplyContext } from '../../electron/main/import/apply-import';
import { IntegrationLocks, type HeldLock, type LockHolder } from '../../electron/main/locks/integration-locks';
import { createFileLogger, Redactor } from '../../electron/main/logging/logger';
import { createMemoryStore } from '../../electron/main/preferences/memory-store';
import { createServices } from '../../electron/main/services/create-services';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import type { ImportPlan } from '../../shared/import/plan';
import type { PsaFetchResult } from '../../shared/psa/records';
import { syntheticImport } from './import-fixtures';

export interface WorkstationConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** The server ends a transaction left idle this long (a frozen workstation); the workspace's default when absent. */
  readonly idleInTransactionMs?: number;
  /** This workstation's clock runs this far ahead (negative: behind) of the others'. */
  readonly clockSkewMs?: number;
}

const [connectionJson, role, ...args] = process.argv.slice(2);
const target = JSON.parse(connectionJson!) as WorkstationConnection;
if (target.clockSkewMs) {
  // The whole process's clock is off, as a workstation's that NTP never reached.
  const skew = target.clockSkewMs;
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + skew;
}
const scratch = mkdtempSync(join(tmpdir(), 'msp-roster-workstation-'));
const redactor = new Redactor();
const log = createFileLogger({ dataDir: scratch, redactor, echo: false });
const { workspace } = await openWorkspace(
  {
    kind: 'team',
    connection: { host: target.host, port: target.port, database: target.database, user: target.user, tls: 'disable', caFile: null },
    password: target.password,
    applicationName: `MSP Roster (workstation ${process.pid})`,
  },
  { ...(target.idleInTransactionMs !== undefined ? { idleInTransactionMs: target.idleInTransactionMs } : {}) },
);
const leaseArg = role === 'contend' ? args[1] : ['stall', 'takeover', 'freeze-in-transaction', 'hold', 'acquire-once'].includes(role!) ? args[0] : undefined;
const services = createServices({
  workspace,
  cipher: new EphemeralCipher(),
  settings: createMemoryStore(),
  log,
  redactor,
  dataDir: scratch,
  clock: { now: () => new Date(Date.now()) },
  ...(leaseArg ? { lockLeaseMs: Number(leaseArg) } : {}),
});
const holder: LockHolder = { adminId: `admin-${process.pid}`, name: `Administrator ${process.pid}`, session: `workstation-${process.pid}` };

const lines = createInterface({ input: process.stdin });
const waitForGo = () => new Promise<void>((resolve) => lines.on('line', (line) => line === 'go' && resolve()));
const say = (value: unknown) => new Promise<void>((resolve) => process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`, () => resolve()));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dbNow = async () => (await workspace.read.get<{ ms: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms'))!.ms;

/** Takes the lock, trying again every `everyMs` while another workstation holds it. */
async function acquireSoon(locks: IntegrationLocks, everyMs: number): Promise<{ lock: HeldLock; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const result = await locks.acquire('autotask', holder);
    if (result.ok) return { lock: result.lock, waitedMs: performance.now() - started };
    await sleep(everyMs);
  }
}

/** Companies and contacts with ids of their own (`prefix`), so workstations never import the same PSA records. */
function ownImport(prefix: string, companies: number, perCompany: number): { fetched: PsaFetchResult; plan: ImportPlan } {
  const fetched: PsaFetchResult = {
    companies: Array.from({ length: companies }, (_, c) => ({ psaId: `${prefix}-${c}`, name: `${prefix} Company ${c}`, typeLabel: 'Customer', active: true, lastModifiedAt: null })),
    contacts: Array.from({ length: companies * perCompany }, (_, i) => ({
      psaId: `${prefix}-${Math.floor(i / perCompany)}-${i % perCompany}`,
      companyPsaId: `${prefix}-${Math.floor(i / perCompany)}`,
      firstName: 'User',
      lastName: String(i),
      email: `user${i}@${prefix}.example`,
      active: true,
    })),
  };
  const plan: ImportPlan = {
    companies: fetched.companies.map((company, c) => ({
      psaCompanyId: company.psaId,
      action: { kind: 'create' as const },
      users: Array.from({ length: perCompany }, (_, u) => ({ psaContactId: `${prefix}-${c}-${u}`, action: { kind: 'create' as const } })),
    })),
  };
  return { fetched, plan };
}

/**
 * The license race without the integration lock in the way: in the app two imports of one PSA never run
 * side by side (the integration lock queues them), so here every workstation applies as though it held an
 * integration of its own, and only the license pool stands between their grants.
 */
class OwnIntegrationLocks extends IntegrationLocks {
  override async assertHeld(_tx: SqlWriter): Promise<void> {}
}

function context(lock: HeldLock, extra: Partial<ApplyContext> = {}): ApplyContext {
  return { workspace, locks: services.locks, lock, session: holder.session, actorId: holder.adminId, psa: 'autotask', ...extra };
}

try {
  if (role === 'contend') {
    const [rounds, , holdMs, retryMs] = args.map(Number);
    await say('ready');
    await waitForGo();
    const holds: Array<{ token: number; start: number; end: number; waitMs: number }> = [];
    for (let round = 0; round < rounds!; round++) {
      const { lock, waitedMs } = await acquireSoon(services.locks, retryMs ?? 2);
      const start = await dbNow();
      await sleep(holdMs!);
      const end = await dbNow();
      await services.locks.release(lock, holder.session);
      holds.push({ token: lock.token, start, end, waitMs: waitedMs });
    }
    await say({ holds });
  } else if (role === 'grant') {
    const [prefix, companies, perCompany] = [args[0]!, Number(args[1]), Number(args[2])];
    const { fetched, plan } = ownImport(prefix, companies, perCompany);
    const locks = new OwnIntegrationLocks(workspace);
    await say('ready');
    await waitForGo();
    const lock: HeldLock = { integration: 'autotask', token: 0, expiresAtMs: Number.MAX_SAFE_INTEGER };
    const results = await applyImport(plan, fetched, { ...context(lock), locks, batchSize: 1 });
    const byOutcome: Record<string, number> = {};
    for (const user of results.users) byOutcome[user.error ?? user.outcome] = (byOutcome[user.error ?? user.outcome] ?? 0) + 1;
    await say(byOutcome);
  } else if (role === 'apply') {
    const [companies, perCompany, batchSize] = args.map(Number);
    await workspace.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, 1_000_000));
    await services.locks.forceRelease('autotask', holder.adminId); // a killed run leaves its lock behind
    const { lock } = await acquireSoon(services.locks, 50);
    const { fetched, plan } = syntheticImport(companies!, perCompany!);
    await say('ready');
    await say('started');
    await applyImport(plan, fetched, context(lock, { batchSize: batchSize! }));
    await say('finished');
  } else if (role === 'stall') {
    const [leaseMs, companies, batchSize, stallMs] = args.map(Number);
    const { fetched, plan } = ownImport('stalled', companies!, 2);
    await say('ready');
    await waitForGo();
    let { lock } = await acquireSoon(services.locks, 25);
    const heartbeat = setInterval(() => {
      void services.locks.renew(lock, holder.session).then((renewed) => void (lock = renewed ?? lock));
    }, leaseMs! / 4);
    await say({ held: lock.token });
    let stalled = false;
    const onProgress = () => {
      if (stalled) return;
      stalled = true;
      process.stdout.write('stalled\n');
      // Frozen, like a laptop lid closed mid-import: no heartbeat, no timer, nothing runs.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stallMs!);
    };
    try {
      await applyImport(plan, fetched, context(lock, { batchSize: batchSize!, onProgress }));
      await say({ finished: true });
    } catch (error) {
      await say({ refused: error instanceof DomainError ? error.code : String(error), message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearInterval(heartbeat);
    }
  } else if (role === 'freeze-in-transaction') {
    const freezeMs = Number(args[1]);
    await say('ready');
    await waitForGo();
    const { lock } = await acquireSoon(services.locks, 25);
    try {
      await workspace.transaction(async (tx) => {
        await services.locks.assertHeld(tx, lock, holder.session);
        await directory.insertManagedCompany(tx, { id: `frozen-${process.pid}`, name: 'Written while frozen', origin: 'manual', createdBy: holder.adminId }, new Date().toISOString());
        process.stdout.write('frozen\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, freezeMs);
      });
      await say({ committed: true });
    } catch (error) {
      await say({ refused: error instanceof DomainError ? error.code : String(error), message: error instanceof Error ? error.message : String(error) });
    }
  } else if (role === 'hold') {
    const [leaseMs, holdMs] = args.map(Number);
    await say('ready');
    await waitForGo();
    let { lock } = await acquireSoon(services.locks, 25);
    await say({ held: lock.token });
    const until = Date.now() + holdMs!;
    while (Date.now() < until) {
      await sleep(leaseMs! / 4);
      lock = (await services.locks.renew(lock, holder.session)) ?? lock;
    }
    await services.locks.release(lock, holder.session);
    await say({ released: true });
  } else if (role === 'acquire-once') {
    await say('ready');
    await waitForGo();
    await say(await services.locks.acquire('autotask', holder));
  } else if (role === 'takeover') {
    const companies = Number(args[1]);
    const { fetched, plan } = ownImport('takeover', companies, 2);
    await say('ready');
    await waitForGo();
    const { lock, waitedMs } = await acquireSoon(services.locks, 25);
    await say({ token: lock.token, waitedMs, at: await dbNow() });
    await applyImport(plan, fetched, context(lock));
    await services.locks.release(lock, holder.session);
    await say({ finished: true });
  } else {
    throw new Error(`Unknown role ${role}`);
  }
} finally {
  lines.close();
  await services.close();
  await workspace.close();
  rmSync(scratch, { recursive: true, force: true });
}
