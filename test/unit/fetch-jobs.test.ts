import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFilePath } from '../../electron/main/logging/logger';
import type { Core } from '../../electron/main/core/create-core';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 9, companies: 900, contactsPerCompany: 3 });
});
afterAll(() => sim.close());

type Event = { sessionKey: string | null; channel: string; payload: Record<string, unknown> };

async function connectedCore(): Promise<{ core: Core; events: Event[] }> {
  const core = await startCore(tempDir());
  const events: Event[] = [];
  core.events.subscribe((sessionKey, channel, payload) => events.push({ sessionKey, channel, payload: payload as Record<string, unknown> }));
  const { test } = await core.psa.connect(simCredentials(sim, 'connectwise'));
  expect(test.outcome).toBe('connected');
  return { core, events };
}

function finished(events: Event[], jobId: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const poll = () => {
      const event = events.find((entry) => entry.channel === 'event:fetchFinished' && entry.payload['jobId'] === jobId);
      if (event) resolve(event.payload);
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('fetch jobs', () => {
  it('report progress to the window that started them and keep the data in main', async () => {
    const { core, events } = await connectedCore();
    const jobId = core.fetchJobs.start({ sessionKey: 'w1' }, 'connectwise', DEFAULT_PSA_FILTER);
    const end = await finished(events, jobId);
    expect(end).toMatchObject({ outcome: 'completed', error: null });
    const result = core.fetchJobs.result({ sessionKey: 'w1' }, jobId)!;
    expect(end['companies']).toBe(result.companies.length);
    expect(result.companies.length).toBeGreaterThan(0);
    expect(core.fetchJobs.result({ sessionKey: 'w2' }, jobId)).toBeUndefined();
    const progress = events.filter((event) => event.channel === 'event:fetchProgress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((event) => event.sessionKey === 'w1')).toBe(true);
    await core.close();
  });

  it('cancel: the job stops, reports cancelled, and keeps nothing', async () => {
    const { core, events } = await connectedCore();
    const remove = sim.faults.add({ api: 'connectwise', fault: { kind: 'latency', ms: 40 } });
    try {
      const jobId = core.fetchJobs.start({ sessionKey: 'w1' }, 'connectwise', DEFAULT_PSA_FILTER);
      await new Promise((resolve) => setTimeout(resolve, 60));
      await core.fetchJobs.cancel({ sessionKey: 'w2' }, jobId); // another window cannot cancel it
      expect(events.some((event) => event.channel === 'event:fetchFinished')).toBe(false);
      await core.fetchJobs.cancel({ sessionKey: 'w1' }, jobId);
      expect(await finished(events, jobId)).toMatchObject({ outcome: 'cancelled', companies: 0, contacts: 0 });
      expect(core.fetchJobs.result({ sessionKey: 'w1' }, jobId)).toBeUndefined();
    } finally {
      remove();
      await core.close();
    }
  });

  it('a failure arrives as the seed’s error kind', async () => {
    const { core, events } = await connectedCore();
    const remove = sim.faults.add({ api: 'connectwise', pathIncludes: '/company/companies', fault: { kind: 'status', status: 403 } });
    try {
      const jobId = core.fetchJobs.start({ sessionKey: 'w1' }, 'connectwise', DEFAULT_PSA_FILTER);
      expect(await finished(events, jobId)).toMatchObject({ outcome: 'failed', error: { kind: 'forbidden' } });
    } finally {
      remove();
      await core.close();
    }
  });

  it('a window that can no longer be told the end leaves no unhandled rejection behind, only a log line', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir);
    // The window was destroyed while the job ran: delivering its end throws.
    core.events.subscribe((_sessionKey, channel) => {
      if (channel === 'event:fetchFinished') throw new Error('Object has been destroyed');
    });
    const seen: unknown[] = [];
    const onUnhandled = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      core.fetchJobs.start({ sessionKey: 'w1' }, 'autotask', DEFAULT_PSA_FILTER);
      const log = () => readFileSync(logFilePath(dataDir), 'utf8');
      for (let waited = 0; !log().includes('could not report its end') && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual([]);
      expect(log()).toContain('PSA fetch job could not report its end');
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await core.close();
    }
  });

  it('without stored credentials: credentials required', async () => {
    const core = await startCore(tempDir());
    const events: Event[] = [];
    core.events.subscribe((sessionKey, channel, payload) => events.push({ sessionKey, channel, payload: payload as Record<string, unknown> }));
    const jobId = core.fetchJobs.start({ sessionKey: 'w1' }, 'autotask', DEFAULT_PSA_FILTER);
    expect(await finished(events, jobId)).toMatchObject({ outcome: 'failed', error: { kind: 'credentials-required' } });
    await core.close();
  });
});
