/**
 * What each API face of the simulator implements: a pure request → response
 * function over the shared data set. The server (server.ts) owns sockets,
 * latency, fault injection, concurrency tracking and statistics.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimApi, SimCredentials, SimDataset } from './model';

export interface SimContext {
  readonly data: SimDataset;
  readonly credentials: SimCredentials;
  /** The simulator's own origin, e.g. `http://127.0.0.1:5123` (for absolute paging URLs). */
  readonly origin: string;
  /** Counts one authenticated call; false once an `expire-credentials` fault has used up the credentials. */
  readonly consumeCredentialUse: (api: SimApi) => boolean;
  /** Requests this API received in the last hour (Autotask's ThresholdInformation); optional, so faces can run without a server. */
  readonly requestsInLastHour?: (api: SimApi) => number;
}

export interface SimRequest {
  readonly method: string;
  /** Parsed against the simulator's origin. */
  readonly url: URL;
  /** Node lower-cases header names. */
  readonly headers: IncomingHttpHeaders;
  /** Raw request body ('' when none). */
  readonly body: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless it is a string (sent as is). `undefined` sends no body. */
  readonly body?: unknown;
}

export interface ApiFace {
  readonly api: SimApi;
  /** Whether this face serves `path` (case-insensitively for Autotask). */
  matches(path: string): boolean;
  handle(request: SimRequest, context: SimContext): SimResponse | Promise<SimResponse>;
}
