/**
 * Every PSA request goes through here: axios with a timeout and no redirects,
 * bounded concurrency, retries with backoff on what is safe to retry (429,
 * thread-limit, 502/503/504, resets, timeouts — never 401/403), cancellation
 * at any moment, and zod validation of the body. Failures leave as PsaError
 * (or PsaCancelled), never as raw axios errors, and their detail is scrubbed
 * of the request's credentials in every form (request-redactor.ts): it is
 * logged, shown, and sent to the renderer.
 */
import axios, { isAxiosError, isCancel, type AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { z } from 'zod';
import { PsaCancelled, PsaError } from '../psa-error';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff';
import { classify, type HttpOutcome } from './classify';
import type { Redactor } from '../../logging/redactor';
import { parseBody, pathOf } from './parse-body';
import { requestRedactor } from './request-redactor';
import { Semaphore } from './semaphore';
import { requireSecureTransport } from './transport-policy';

export interface PsaRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

export interface PsaResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A 2xx response as bytes: a page's body is decoded where it is parsed (../pages/page-decoder.ts), not here. */
export interface PsaBytesResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: Buffer;
}

/**
 * Turns a page's response into its data; throws PsaError 'invalid-response' when it is not what was expected.
 * It may take the bytes (moved to the page worker): the response's body is not read after it.
 */
export type PageDecoder<P> = (response: PsaBytesResponse, request: PsaRequest) => Promise<P>;

export interface PsaHttpOptions {
  readonly timeoutMs?: number;
  readonly backoff?: BackoffPolicy;
  /** Most requests in flight at once across this client. */
  readonly concurrency?: number;
  readonly random?: () => number;
}

export class PsaHttp {
  private readonly axios: AxiosInstance;
  private readonly backoff: BackoffPolicy;
  private readonly gate: Semaphore;
  private readonly random: () => number;

  constructor(options: PsaHttpOptions = {}) {
    this.axios = axios.create({
      timeout: options.timeoutMs ?? 30_000,
      // Bodies are validated here, not by axios: HTML or cut-off JSON must become "invalid response".
      // Bytes, not text: decoding a large page's UTF-8 is itself work the main thread should not do.
      responseType: 'arraybuffer',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      // A redirect could carry the credential headers to another host.
      maxRedirects: 0,
      // Reused connections: a TLS handshake per page would cost more than the page.
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: options.concurrency ?? 3 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: options.concurrency ?? 3 }),
    });
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.gate = new Semaphore(options.concurrency ?? 3);
    this.random = options.random ?? Math.random;
  }

  /** Sends with retries; resolves only with a 2xx response. */
  async send(request: PsaRequest): Promise<PsaResponse> {
    const { status, headers, bytes } = await this.sendForBytes(request);
    return { status, headers, body: bytes.toString('utf8') };
  }

  /** Sends a page request and hands the body to `decode` (which may run off the main thread). */
  async page<P>(request: PsaRequest, decode: PageDecoder<P>): Promise<{ data: P; response: PsaBytesResponse }> {
    const response = await this.sendForBytes(request);
    return { data: await decode(response, request), response };
  }

  /** `send`, with the body left as bytes. */
  async sendForBytes(request: PsaRequest): Promise<PsaBytesResponse> {
    requireSecureTransport(request.url);
    // Built on the first failure only: a page that arrives needs no scrubbing.
    let redactor: Redactor | undefined;
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) throw new PsaCancelled();
      const outcome = await this.gate.run(() => this.once(request), request.signal).catch((error: unknown) => {
        throw request.signal?.aborted ? new PsaCancelled() : error;
      });
      if (outcome.type === 'response' && outcome.status >= 200 && outcome.status < 300) {
        return { status: outcome.status, headers: outcome.headers, bytes: outcome.bytes };
      }
      const verdict = classify(outcome.type === 'response' ? { type: 'response', status: outcome.status, body: outcome.bytes.toString('utf8'), retryAfter: outcome.headers['retry-after'] } : outcome, (redactor ??= requestRedactor(request.headers)));
      const delay = verdict.retryable ? backoffDelay(attempt, this.backoff, verdict.retryAfterMs, this.random) : null;
      if (delay === null) throw new PsaError(verdict.kind ?? 'unknown', `${verdict.detail} (${redactor.scrub(`${request.method} ${pathOf(request.url)}`)}, attempt ${attempt})`, outcome.type === 'response' ? outcome.status : undefined);
      try {
        await sleep(delay, request.signal);
      } catch {
        throw new PsaCancelled();
      }
    }
  }

  /** Sends, parses JSON and validates it; anything unexpected is an "invalid response". */
  async json<S extends z.ZodType>(request: PsaRequest, schema: S): Promise<{ data: z.output<S>; response: PsaResponse }> {
    const response = await this.send(request);
    return { data: parseBody(response, schema, request), response };
  }

  private async once(request: PsaRequest): Promise<(HttpOutcome & { type: 'network' }) | { type: 'response'; status: number; bytes: Buffer; headers: Record<string, string> }> {
    try {
      const response = await this.axios.request<unknown>({
        method: request.method,
        url: request.url,
        headers: { Accept: 'application/json', ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...request.headers },
        ...(request.body === undefined ? {} : { data: JSON.stringify(request.body) }),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(response.headers)) if (typeof value === 'string') headers[key.toLowerCase()] = value;
      const data = response.data;
      const bytes = Buffer.isBuffer(data) ? data : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(typeof data === 'string' ? data : '');
      return { type: 'response', status: response.status, bytes, headers };
    } catch (error) {
      if (isCancel(error) || request.signal?.aborted) throw new PsaCancelled();
      const code = isAxiosError(error) ? (error.code ?? 'ERR_NETWORK') : 'ERR_NETWORK';
      return { type: 'network', code, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

