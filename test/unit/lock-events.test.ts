/** Locks you can see: `locks:status` tells the caller's windows apart, and a forced release is told to the holder's window alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { appSender, callAs, startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 5, companies: 10, contactsPerCompany: 1 });
});
afterAll(() => sim.close());

const call = callAs;

/** Mira (Master Administrator) in window A; Bob (administrator) in windows B1 and B2. */
async function ready(): Promise<{ core: Core; heard: Array<{ window: string | null; channel: string; payload: unknown }> }> {
  const core = await startCore(tempDir());
  await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: PASSWORD }, appSender('A'));
  await core.auth.createAdministrator({ name: 'Bob', email: 'bob@example.com', password: PASSWORD, role: 'admin', mustChangePassword: false });
  for (const window of ['B1', 'B2']) await call(core, window, 'auth:signIn', { email: 'bob@example.com', password: PASSWORD });
  await core.psa.connect(simCredentials(sim, 'autotask'));
  const heard: Array<{ window: string | null; channel: string; payload: unknown }> = [];
  core.subscribeWindows((window, channel, payload) => {
    if (channel.includes(':lock')) heard.push({ window, channel, payload });
  });
  return { core, heard };
}

describe('lock status and release events', () => {
  it('status names the holder and tells this window, the caller in another window and another administrator apart', async () => {
    const { core, heard } = await ready();
    expect(await call(core, 'A', 'locks:status', { psa: 'autotask' })).toBeNull();
    const started = await call<{ outcome: string }>(core, 'B1', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
    expect(started.outcome).toBe('started');
    // Taking the lock is told to every window, so each asks again.
    expect(heard).toEqual([{ window: null, channel: 'event:lockChanged', payload: { psa: 'autotask' } }]);
    expect(await call(core, 'B1', 'locks:status', { psa: 'autotask' })).toMatchObject({ holderName: 'Bob', holder: 'this-window' });
    expect(await call(core, 'B2', 'locks:status', { psa: 'autotask' })).toMatchObject({ holderName: 'Bob', holder: 'you-elsewhere' });
    expect(await call(core, 'A', 'locks:status', { psa: 'autotask' })).toMatchObject({ holderName: 'Bob', holder: 'someone-else' });
    expect(await call(core, 'A', 'locks:status', { psa: 'connectwise' })).toBeNull();
    await core.close();
  });

  it('a forced release ends the holder’s wizard and tells only the holder’s window, by whom', async () => {
    const { core, heard } = await ready();
    const started = await call<{ sessionId: string }>(core, 'B1', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
    heard.length = 0;
    expect(await call(core, 'A', 'locks:forceRelease', { psa: 'autotask' })).toMatchObject({ holderName: 'Bob' });
    const released = heard.filter((event) => event.channel === 'event:lockReleased');
    expect(released).toEqual([{ window: 'B1', channel: 'event:lockReleased', payload: { psa: 'autotask', byName: 'Mira', byYou: false } }]);
    expect(heard.filter((event) => event.channel === 'event:lockChanged')).toEqual([{ window: null, channel: 'event:lockChanged', payload: { psa: 'autotask' } }]);
    // Bob's session is over: its data is gone and the lock is free for anyone.
    const stale = await core.registrar.invoke('import:reconciliation', { sessionId: started.sessionId }, appSender('B1'));
    expect(stale).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(core, 'B2', 'locks:status', { psa: 'autotask' })).toBeNull();

    // A lock held elsewhere (another process, a crashed window) has no window here to tell.
    await core.locks.acquire('autotask', { adminId: 'x', name: 'Left Behind', session: 'crashed-window' });
    heard.length = 0;
    await call(core, 'A', 'locks:forceRelease', { psa: 'autotask' });
    expect(heard.filter((event) => event.channel === 'event:lockReleased')).toEqual([]);

    // Mira releasing her own lock from another window: that window is told it was her.
    await call(core, 'A2', 'auth:signIn', { email: 'mira@example.com', password: PASSWORD });
    await call(core, 'A2', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
    heard.length = 0;
    await call(core, 'A', 'locks:forceRelease', { psa: 'autotask' });
    expect(heard.filter((event) => event.channel === 'event:lockReleased')).toEqual([{ window: 'A2', channel: 'event:lockReleased', payload: { psa: 'autotask', byName: 'Mira', byYou: true } }]);
    await core.close();
  });

  it('an administrator who is not a Master Administrator cannot release a lock', async () => {
    const { core } = await ready();
    await call(core, 'A', 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
    const refused = await core.registrar.invoke('locks:forceRelease', { psa: 'autotask' }, appSender('B1'));
    expect(refused.ok).toBe(false);
    expect(await call(core, 'B1', 'locks:status', { psa: 'autotask' })).toMatchObject({ holderName: 'Mira', holder: 'someone-else' });
    await core.close();
  });
});
