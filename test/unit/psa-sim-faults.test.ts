import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultController } from '../fakes/psa-sim/faults';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';

let sim: RunningPsaSimulator;
let auth: Record<string, string>;

beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 5, companies: 60, contactsPerCompany: 2 });
  const { username, secret, integrationCode } = sim.credentials.autotask;
  auth = { ApiIntegrationCode: integrationCode, UserName: username, Secret: secret, 'Content-Type': 'application/json' };
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.stats.reset();
});

const QUERY = JSON.stringify({ MaxRecords: 5, filter: [{ op: 'exist', field: 'id' }] });
const query = (entity = 'Companies') => fetch(`${sim.url}/ATServicesRest/V1.0/${entity}/query`, { method: 'POST', headers: auth, body: QUERY });
const zone = () => fetch(`${sim.url}/atservicesrest/v1.0/zoneInformation?user=${encodeURIComponent(sim.credentials.autotask.username)}`);
const connectwise = () => fetch(`${sim.url}/login/companyinfo/${sim.credentials.connectwise.companyId}`);

describe('PSA simulator faults', () => {
  it('answers a status fault in the API\'s own error shape, with Retry-After when given', async () => {
    sim.faults.add({ api: 'autotask', fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const response = await query();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ errors: [expect.any(String)] });

    sim.faults.add({ api: 'connectwise', fault: { kind: 'status', status: 401 } });
    const cw = await connectwise();
    expect(cw.status).toBe(401);
    expect(cw.headers.get('retry-after')).toBeNull();
    expect(await cw.json()).toEqual({ code: 'Unauthorized', message: expect.any(String) });
  });

  it('sends a given body as is, and gateway statuses as the proxy\'s HTML page', async () => {
    sim.faults.add({ api: 'autotask', times: 1, fault: { kind: 'status', status: 500, body: '{"errors":["Custom"]}' } });
    const custom = await query();
    expect(custom.headers.get('content-type')).toMatch(/application\/json/);
    expect(await custom.json()).toEqual({ errors: ['Custom'] });

    sim.faults.add({ api: 'autotask', fault: { kind: 'status', status: 503, retryAfterSeconds: 30 } });
    const gateway = await query();
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get('content-type')).toMatch(/text\/html/);
    expect(gateway.headers.get('retry-after')).toBe('30');
  });

  it('answers 200 with an HTML login page', async () => {
    sim.faults.add({ api: 'autotask', fault: { kind: 'html' } });
    const response = await query();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<html>[\s\S]*Sign in/);
  });

  it('cuts a real JSON answer in half but still calls it JSON', async () => {
    const whole = await (await query()).text();
    sim.faults.add({ api: 'autotask', fault: { kind: 'truncated-json' } });
    const response = await query();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text.length).toBe(Math.floor(whole.length / 2));
    expect(whole.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('resets the connection', async () => {
    sim.faults.add({ api: 'autotask', times: 1, fault: { kind: 'reset' } });
    await expect(query()).rejects.toThrow();
    expect((await query()).status).toBe(200);
    expect(sim.stats.requests.map((request) => request.status)).toEqual([0, 200]);
  });

  it('delays by the latency fault on top of the answer', async () => {
    sim.faults.add({ api: 'autotask', pathIncludes: '/companies/', fault: { kind: 'latency', ms: 250 } });
    const started = performance.now();
    expect((await query()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    const quick = performance.now();
    await query('Contacts');
    expect(performance.now() - quick).toBeLessThan(200);
  });

  it('stacks latency with an answering fault', async () => {
    sim.faults.add({ api: 'any', fault: { kind: 'latency', ms: 100 } }, { api: 'any', fault: { kind: 'status', status: 500 } });
    const started = performance.now();
    expect((await connectwise()).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('expires the credentials after N authenticated calls; unauthenticated calls do not count', async () => {
    sim.faults.add({ api: 'autotask', fault: { kind: 'expire-credentials', afterCalls: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await query()).status);
      expect((await zone()).status).toBe(200);
    }
    statuses.push((await query()).status, (await query('Contacts')).status);
    expect(statuses).toEqual([200, 200, 200, 401, 401]);
    sim.faults.clear();
    expect((await query()).status).toBe(200);
  });

  it('answers the thread-limit fault with the Itgenatr005 error', async () => {
    sim.faults.add({ api: 'autotask', times: 1, fault: { kind: 'thread-limit' } });
    const response = await query();
    expect(response.status).toBe(500);
    expect(((await response.json()) as { errors: string[] }).errors[0]).toMatch(/Thread Threshold Exceeded.*Itgenatr005|Itgenatr005.*Thread Threshold Exceeded/);
  });

  it('lets `skip` requests through first, then applies the fault `times` times', async () => {
    sim.faults.add({ api: 'autotask', method: 'post', pathIncludes: 'COMPANIES/QUERY', skip: 1, times: 2, fault: { kind: 'status', status: 502 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await query()).status);
    expect(statuses).toEqual([200, 502, 502, 200]);
    // Other methods and paths never matched.
    expect((await query('Contacts')).status).toBe(200);
    expect(sim.faults.appliedCounts).toEqual([2]);
  });

  it('records every request and the peak concurrency per API and endpoint', async () => {
    await Promise.all([query(), query(), query('Contacts'), connectwise()]);
    expect(sim.stats.requests).toHaveLength(4);
    expect(sim.stats.requests.every((request) => request.endedAt >= request.startedAt && request.status === 200)).toBe(true);
    expect(sim.stats.maxConcurrent('autotask')).toBeGreaterThanOrEqual(1);
    expect(Object.keys(sim.stats.maxConcurrentByEndpoint()).sort()).toEqual([
      'autotask /atservicesrest/v1.0/companies/query',
      'autotask /atservicesrest/v1.0/contacts/query',
      `connectwise /login/companyinfo/${sim.credentials.connectwise.companyId}`,
    ]);
  });

  it('takes fault rules from another process through the admin endpoint', async () => {
    const headers = { 'x-sim-admin': sim.adminToken };
    const added = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers, body: JSON.stringify([{ api: 'autotask', times: 1, fault: { kind: 'status', status: 404 } }]) });
    expect(await added.json()).toEqual({ rules: 1 });
    expect((await query()).status).toBe(404);
    const invalid = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers, body: JSON.stringify([{ api: 'autotask', fault: { kind: 'status', status: 418 } }]) });
    expect(invalid.status).toBe(400);
    await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE', headers });
    expect(sim.faults.rules).toHaveLength(0);
  });
});

describe('FaultController', () => {
  it('matches api, method and path case-insensitively and can remove its rules', () => {
    const faults = new FaultController();
    const remove = faults.add({ api: 'connectwise', method: 'GET', pathIncludes: '/Company/Companies', fault: { kind: 'html' } });
    expect(faults.match('autotask', 'GET', '/company/companies').answer).toBeNull();
    expect(faults.match('connectwise', 'POST', '/company/companies').answer).toBeNull();
    expect(faults.match('connectwise', 'get', '/v4_6_release/apis/3.0/company/companies').answer).toEqual({ kind: 'html' });
    remove();
    expect(faults.match('connectwise', 'GET', '/company/companies').answer).toBeNull();
  });

  it('counts down credential uses per API', () => {
    const faults = new FaultController();
    faults.expireCredentials('connectwise', 1);
    expect(faults.consumeCredentialUse('autotask')).toBe(true);
    expect(faults.consumeCredentialUse('connectwise')).toBe(true);
    expect(faults.consumeCredentialUse('connectwise')).toBe(false);
    faults.restoreCredentials();
    expect(faults.consumeCredentialUse('connectwise')).toBe(true);
  });
});
