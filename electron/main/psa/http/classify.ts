/**
 * Turns an HTTP outcome into the seed's error taxonomy, and says whether the
 * request may be retried. Pure, so every branch is unit-tested. The detail
 * quotes the PSA's own words, so it is scrubbed of the request's credentials
 * here, before anyone can log or show it.
 */
import type { PsaErrorKind } from '../../../../shared/psa/errors';
import type { Redactor } from '../../logging/redactor';

export type HttpOutcome =
  | { readonly type: 'response'; readonly status: number; readonly body: string; readonly retryAfter?: string | undefined }
  | { readonly type: 'network'; readonly code: string; readonly message: string };

export interface Classification {
  /** null: a success status; the body still has to be validated. */
  readonly kind: PsaErrorKind | null;
  readonly retryable: boolean;
  /** From Retry-After, when the server sent one. */
  readonly retryAfterMs?: number | undefined;
  readonly detail: string;
}

/** Autotask rejects a request over its per-endpoint thread limit with this text (n8n retryHandler). */
const THREAD_LIMIT = /thread threshold exceeded|itgenatr005/i;
/** Autotask answers 500 for an unknown API user or integration code (psa-apis.md A.2). */
const AUTOTASK_AUTH_500 = /zone information could not be determined|integrationcode is invalid/i;
/** …and sometimes 500 instead of 403 for permission problems (django-autotask). */
const AUTOTASK_PERMISSION_500 = /does not have the adequate permissions/i;
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'EAI_AGAIN']);

/** Quoted PSA text is cut to this many characters. */
export const DETAIL_QUOTE_MAX = 300;

/** `redactor`: knows the request's credentials (request-redactor.ts). */
export function classify(outcome: HttpOutcome, redactor: Pick<Redactor, 'scrub' | 'excerpt'>, now: () => number = Date.now): Classification {
  if (outcome.type === 'network') {
    return {
      kind: 'unknown',
      retryable: RETRYABLE_NETWORK.has(outcome.code),
      detail: redactor.scrub(`Network error ${outcome.code}: ${outcome.message}`),
    };
  }
  const { status, body } = outcome;
  const detail = `HTTP ${status}: ${summarise(body, redactor)}`;
  if (status >= 200 && status < 300) return { kind: null, retryable: false, detail };
  if (THREAD_LIMIT.test(body)) return { kind: 'psa-server-error', retryable: true, retryAfterMs: parseRetryAfter(outcome.retryAfter, now), detail };
  if (status === 401) return { kind: 'authentication-error', retryable: false, detail };
  if (status === 403) return { kind: 'forbidden', retryable: false, detail };
  if (status === 429) return { kind: 'psa-server-error', retryable: true, retryAfterMs: parseRetryAfter(outcome.retryAfter, now), detail };
  if (status === 500 && AUTOTASK_AUTH_500.test(body)) return { kind: 'authentication-error', retryable: false, detail };
  if (status === 500 && AUTOTASK_PERMISSION_500.test(body)) return { kind: 'forbidden', retryable: false, detail };
  if (status === 502 || status === 503 || status === 504) return { kind: 'psa-server-error', retryable: true, retryAfterMs: parseRetryAfter(outcome.retryAfter, now), detail };
  if (status >= 500) return { kind: 'psa-server-error', retryable: false, detail };
  return { kind: 'unknown', retryable: false, detail };
}

/** Retry-After as integer seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** The PSA's own error text, scrubbed and shortened; HTML pages are named, not quoted. */
function summarise(body: string, redactor: Pick<Redactor, 'excerpt'>): string {
  const text = body.trim();
  if (text.startsWith('<')) return 'an HTML page';
  return text ? redactor.excerpt(text, DETAIL_QUOTE_MAX) : '(empty body)';
}
