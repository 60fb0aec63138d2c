/**
 * The local PSA simulator: one loopback HTTP server that answers as Autotask
 * REST v1.0 and as ConnectWise PSA REST 3.0 over one generated tenant, with
 * latency, Autotask's per-endpoint thread limit, injectable faults and request
 * statistics. The faces (autotask/, connectwise/) are pure request → response
 * functions; everything about sockets and time lives here.
 *
 * Admin endpoints for other processes (tests driving a separately started
 * simulator, mutate-cli.ts) need the header `x-sim-admin: <adminToken>`:
 *   POST /__sim/mutate   JSON array of MutationOp
 *   GET  /__sim/stats    SimStatsSnapshot
 *   POST /__sim/faults   JSON array of FaultRule to add; DELETE /__sim/faults clears them
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringifyBody } from './stable-json';
import { ZodError } from 'zod';
import { applyMutations, mutationOpsSchema, parseFaultRules, type MutationOp, type MutationResult } from './admin-ops';
import { autotaskFace } from './autotask/face';
import { connectwiseFace } from './connectwise/face';
import { generateDataset } from './dataset';
import type { ApiFace, SimContext, SimRequest, SimResponse } from './face';
import { echoCredentialsResponse, htmlFaultResponse, statusFaultResponse, threadLimitResponse, truncate } from './fault-responses';
import { FaultController } from './faults';
import type { SimCredentials, SimDataset } from './model';
import { SimStats } from './stats';

export const DEFAULT_SIM_CREDENTIALS: SimCredentials = {
  autotask: { username: 'roster.sync@sim-msp.example', secret: 'sim-Autotask-Secret-1', integrationCode: 'SIMROSTERINTEGRATIONCODE000' },
  connectwise: { companyId: 'simmsp', publicKey: 'SimPublicKey0001', privateKey: 'SimPrivateKey0001', clientId: '3f1c2a9e-5b7d-4c8e-9a10-5e6f7a8b9c0d' },
};

export interface PsaSimulatorOptions {
  /** 0 (default) = a free port. */
  readonly port?: number;
  readonly seed?: number;
  readonly companies?: number;
  readonly contactsPerCompany?: number;
  /** A prebuilt tenant; wins over seed/companies/contactsPerCompany. */
  readonly data?: SimDataset;
  /** Added to every API request. */
  readonly latencyMs?: number;
  readonly credentials?: SimCredentials;
  /** Concurrent Autotask requests per (integration code, entity endpoint) before the thread-limit error; default 3. */
  readonly autotaskThreadLimit?: number;
  /** Status of the thread-limit error; default 500 (see fault-responses.ts). */
  readonly autotaskThreadLimitStatus?: 429 | 500;
  /** Default: random per run. */
  readonly adminToken?: string;
}

export interface RunningPsaSimulator {
  /** The simulator's origin, e.g. `http://127.0.0.1:5199`. */
  readonly url: string;
  /** Where Autotask clients start (version and zone discovery); zone discovery then points them at `<origin>/ATServicesRest/`. */
  readonly autotaskZoneDiscoveryUrl: string;
  /** Where ConnectWise clients start (`/login/companyinfo/<companyId>`, then `/<codebase>apis/3.0/`). */
  readonly connectwiseUrl: string;
  readonly credentials: SimCredentials;
  /** The live tenant: change it directly or through `mutate`. */
  readonly data: SimDataset;
  readonly faults: FaultController;
  readonly stats: SimStats;
  readonly adminToken: string;
  mutate(ops: readonly MutationOp[]): MutationResult[];
  close(): Promise<void>;
}

const FACES: readonly ApiFace[] = [autotaskFace, connectwiseFace];
const MAX_BODY = 4 * 1024 * 1024;
const DEFAULT_DATASET = { seed: 1, companies: 200, contactsPerCompany: 4 } as const;

