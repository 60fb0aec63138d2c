import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/main/base/domain-error';
import { PsaHttp } from '../../electron/main/psa/http/psa-http';
import { PsaError } from '../../electron/main/psa/psa-error';
import { apiUrlProblem } from '../../shared/psa/api-url';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { appSender, startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 3, companies: 20, contactsPerCompany: 1 });
});
afterAll(() => sim.close());

/** Plain http to another computer would put the Autotask secret or the ConnectWise Basic header on the wire in clear. */
const INSECURE = ['http://psa.example.com', 'http://psa.example.com:8080/api', 'http://10.0.0.5', 'http://128.0.0.1', 'http://localhost.example.com', 'http://[2001:db8::1]', 'HTTP://psa.example.com'];
const ALLOWED = ['', 'https://psa.example.com', 'https://cw.onprem.example:8443/v4_6_release', 'https://[2001:db8::1]:443', 'http://127.0.0.1:4010', 'http://127.5.6.7', 'http://localhost:3000', 'http://[::1]:4010'];

describe('a custom API base URL', () => {
  it('may be http only to loopback; https anywhere', () => {
    for (const url of INSECURE) expect(apiUrlProblem(url), url).toBe('insecure');
    for (const url of ALLOWED) expect(apiUrlProblem(url), url).toBeNull();
    for (const url of ['ftp://psa.example.com', 'https://user:pw@psa.example.com', 'psa.example.com']) expect(apiUrlProblem(url), url).toBe('format');
  });

  it('over http to another host is refused at the IPC boundary, on the field, before any request', async () => {
    const core = await startCore(tempDir());
    sim.stats.reset();
    for (const apiBaseUrl of INSECURE) {
      const credentials = simCredentials(sim, 'connectwise', { apiBaseUrl });
      for (const [channel, payload] of [
        ['psa:test', { psa: 'connectwise', credentials }],
        ['psa:connect', { credentials }],
      ] as const) {
        const result = await core.registrar.invoke(channel, payload, appSender());
        expect(result, `${channel} ${apiBaseUrl}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { 'credentials.apiBaseUrl': expect.stringContaining('https://') } } });
      }
    }
    expect(sim.stats.requests).toHaveLength(0);
    await core.close();
  });

  it('over http to another host is refused by the core itself, and nothing is stored', async () => {
    const core = await startCore(tempDir());
    const credentials = simCredentials(sim, 'autotask', { apiBaseUrl: 'http://psa.example.com' });
    await expect(core.psa.test('autotask', credentials)).rejects.toBeInstanceOf(DomainError);
    await expect(core.psa.connect(credentials)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'credentials.apiBaseUrl': expect.stringContaining('unencrypted') } });
    expect(core.vault.has('psa/autotask')).toBe(false);
    // Loopback over http is the simulator: it still connects.
    expect((await core.psa.connect(simCredentials(sim, 'autotask'))).test).toMatchObject({ outcome: 'connected' });
    await core.close();
  });

  it('is enforced where requests are sent, so a URL from the network (Autotask zone discovery) cannot downgrade either', async () => {
    const http = new PsaHttp({ timeoutMs: 60_000 });
    // 192.0.2.1 (TEST-NET) never answers: a quick, specific refusal proves nothing was attempted.
    const started = Date.now();
    const refused = await http.send({ method: 'GET', url: 'http://192.0.2.1/atservicesrest/V1.0/Companies/query', headers: { Secret: 's3cret' } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PsaError);
    expect(refused).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('192.0.2.1') });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(http.send({ method: 'GET', url: `${sim.url}/atservicesrest/v1.0/zoneInformation?user=${encodeURIComponent(sim.credentials.autotask.username)}`, headers: {} })).resolves.toMatchObject({ status: 200 });
  });
});
