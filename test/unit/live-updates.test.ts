/**
 * Live updates across workstations: two cores (two sets of services, as two workstations) on one workspace. What
 * one commits — a company, an import, a lock taken or released — reaches the other's windows as an event within
 * 2 seconds, without anyone asking. On a team workspace (PostgreSQL LISTEN/NOTIFY), also after a server restart;
 * on a local file shared by two processes, by the local workspace's poll (twice a second).
 * Not in `unit-postgres`: it runs its own PostgreSQL cluster, because it restarts it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { openWorkspace, type WorkspaceTarget } from '../../electron/main/db/open-workspace';
import type { WorkspaceChange } from '../../electron/main/db/workspace';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import { WORKSPACE_FILE } from '../../electron/main/db/workspace-files';
import { applyImport } from '../../electron/main/import/apply-import';
import { syntheticImport } from '../support/import-fixtures';
import { startCore } from '../support/core';
import { usePgCluster } from '../support/postgres/use-cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
/** The promise: open screens show another workstation's change within 2 seconds. */
const LIVE_MS = 2_000;

const cluster = usePgCluster();

const targets: Record<'sqlite' | 'postgres', () => Promise<WorkspaceTarget>> = {
  sqlite: async () => ({ kind: 'local', file: join(tempDir(), WORKSPACE_FILE) }),
  postgres: async () => ({
    kind: 'team',
    connection: { host: cluster().host, port: cluster().port, database: await cluster().createDatabase('live'), user: cluster().user, tls: 'disable', caFile: null },
    password: cluster().password,
    applicationName: 'MSP Roster (live test)',
  }),
};

interface Heard {
  readonly channel: string;
  readonly payload: unknown;
  readonly at: number;
}

/** A workstation: its own data folder and services, on the shared workspace; what its windows are told. */
async function workstation(target: WorkspaceTarget): Promise<{ core: Core; heard: Heard[]; next: (channel: string, payload?: unknown) => Promise<number> }> {
  const core = await startCore(tempDir(), undefined, target);
  if (core.workspace instanceof PostgresWorkspace) await core.workspace.whenListening();
  const heard: Heard[] = [];
  const waiting = new Set<() => void>();
  core.events.subscribe((_session, channel, payload) => {
    heard.push({ channel, payload, at: performance.now() });
    for (const wake of waiting) wake();
  });
  /** Resolves with the time of the first `channel` event (with `payload`) heard from now on. */
  const next = (channel: string, payload?: unknown) => {
    const from = heard.length;
    return new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`${channel} not heard within 10 s`));
      }, 10_000);
      function check() {
        const found = heard.slice(from).find((event) => event.channel === `event:${channel}` && (payload === undefined || JSON.stringify(event.payload) === JSON.stringify(payload)));
        if (!found) return;
        clearTimeout(timeout);
        waiting.delete(check);
        resolve(found.at);
      }
      waiting.add(check);
    });
  };
  return { core, heard, next };
}

async function twoWorkstations(dialect: 'sqlite' | 'postgres') {
  const target = await targets[dialect]();
  const a = await workstation(target);
  const ann = await a.core.auth.createFirstAdmin({ sessionKey: 'setup' }, { name: 'Ann', email: 'ann@example.com', password: PASSWORD });
  const b = await workstation(target);
  return { a, b, adminId: ann.adminId };
}

/** How long after `write` resolved (committed) `heard` came; `heard` is set up before the write. */
async function latency(heard: Promise<number>, write: () => Promise<unknown>): Promise<number> {
  await write();
  const committed = performance.now();
  return Math.max(0, (await heard) - committed);
}

