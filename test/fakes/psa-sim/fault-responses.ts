/**
 * What an injected fault looks like on the wire, in each API's own error
 * shape: Autotask `{"errors":[...]}` (psa-apis.md A.10), ConnectWise
 * `{code, message}` (B.10). Gateway statuses (502–504) come from a proxy in
 * front of the API, so they answer with the proxy's HTML page instead.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimResponse } from './face';
import type { Fault, SimApi } from './model';
import { UNAUTHORIZED_MESSAGE } from './autotask/face';

/**
 * The thread-limit rejection. Its status is undocumented: the reference says it
 * may come "with a non-429 status", so 500 is the default — clients must key on
 * the `Itgenatr005` / "Thread Threshold Exceeded" text, as n8n's does.
 */
export const THREAD_LIMIT_MESSAGE =
  'Thread Threshold Exceeded (Itgenatr005): too many concurrent requests for this API integration code and endpoint. Retry after a running request completes.';

const AUTOTASK_STATUS_MESSAGES: Readonly<Record<number, string>> = {
  401: UNAUTHORIZED_MESSAGE,
  403: 'The logged in Resource does not have the adequate permissions to access this data.',
  404: 'The requested resource was not found.',
  429: 'The API request threshold has been exceeded. Wait before sending more requests.',
  500: 'An unexpected error occurred on the server.',
};

const CONNECTWISE_STATUS_BODIES: Readonly<Record<number, { readonly code: string; readonly message: string }>> = {
  401: { code: 'Unauthorized', message: 'Authentication failed.' },
  403: { code: 'Forbidden', message: 'You do not have access to this resource.' },
  404: { code: 'NotFound', message: 'The requested resource was not found.' },
  429: { code: 'TooManyRequests', message: 'Request volume exceeds capacity limits. Retry after the period given in Retry-After.' },
  500: { code: 'ConnectWiseApi', message: 'An error has occurred.' },
};

const REASONS: Readonly<Record<number, string>> = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

export const LOGIN_PAGE_HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login"><h1>Sign in</h1>' +
  '<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

export function threadLimitResponse(status: 429 | 500): SimResponse {
  return { status, body: { errors: [THREAD_LIMIT_MESSAGE] } };
}

export function statusFaultResponse(api: SimApi, fault: Extract<Fault, { kind: 'status' }>): SimResponse {
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  if (fault.body !== undefined) {
    headers['content-type'] = looksLikeJson(fault.body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
    return { status: fault.status, headers, body: fault.body };
  }
  const reason = REASONS[fault.status];
  if (reason) {
    headers['content-type'] = 'text/html; charset=utf-8';
    return { status: fault.status, headers, body: `<html><head><title>${fault.status} ${reason}</title></head><body><h1>${fault.status} ${reason}</h1></body></html>\n` };
  }
  const body = api === 'autotask' ? { errors: [AUTOTASK_STATUS_MESSAGES[fault.status] ?? 'Error'] } : (CONNECTWISE_STATUS_BODIES[fault.status] ?? { code: 'ConnectWiseApi', message: 'Error' });
  return { status: fault.status, headers, body };
}

/** The headers each API authenticates with, in the order echoed. */
export const CREDENTIAL_HEADERS: Readonly<Record<SimApi, readonly string[]>> = {
  autotask: ['apiintegrationcode', 'username', 'secret'],
  connectwise: ['authorization', 'clientid'],
};

/**
 * The request's credential headers repeated back: as `name: value` lines in the
 * message (JSON-escaped on the wire), and URL-encoded in a trace link, in each
 * API's own error shape.
 */
export function echoCredentialsResponse(api: SimApi, headers: IncomingHttpHeaders, fault: Extract<Fault, { kind: 'echo-credentials' }>): SimResponse {
  return { status: fault.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: echoCredentialsBody(api, headers, fault.lead ?? 0) };
}

export function echoCredentialsBody(api: SimApi, headers: IncomingHttpHeaders, lead: number): unknown {
  const sent = CREDENTIAL_HEADERS[api].map((name): [string, string] => [name, headerText(headers[name])]);
  const message = `${'.'.repeat(lead)}Request rejected. ${sent.map(([name, value]) => `${name}: ${value}`).join('; ')}`;
  const trace = `/trace?${new URLSearchParams(sent).toString()}`;
  return api === 'autotask' ? { errors: [message, trace] } : { code: 'InvalidRequest', message, errors: [{ code: 'Trace', message: trace }] };
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

export function htmlFaultResponse(): SimResponse {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: LOGIN_PAGE_HTML };
}

/** A real answer cut off half way: the content type still says JSON. */
export function truncate(response: SimResponse): SimResponse {
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
  return {
    status: response.status,
    headers: { ...response.headers, 'content-type': 'application/json; charset=utf-8' },
    body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
  };
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
