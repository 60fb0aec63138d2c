/**
 * "Retry the failed items" through the registrar, on a real workspace: an import short of licenses, the
 * seats raised in Settings, then a retry that applies only what failed, under the lock kept since the apply.
 * Also Settings refusing seats below the number in use, or below zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import type { Database } from '../../electron/main/db/schema';
import { toCount } from '../../electron/main/db/sql-builder';
import type { ImportPlan, ImportResults } from '../../shared/import/plan';
import type { ReconciliationView } from '../../shared/import/session';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { appSender, callAs, startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';
import { countRows } from '../support/workspace-rows';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 33, companies: 12, contactsPerCompany: 4 });
});
afterAll(() => sim.close());

/** Mira (Master Administrator) in window A. */
async function ready(): Promise<Core> {
  const core = await startCore(tempDir());
  await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: PASSWORD }, appSender('A'));
  await core.psa.connect(simCredentials(sim, 'autotask'));
  return core;
}

const call = callAs;

async function refusal(core: Core, channel: string, payload: unknown): Promise<{ code: string; fields?: Record<string, string> }> {
  const result = await core.registrar.invoke(channel, payload, appSender('A'));
  if (result.ok) throw new Error(`${channel} was not refused`);
  return result.error;
}

/** Downloads, then applies "grant every contact" for every company with the given seats. */
async function appliedShortOfSeats(core: Core, seats: number): Promise<{ sessionId: string; results: ImportResults }> {
  await call(core, 'A', 'settings:setLicenseSeats', { seats });
  const started = await call<{ sessionId: string; jobId: string }>(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
  // The download takes ~0.1 s; a busy machine (another test worker beside it) may take seconds.
  for (let tries = 0; tries < 2_000 && !core.fetchJobs.result(core.callerOf('A'), started.jobId); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  const view = await call<ReconciliationView>(core, 'A', 'import:reconciliation', { sessionId: started.sessionId });
  const plan: ImportPlan = { companies: view.inPsa.map((row) => ({ psaCompanyId: row.psaCompanyId, action: { kind: 'create' }, users: 'all' })) };
  const results = await call<ImportResults>(core, 'A', 'import:apply', { sessionId: started.sessionId, plan });
  return { sessionId: started.sessionId, results };
}

const count = (core: Core, table: keyof Database) => countRows(core.workspace.read, table);
const licensed = async (core: Core) => {
  const { read } = core.workspace;
  return toCount((await read.row(read.q.selectFrom('managed_users').select((eb) => eb.fn.countAll<number>().as('n')).where('has_license', '=', 1)))?.n);
};
const companiesCreated = async (core: Core) => {
  const { read } = core.workspace;
  return toCount((await read.row(read.q.selectFrom('record_history').select((eb) => eb.fn.countAll<number>().as('n')).where('event', '=', 'created').where('entity', '=', 'company')))?.n);
};
const failed = (results: ImportResults) => results.users.filter((user) => user.outcome === 'failed');

describe('retrying the failed items of an import', () => {
  it('after raising the seats, grants exactly the users that failed, leaves the rest as it was, and then frees the lock', async () => {
    const core = await ready();
    const { sessionId, results } = await appliedShortOfSeats(core, 5);
    const shortOf = failed(results);
    expect(results.users.length).toBeGreaterThan(20);
    expect(results.users.filter((user) => user.outcome === 'imported')).toHaveLength(5);
    expect(shortOf).toHaveLength(results.users.length - 5);
    expect(new Set(shortOf.map((user) => user.error))).toEqual(new Set(['not-enough-licenses']));
    expect(results.companies.every((company) => company.outcome === 'created')).toBe(true);
    // The session keeps its lock for the retry: nobody else can import meanwhile.
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toMatchObject({ holderName: 'Mira' });
    const before = { companies: await count(core, 'managed_companies'), history: await count(core, 'record_history') };

    // Raised, but not enough for all: a retry grants what it can, and the rest may be retried again.
    await call(core, 'A', 'settings:setLicenseSeats', { seats: 10 });
    const partly = await call<ImportResults>(core, 'A', 'import:retryFailed', { sessionId });
    expect(failed(partly)).toHaveLength(shortOf.length - 5);
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toMatchObject({ holderName: 'Mira' });

    await call(core, 'A', 'settings:setLicenseSeats', { seats: 1_000 });
    const retried = await call<ImportResults>(core, 'A', 'import:retryFailed', { sessionId });
    expect(failed(retried)).toEqual([]);
    // The same items in the same order; the ones that succeeded the first time are untouched.
    expect(retried.users.map((user) => user.psaContactId)).toEqual(results.users.map((user) => user.psaContactId));
    expect(retried.companies).toEqual(results.companies);
    const firstTime = results.users.filter((user) => user.outcome !== 'failed');
    expect(retried.users.filter((user) => firstTime.some((first) => first.psaContactId === user.psaContactId))).toEqual(firstTime);
    expect(retried.users.every((user) => user.outcome === 'imported' && user.userId)).toBe(true);
    // Nothing duplicated: one user and one mapping per contact, no company created again.
    expect(await count(core, 'managed_users')).toBe(results.users.length);
    expect(await licensed(core)).toBe(results.users.length);
    expect(await count(core, 'contact_mappings')).toBe(results.users.length);
    expect(await count(core, 'managed_companies')).toBe(before.companies);
    expect(await companiesCreated(core)).toBe(before.companies);
    expect(await count(core, 'record_history')).toBe(before.history + shortOf.length);
    // Nothing failed any more: the wizard is done, the lock is free, and there is nothing left to retry.
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();
    expect(await refusal(core, 'import:retryFailed', { sessionId })).toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });

  it('is refused, writing nothing, when the lock was released and taken over since the apply', async () => {
    const core = await ready();
    const { sessionId, results } = await appliedShortOfSeats(core, 3);
    expect(failed(results).length).toBeGreaterThan(0);
    await call(core, 'A', 'settings:setLicenseSeats', { seats: 1_000 });
    expect(await core.locks.forceRelease('autotask', 'another-master')).toMatchObject({ holderName: 'Mira' });
    expect(await core.locks.acquire('autotask', { adminId: 'bob', name: 'Bob', session: 'bob-window' })).toMatchObject({ ok: true });
    const users = await count(core, 'managed_users');
    expect(await refusal(core, 'import:retryFailed', { sessionId })).toMatchObject({ code: 'INTEGRATION_LOCKED' });
    expect(await count(core, 'managed_users')).toBe(users);
    // Bob keeps his lock; the session is over.
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toMatchObject({ holderName: 'Bob' });
    expect(await refusal(core, 'import:retryFailed', { sessionId })).toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });

  it('an import with nothing failed frees the lock at once; a second apply of a kept session is refused', async () => {
    const core = await ready();
    const { sessionId } = await appliedShortOfSeats(core, 1);
    expect(await refusal(core, 'import:apply', { sessionId, plan: { companies: [] } })).toMatchObject({ code: 'NOT_FOUND' });
    // Done on the results page: the kept session ends and frees the lock.
    await call(core, 'A', 'import:cancel', { sessionId });
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();
    const clean = await appliedShortOfSeats(core, 1_000);
    expect(failed(clean.results)).toEqual([]);
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();
    await core.close();
  });
});

describe('license seats in Settings', () => {
  it('refuses fewer seats than are in use, and negative numbers, each with its own code; the number in use itself is fine', async () => {
    const core = await ready();
    await appliedShortOfSeats(core, 4);
    expect(await call(core, 'A', 'settings:licenses')).toEqual({ seats: 4, inUse: 4 });
    expect(await refusal(core, 'settings:setLicenseSeats', { seats: 3 })).toMatchObject({ code: 'SEATS_BELOW_IN_USE', fields: { inUse: '4' } });
    expect(await refusal(core, 'settings:setLicenseSeats', { seats: -1 })).toMatchObject({ code: 'SEATS_NEGATIVE' });
    expect(await refusal(core, 'settings:setLicenseSeats', { seats: 0 })).toMatchObject({ code: 'SEATS_BELOW_IN_USE' });
    expect(await call(core, 'A', 'settings:licenses')).toEqual({ seats: 4, inUse: 4 });
    expect(await call(core, 'A', 'settings:setLicenseSeats', { seats: 4 })).toEqual({ seats: 4, inUse: 4 });
    expect(await call(core, 'A', 'settings:setLicenseSeats', { seats: 9 })).toEqual({ seats: 9, inUse: 4 });
    await core.close();
  });
});
