/** The wizard's backend through the registrar: lock, download, reconcile, contacts, apply, idempotent re-run, cancel. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFilePath } from '../../electron/main/logging/logger';
import type { Core } from '../../electron/main/core/create-core';
import type { ImportPlan } from '../../shared/import/plan';
import type { ImportContactRow, ReconciliationView } from '../../shared/import/session';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { appSender, callAs, startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 21, companies: 120, contactsPerCompany: 3 });
});
afterAll(() => sim.close());

async function ready(dataDir = tempDir()): Promise<Core> {
  const core = await startCore(dataDir);
  await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: PASSWORD }, appSender('A'));
  await core.auth.createAdministrator({ name: 'Bob', email: 'bob@example.com', password: PASSWORD, role: 'admin', mustChangePassword: false });
  await core.registrar.invoke('auth:signIn', { email: 'bob@example.com', password: PASSWORD }, appSender('B'));
  await core.psa.connect(simCredentials(sim, 'autotask'));
  return core;
}

const call = callAs;

async function downloaded(core: Core, window: string): Promise<string> {
  const started = await call<{ outcome: string; sessionId: string; jobId: string }>(core, window, 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
  expect(started.outcome).toBe('started');
  // Up to 20 s: a busy CI machine with PostgreSQL beside it can take seconds for the simulator's download.
  for (let tries = 0; tries < 2000 && !core.fetchJobs.result(core.callerOf(window), started.jobId); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  return started.sessionId;
}

function planFor(view: ReconciliationView, contacts: Map<string, ImportContactRow[]>): ImportPlan {
  return {
    companies: view.inPsa.map((row) => ({
      psaCompanyId: row.psaCompanyId,
      action: row.status === 'possible-duplicate' && row.managedCompany ? { kind: 'map' as const, managedCompanyId: row.managedCompany.id } : { kind: 'create' as const },
      users: (contacts.get(row.psaCompanyId) ?? []).map((contact) => ({ psaContactId: contact.psaContactId, action: { kind: 'create' as const } })),
    })),
  };
}

describe('import sessions', () => {
  it('lock out a second administrator, naming who holds it; then apply, release, and re-run as all mapped', async () => {
    const core = await ready();
    await call(core, 'A', 'directory:createCompany', { name: 'Acme Limited' });
    await call(core, 'A', 'directory:createCompany', { name: 'Cafe Resume' });
    const sessionId = await downloaded(core, 'A');
    expect(await call(core, 'B', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'locked', heldBy: { holderName: 'Mira' } });

    const view = await call<ReconciliationView>(core, 'A', 'import:reconciliation', { sessionId });
    expect(view.inPsa.length).toBeGreaterThan(50);
    // "Acme Ltd" and "Acme Limited" would both take the one managed "Acme Limited": neither does until someone chooses.
    expect(view.inPsa.filter((row) => row.name.startsWith('Acme')).map((row) => row.status)).toEqual(['ambiguous-duplicate', 'ambiguous-duplicate']);
    expect(view.inPsa.find((row) => row.name === 'Café Résumé')).toMatchObject({ status: 'possible-duplicate', managedCompany: { name: 'Cafe Resume' } });
    expect(view.inPsa[0]?.status).toBe('unmapped');
    const contacts = new Map<string, ImportContactRow[]>();
    for (const row of view.inPsa.slice(0, 10)) {
      contacts.set(row.psaCompanyId, await call<ImportContactRow[]>(core, 'A', 'import:contacts', { sessionId, psaCompanyId: row.psaCompanyId, managedCompanyId: row.managedCompany?.id ?? null }));
    }
    const results = await call<{ companies: Array<{ outcome: string }>; users: Array<{ outcome: string }> }>(core, 'A', 'import:apply', { sessionId, plan: planFor(view, contacts) });
    const duplicates = view.inPsa.filter((row) => row.status === 'possible-duplicate');
    expect(results.companies.filter((c) => c.outcome === 'created').length).toBe(view.inPsa.length - duplicates.length);
    expect(duplicates.map((row) => row.name)).toEqual(['Café Résumé']);
    expect(results.companies.filter((c) => c.outcome === 'mapped').length).toBe(1);
    expect(results.companies.filter((c) => c.outcome === 'failed').length).toBe(0);
    expect(results.users.every((u) => u.outcome === 'imported')).toBe(true);
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();

    // A second run: everything mapped, contacts imported before preselected.
    const again = await downloaded(core, 'B');
    const second = await call<ReconciliationView>(core, 'B', 'import:reconciliation', { sessionId: again });
    expect(second.inPsa.filter((row) => row.status !== 'mapped')).toEqual([]);
    const first = view.inPsa[0]!;
    const mappedContacts = await call<ImportContactRow[]>(core, 'B', 'import:contacts', { sessionId: again, psaCompanyId: first.psaCompanyId, managedCompanyId: second.inPsa.find((r) => r.psaCompanyId === first.psaCompanyId)!.managedCompany!.id });
    expect(mappedContacts.every((contact) => contact.importedBefore && contact.match === 'mapped')).toBe(true);
    await call(core, 'B', 'import:cancel', { sessionId: again });
    await core.close();
  });

  it('cancel writes nothing and frees the lock; signing out frees it too; a master admin can force-release', async () => {
    const core = await ready();
    const sessionId = await downloaded(core, 'A');
    await call(core, 'A', 'import:cancel', { sessionId });
    expect(await call(core, 'A', 'directory:listCompanies')).toEqual([]);
    expect(await call(core, 'B', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'started' });
    await call(core, 'B', 'auth:signOut');
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();

    await core.locks.acquire('autotask', { adminId: 'x', name: 'Left Behind', session: 'crashed-window' });
    expect(await call(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'locked', heldBy: { holderName: 'Left Behind' } });
    expect(await call(core, 'A', 'locks:forceRelease', { psa: 'autotask' })).toMatchObject({ holderName: 'Left Behind' });
    expect(await call(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'started' });
    await core.close();
  });

  it('one session per window and PSA: a second start replaces the first, whose cancel then cannot free the new lock', async () => {
    const core = await ready();
    const first = await call<{ sessionId: string; jobId: string }>(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
    const second = await call<{ outcome: string; sessionId: string; jobId: string }>(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
    expect(second).toMatchObject({ outcome: 'started' });
    expect(second.sessionId).not.toBe(first.sessionId);
    // The first session is over: its views are gone, and its download was dropped.
    const stale = await core.registrar.invoke('import:reconciliation', { sessionId: first.sessionId }, appSender('A'));
    expect(stale).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(core.fetchJobs.result(core.callerOf('A'), first.jobId)).toBeUndefined();
    // A late cancel of the first (a stale page) leaves the second's lock alone: Bob is still kept out.
    await call(core, 'A', 'import:cancel', { sessionId: first.sessionId });
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toMatchObject({ holderName: 'Mira' });
    expect(await call(core, 'B', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'locked', heldBy: { holderName: 'Mira' } });
    // The second works to the end, and its cancel frees the lock.
    for (let tries = 0; tries < 2000 && !core.fetchJobs.result(core.callerOf('A'), second.jobId); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await call<ReconciliationView>(core, 'A', 'import:reconciliation', { sessionId: second.sessionId })).inPsa.length).toBeGreaterThan(50);
    await call(core, 'A', 'import:cancel', { sessionId: second.sessionId });
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();
    await core.close();
  });

  it('two concurrent starts in one window leave one live session, and cancelling the replaced one keeps the lock', async () => {
    const core = await ready();
    const starts = await Promise.all([0, 1, 2].map(() => call<{ outcome: string; sessionId: string; jobId: string }>(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })));
    expect(starts.map((start) => start.outcome)).toEqual(['started', 'started', 'started']);
    // Replaced sessions' downloads are dropped; only the live one ever finishes.
    const finished = () => starts.filter((start) => core.fetchJobs.result(core.callerOf('A'), start.jobId) !== undefined);
    for (let tries = 0; tries < 2000 && finished().length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    const live = finished().map((start) => start.sessionId);
    expect(live).toHaveLength(1);
    for (const { sessionId } of starts.filter((start) => start.sessionId !== live[0])) await call(core, 'A', 'import:cancel', { sessionId });
    expect(await call(core, 'B', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'locked' });
    await call(core, 'A', 'import:cancel', { sessionId: live[0] });
    expect(await call(core, 'B', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'started' });
    await core.close();
  });

  it('a start while this window applies an import is refused with its own error, and the apply completes under its lock', async () => {
    const core = await ready();
    const sessionId = await downloaded(core, 'A');
    const view = await call<ReconciliationView>(core, 'A', 'import:reconciliation', { sessionId });
    const caller = core.callerOf('A');
    const actor = core.sessions.get(caller.sessionKey);
    if (!actor) throw new Error('window A is not signed in');
    // The session is marked as applying before the apply's first wait, so the start behind it meets it under way
    // (through the registrar, the two calls' own access checks would race each other instead).
    const applying = core.imports.apply(caller, sessionId, planFor(view, new Map()), () => undefined);
    await expect(core.imports.start(caller, actor, 'autotask', DEFAULT_PSA_FILTER)).rejects.toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    const results = await applying;
    expect(results.companies.filter((company) => company.outcome === 'failed')).toEqual([]);
    expect(await call(core, 'A', 'locks:holder', { psa: 'autotask' })).toBeNull();
    expect(await call(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'started' });
    await core.close();
  });

  it('a window that closes while its start is under way leaves no session and no lock behind', async () => {
    const core = await ready();
    const starting = core.registrar.invoke('import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER }, appSender('A'));
    // The window goes before its start has taken the lock.
    core.forgetWindow('A');
    // Refused, or started and then ended with the window: either way nothing is left behind.
    const outcome = await starting;
    expect(outcome.ok ? outcome.value : outcome.error).toMatchObject(outcome.ok ? { outcome: 'started' } : { code: 'NOT_SIGNED_IN' });
    for (let waited = 0; (await call(core, 'B', 'locks:holder', { psa: 'autotask' })) !== null && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await call(core, 'B', 'locks:holder', { psa: 'autotask' })).toBeNull();
    expect(await call(core, 'B', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'started' });
    await core.close();
  });

  it('keeps the download and the decisions in the workspace: after a restart the import resumes from them, under the lock, and is gone from the list once applied', async () => {
    const dataDir = tempDir();
    const core = await ready(dataDir);
    const sessionId = await downloaded(core, 'A');
    const view = await call<ReconciliationView>(core, 'A', 'import:reconciliation', { sessionId });
    const first = view.inPsa[0]!;
    const draft = { selected: { [first.psaCompanyId]: true as const }, companies: { [first.psaCompanyId]: { kind: 'create' as const } }, users: { [first.psaCompanyId]: 'all' as const }, notes: { [first.psaCompanyId]: 'Check with Henk first' } };
    // Kept in the background once the download completes: the wizard's first saves may find it not kept yet.
    let kept = false;
    for (let tries = 0; tries < 500 && !kept; tries++) {
      kept = (await call<{ kept: boolean }>(core, 'A', 'import:saveDraft', { sessionId, draft })).kept;
      if (!kept) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(kept).toBe(true);
    const listed = await call<Array<{ id: string; companies: number; contacts: number; draftUpdatedAt: string | null; createdBy: { name: string } }>>(core, 'A', 'import:kept', undefined);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ companies: view.inPsa.length, createdBy: { name: 'Mira' } });
    expect(listed[0]?.draftUpdatedAt).not.toBeNull();
    // Bob sees only his own.
    expect(await call(core, 'B', 'import:kept', undefined)).toEqual([]);
    await core.close();

    // The app restarts: the download is read back from the workspace, not from the PSA.
    const again = await startCore(dataDir);
    await again.registrar.invoke('auth:signIn', { email: 'mira@example.com', password: PASSWORD }, appSender('A2'));
    await again.registrar.invoke('auth:signIn', { email: 'bob@example.com', password: PASSWORD }, appSender('B2'));
    const requestsBefore = sim.stats.snapshot().requestCount;
    const resumed = await call<{ outcome: string; sessionId: string; psa: string; draft: unknown }>(again, 'A2', 'import:resume', { snapshotId: listed[0]!.id });
    expect(resumed).toMatchObject({ outcome: 'started', psa: 'autotask', draft });
    expect(await call(again, 'B2', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'locked', heldBy: { holderName: 'Mira' } });
    const resumedView = await call<ReconciliationView>(again, 'A2', 'import:reconciliation', { sessionId: resumed.sessionId });
    expect(resumedView.inPsa.map((row) => row.psaCompanyId)).toEqual(view.inPsa.map((row) => row.psaCompanyId));
    const contacts = await call<ImportContactRow[]>(again, 'A2', 'import:contacts', { sessionId: resumed.sessionId, psaCompanyId: first.psaCompanyId, managedCompanyId: null });
    expect(contacts.length).toBeGreaterThan(0);
    const plan: ImportPlan = { companies: [{ psaCompanyId: first.psaCompanyId, action: { kind: 'create' }, users: 'all' }] };
    const results = await call<{ companies: Array<{ outcome: string }> }>(again, 'A2', 'import:apply', { sessionId: resumed.sessionId, plan });
    expect(results.companies.map((company) => company.outcome)).toEqual(['created']);
    // No download was asked of the PSA: no company or contact pages (the look for gone companies only counts).
    const asked = sim.stats.snapshot().requests.slice(requestsBefore).map((request) => request.url.toLowerCase());
    expect(asked.filter((url) => /(companies|contacts)\/query(\?|$)/.test(url))).toEqual([]);
    expect(await call(again, 'A2', 'import:kept', undefined)).toEqual([]);
    await expect(call(again, 'A2', 'import:resume', { snapshotId: listed[0]!.id })).rejects.toThrow(/NOT_FOUND/);

    // Backing out of an import (Cancel) does not keep its download for later. (This process's vault key is new:
    // the PSA is connected again.)
    await call(again, 'A2', 'import:cancel', { sessionId: resumed.sessionId });
    await again.psa.connect(simCredentials(sim, 'autotask'));
    const abandoned = await downloaded(again, 'A2');
    for (let tries = 0; tries < 500 && (await call<unknown[]>(again, 'A2', 'import:kept', undefined)).length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await call(again, 'A2', 'import:kept', undefined)).toHaveLength(1);
    await call(again, 'A2', 'import:cancel', { sessionId: abandoned });
    expect(await call(again, 'A2', 'import:kept', undefined)).toEqual([]);
    await again.close();
  });

  it('remembers the last filter per integration', async () => {
    const core = await ready();
    const filter = { ...DEFAULT_PSA_FILTER, companies: { companyType: [1] } };
    const started = await call<{ sessionId: string }>(core, 'A', 'import:start', { psa: 'autotask', filter });
    await call(core, 'A', 'import:cancel', { sessionId: started.sessionId });
    expect(await call(core, 'A', 'import:lastFilter', { psa: 'autotask' })).toEqual(filter);
    expect(await call(core, 'A', 'import:lastFilter', { psa: 'connectwise' })).toBeNull();
    await core.close();
  });
  it('a window closing after the workspace is gone: the failed release is logged, never an unhandled rejection', async () => {
    const dataDir = tempDir();
    const core = await ready(dataDir);
    await downloaded(core, 'A');
    const seen: unknown[] = [];
    const onUnhandled = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Quit has begun: the workspace is closed, then the window goes — releasing its lock can only fail.
      await core.workspace.close();
      core.forgetWindow('A');
      const log = () => readFileSync(logFilePath(dataDir), 'utf8');
      for (let waited = 0; !log().includes('Ending the wizards of a closed window failed') && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual([]);
      expect(log()).toContain('Ending the wizards of a closed window failed');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