describe.each(['postgres', 'sqlite'] as const)('live updates on a %s workspace', (dialect) => {
  it("another workstation's new company, import and lock reach this one's windows within 2 seconds", async () => {
    const { a, b, adminId } = await twoWorkstations(dialect);
    const times: Record<string, number> = {};

    times.company = await latency(b.next('directoryChanged'), () => a.core.directory.create('Jansen Installatietechniek', adminId));
    expect((await b.core.directory.list()).map((company) => company.name)).toEqual(['Jansen Installatietechniek']);

    const holder = { adminId, name: 'Ann', session: 'ann-window-1' };
    let lock: Awaited<ReturnType<typeof a.core.locks.acquire>> | undefined;
    times.lockTaken = await latency(b.next('lockChanged', { psa: 'autotask' }), async () => (lock = await a.core.locks.acquire('autotask', holder)));
    expect(await b.core.locks.holder('autotask')).toMatchObject({ holderName: 'Ann' });

    const { fetched, plan } = syntheticImport(12, 2);
    if (!lock?.ok) throw new Error('lock');
    const held = lock.lock;
    times.import = await latency(b.next('directoryChanged'), () => applyImport(plan, fetched, { workspace: a.core.workspace, locks: a.core.locks, lock: held, session: holder.session, actorId: adminId, psa: 'autotask', batchSize: 5 }));
    times.lockReleased = await latency(b.next('lockChanged', { psa: 'autotask' }), () => a.core.locks.release(held, holder.session));
    expect(await b.core.locks.holder('autotask')).toBeNull();
    // The import's three batches came as a burst: B's windows were told once or twice, not once per batch and change.
    expect(b.heard.filter((event) => event.channel === 'event:directoryChanged').length).toBeLessThanOrEqual(dialect === 'postgres' ? 3 : 4);
    expect((await b.core.directory.list()).length).toBe(13);

    console.info(`live updates (${dialect}), ms from commit to event: ${JSON.stringify(Object.fromEntries(Object.entries(times).map(([key, ms]) => [key, Math.round(ms)])))}`);
    for (const ms of Object.values(times)) expect(ms).toBeLessThan(LIVE_MS);
    await a.core.close();
    await b.core.close();
  }, 60_000);
});

describe.each(['postgres', 'sqlite'] as const)('changes told by a %s workspace', (dialect) => {
  it('a rolled-back transaction tells nobody; a committed one tells the other workstation once, as not its own', async () => {
    const target = await targets[dialect]();
    const a = (await openWorkspace(target)).workspace;
    const b = (await openWorkspace(target)).workspace;
    const heardByA: WorkspaceChange[] = [];
    const heardByB: WorkspaceChange[] = [];
    a.onChange((change) => heardByA.push(change));
    b.onChange((change) => heardByB.push(change));
    if (b instanceof PostgresWorkspace) await b.whenListening();
    if (a instanceof PostgresWorkspace) await a.whenListening();
    await expect(
      a.transaction(async (tx) => {
        await tx.notifyChange('directory');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect([heardByA, heardByB]).toEqual([[], []]);

    await a.transaction(async (tx) => {
      await tx.notifyChange('locks', 'autotask');
      await tx.notifyChange('locks', 'autotask');
      await tx.execute(tx.q.insertInto('workspace_settings').values({ key: 'touched', value: '1' }));
    });
    for (let waited = 0; heardByB.length === 0 && waited < 2_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A local file cannot say what another process changed: every topic, subject unknown.
    expect(heardByB).toEqual(dialect === 'postgres' ? [{ topic: 'locks', subject: 'autotask', own: false }] : [
      { topic: 'directory', subject: null, own: false },
      { topic: 'locks', subject: null, own: false },
      { topic: 'org', subject: null, own: false },
      { topic: 'directory-sync', subject: null, own: false },
    ]);
    expect(heardByA).toEqual([{ topic: 'locks', subject: 'autotask', own: true }]);
    await a.close();
    await b.close();
  }, 30_000);
});

describe('live updates on a team workspace whose server restarts', () => {
  it('the listener comes back by itself and delivers again; nothing is thrown meanwhile', async () => {
    const { a, b, adminId } = await twoWorkstations('postgres');
    const missed = b.next('directoryChanged');
    cluster().stop();
    cluster().start();
    // Back: B tells its windows that anything may have changed while it could not hear.
    await missed;
    const ms = await latency(b.next('directoryChanged'), () => a.core.directory.create('After the restart B.V.', adminId));
    expect(ms).toBeLessThan(LIVE_MS);
    const lockMs = await latency(b.next('lockChanged', { psa: 'connectwise' }), () => a.core.locks.acquire('connectwise', { adminId, name: 'Ann', session: 'ann-window-1' }));
    expect(lockMs).toBeLessThan(LIVE_MS);
    expect((await b.core.directory.list()).map((company) => company.name)).toEqual(['After the restart B.V.']);
    await a.core.close();
    await b.core.close();
  }, 90_000);
});