export async function startPsaSimulator(options: PsaSimulatorOptions = {}): Promise<RunningPsaSimulator> {
  const data =
    options.data ??
    generateDataset({
      seed: options.seed ?? DEFAULT_DATASET.seed,
      companies: options.companies ?? DEFAULT_DATASET.companies,
      contactsPerCompany: options.contactsPerCompany ?? DEFAULT_DATASET.contactsPerCompany,
    });
  const credentials = options.credentials ?? DEFAULT_SIM_CREDENTIALS;
  const adminToken = options.adminToken ?? randomBytes(18).toString('base64url');
  const threadLimit = options.autotaskThreadLimit ?? 3;
  const threadLimitStatus = options.autotaskThreadLimitStatus ?? 500;
  const faults = new FaultController();
  const stats = new SimStats();
  const threads = new Map<string, number>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, { status: 500, body: `Simulator error: ${String(error)}` });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const context: SimContext = {
    data,
    credentials,
    origin,
    consumeCredentialUse: (api) => faults.consumeCredentialUse(api),
    requestsInLastHour: (api) => stats.requestsInLastHour(api),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/__sim/')) return admin(method, url, request, response);
    const face = FACES.find((candidate) => candidate.matches(url.pathname));
    if (!face) return send(response, { status: 404, body: 'Not found' });

    const startedAt = Date.now();
    const endRequest = stats.begin(face.api, url.pathname);
    const threadKey = face.api === 'autotask' ? autotaskThreadKey(url.pathname, request) : null;
    // Autotask rejects at once, so a rejected request never holds a thread.
    const rejected = threadKey !== null && (threads.get(threadKey) ?? 0) >= threadLimit;
    if (threadKey !== null && !rejected) threads.set(threadKey, (threads.get(threadKey) ?? 0) + 1);
    let status = 0;
    try {
      const body = await readBody(request);
      const decision = faults.match(face.api, method, url.pathname);
      const answer = decision.answer;
      // `latencyMs` is the server's response time: the answer is worked out first and the rest of
      // that time is waited out, so the simulator's own work overlaps other requests' waits as a
      // real server's would. Injected latency comes on top.
      const respond = async (reply: SimResponse | 'reset'): Promise<void> => {
        const prepared = reply === 'reset' ? reply : prepare(reply);
        const wait = Math.max(0, (options.latencyMs ?? 0) - (Date.now() - startedAt)) + decision.delayMs;
        if (wait > 0) await sleep(wait);
        if (prepared === 'reset') {
          request.socket.resetAndDestroy();
          return;
        }
        status = prepared.status;
        response.writeHead(prepared.status, prepared.headers);
        response.end(prepared.payload);
      };

      let reply: SimResponse;
      if (body === null) reply = { status: 413, body: 'Request body too large' };
      else if (rejected || (answer?.kind === 'thread-limit' && face.api === 'autotask')) reply = threadLimitResponse(threadLimitStatus);
      else if (answer?.kind === 'thread-limit') reply = statusFaultResponse(face.api, { kind: 'status', status: 429, retryAfterSeconds: 1 });
      else if (answer?.kind === 'status') reply = statusFaultResponse(face.api, answer);
      else if (answer?.kind === 'html') reply = htmlFaultResponse();
      else if (answer?.kind === 'echo-credentials') reply = echoCredentialsResponse(face.api, request.headers, answer);
      else if (answer?.kind === 'reset') return await respond('reset');
      else {
        const simRequest: SimRequest = { method, url, headers: request.headers, body };
        const real = await face.handle(simRequest, context);
        reply = answer?.kind === 'truncated-json' ? truncate(real) : real;
      }
      await respond(reply);
    } finally {
      if (threadKey !== null && !rejected) threads.set(threadKey, (threads.get(threadKey) ?? 1) - 1);
      endRequest();
      stats.record({ api: face.api, method, url: (request.url ?? '/'), status, startedAt, endedAt: Date.now() });
    }
  }

  async function admin(method: string, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!sameSecret(header(request, 'x-sim-admin') ?? '', adminToken)) return send(response, { status: 401, body: { error: 'x-sim-admin header missing or wrong' } });
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /__sim/stats') return send(response, { status: 200, body: stats.snapshot() });
    if (route === 'DELETE /__sim/faults') {
      faults.clear();
      return send(response, { status: 200, body: { rules: 0 } });
    }
    if (route !== 'POST /__sim/mutate' && route !== 'POST /__sim/faults') return send(response, { status: 404, body: { error: `No admin route ${route}` } });
    const body = await readBody(request);
    try {
      const parsed: unknown = JSON.parse(body ?? '');
      if (route === 'POST /__sim/faults') {
        faults.add(...parseFaultRules(parsed));
        return send(response, { status: 200, body: { rules: faults.rules.length } });
      }
      return send(response, { status: 200, body: { results: applyMutations(data, mutationOpsSchema.parse(parsed)) } });
    } catch (error) {
      const message = error instanceof ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : error instanceof Error ? error.message : String(error);
      return send(response, { status: 400, body: { error: message } });
    }
  }

  return {
    url: origin,
    autotaskZoneDiscoveryUrl: origin,
    connectwiseUrl: origin,
    credentials,
    data,
    faults,
    stats,
    adminToken,
    mutate: (ops) => applyMutations(data, ops),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Autotask budgets threads per API tracking identifier (the integration code) and entity endpoint; zone discovery is exempt. */
function autotaskThreadKey(path: string, request: IncomingMessage): string | null {
  const [, root, version, endpoint] = path.toLowerCase().split('/');
  if (root !== 'atservicesrest' || version !== 'v1.0' || !endpoint || endpoint === 'zoneinformation') return null;
  return `${header(request, 'apiintegrationcode') ?? ''} ${endpoint}`;
}

function send(response: ServerResponse, reply: SimResponse): void {
  const { status, headers, payload } = prepare(reply);
  response.writeHead(status, headers);
  response.end(payload);
}

/** Status, headers and serialised body of a reply, ready to write. */
/** The body is encoded here, before the latency is waited out, so only the socket write comes after it. */
function prepare(reply: SimResponse): { status: number; headers: Record<string, string>; payload: Buffer } {
  const isText = typeof reply.body === 'string';
  const payload = Buffer.from(reply.body === undefined ? '' : isText ? (reply.body as string) : stringifyBody(reply.body));
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (reply.body !== undefined) headers['content-type'] = isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['content-length'] = String(payload.length);
  return { status: reply.status, headers, payload };
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
