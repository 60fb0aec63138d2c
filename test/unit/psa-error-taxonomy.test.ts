import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../electron/main/psa/http/backoff';
import { Redactor } from '../../electron/main/logging/redactor';
import { classify, parseRetryAfter } from '../../electron/main/psa/http/classify';
import { requireComplete } from '../../electron/main/psa/psa-connections';
import { PSA_ERROR_KINDS } from '../../shared/psa/errors';
import { en } from '../../shared/i18n/locales/en';
import { nl } from '../../shared/i18n/locales/nl';

const response = (status: number, body = '', retryAfter?: string) => ({ type: 'response' as const, status, body, retryAfter });

describe('PSA error taxonomy: every branch', () => {
  const cases: Array<[string, Parameters<typeof classify>[0], { kind: string | null; retryable: boolean }]> = [
    ['2xx is not an error (the body is validated separately)', response(200, '{}'), { kind: null, retryable: false }],
    ['401 → authentication error, never retried', response(401, '{"errors":["bad secret"]}'), { kind: 'authentication-error', retryable: false }],
    ['Autotask 500 "Zone information could not be determined" → authentication error', response(500, '{"errors":["Zone information could not be determined"]}'), { kind: 'authentication-error', retryable: false }],
    ['Autotask 500 "IntegrationCode is invalid." → authentication error', response(500, '{"errors":["IntegrationCode is invalid."]}'), { kind: 'authentication-error', retryable: false }],
    ['403 → forbidden, never retried', response(403, '{"code":"Forbidden","message":"no"}'), { kind: 'forbidden', retryable: false }],
    ['Autotask 500 for missing permissions → forbidden', response(500, '{"errors":["The logged in Resource does not have the adequate permissions to query this entity"]}'), { kind: 'forbidden', retryable: false }],
    ['429 → retried', response(429, '', '2'), { kind: 'psa-server-error', retryable: true }],
    ['Autotask thread-limit rejection → retried', response(500, '{"errors":["Thread Threshold Exceeded (Itgenatr005)"]}'), { kind: 'psa-server-error', retryable: true }],
    ['502 → retried', response(502, 'Bad Gateway'), { kind: 'psa-server-error', retryable: true }],
    ['503 → retried', response(503, ''), { kind: 'psa-server-error', retryable: true }],
    ['504 → retried', response(504, ''), { kind: 'psa-server-error', retryable: true }],
    ['500 → server error, not retried (a write could repeat)', response(500, '{"errors":["boom"]}'), { kind: 'psa-server-error', retryable: false }],
    ['404 → something went wrong', response(404, '{"code":"NotFound"}'), { kind: 'unknown', retryable: false }],
    ['connection reset → retried', { type: 'network', code: 'ECONNRESET', message: 'socket hang up' }, { kind: 'unknown', retryable: true }],
    ['timeout → retried', { type: 'network', code: 'ECONNABORTED', message: 'timeout of 30000ms exceeded' }, { kind: 'unknown', retryable: true }],
    ['connection refused → not retried', { type: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, { kind: 'unknown', retryable: false }],
  ];
  for (const [label, outcome, expected] of cases) {
    it(label, () => expect(classify(outcome, new Redactor())).toMatchObject(expected));
  }

  it('names HTML pages instead of quoting them', () => {
    expect(classify(response(502, '<html><body>Bad gateway</body></html>'), new Redactor()).detail).toBe('HTTP 502: an HTML page');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', () => Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(classify(response(429, '', '3'), new Redactor()).retryAfterMs).toBe(3000);
  });

  it('checks an incomplete form before any request: credentials required', () => {
    expect(() => requireComplete({ psa: 'autotask', username: 'api@x.com', secret: '', integrationCode: 'ABC', apiBaseUrl: '' })).toThrow(/Missing: secret/);
    expect(() => requireComplete({ psa: 'connectwise', site: '', companyId: '', publicKey: '', privateKey: '', clientId: '', apiBaseUrl: '' })).toThrowError(
      expect.objectContaining({ kind: 'credentials-required' }),
    );
    expect(() => requireComplete({ psa: 'autotask', username: 'api@x.com', secret: 's', integrationCode: 'ABC', apiBaseUrl: '' })).not.toThrow();
  });

  it('has the seed’s message, in English and Dutch, and a remedy for every kind', () => {
    const seed: Record<string, [string, string]> = {
      'credentials-required': ['Credentials are required', 'Aanmeldingsgegevens zijn vereist'],
      'integration-locked': ['Another administrator is already working with this integration', 'Een andere beheerder werkt al met deze integratie'],
      'not-enough-licenses': ['You do not have enough available licenses', 'U hebt niet voldoende beschikbare licenties'],
      'psa-server-error': ['We received a server error from your PSA provider', 'We hebben een serverfout ontvangen van uw PSA-provider'],
      'authentication-error': ['Authentication error. Check your PSA provider credentials and try again.', 'Verificatiefout. Controleer de aanmeldingsgegevens van uw PSA-provider en probeer het opnieuw.'],
      forbidden: ['We received a Forbidden error from your PSA provider.', 'We hebben een Forbidden-fout ontvangen van uw PSA-provider.'],
      'invalid-response': ['We received an invalid response from your PSA provider', 'We hebben een ongeldige respons ontvangen van uw PSA-provider'],
      unknown: ['Something went wrong', 'Er is iets misgegaan'],
    };
    expect(Object.keys(seed).sort()).toEqual([...PSA_ERROR_KINDS].sort());
    for (const kind of PSA_ERROR_KINDS) {
      expect([en.psaErrors[kind].message, nl.psaErrors[kind].message]).toEqual(seed[kind]);
      expect(en.psaErrors[kind].remedy.length).toBeGreaterThan(10);
      expect(nl.psaErrors[kind].remedy).not.toBe(en.psaErrors[kind].remedy);
    }
  });
});

describe('backoff', () => {
  it('grows exponentially with full jitter and stops after the last attempt', () => {
    const top = () => 0.999999;
    expect(backoffDelay(1, DEFAULT_BACKOFF, undefined, top)).toBe(250);
    expect(backoffDelay(2, DEFAULT_BACKOFF, undefined, top)).toBe(500);
    expect(backoffDelay(4, DEFAULT_BACKOFF, undefined, top)).toBe(2000);
    expect(backoffDelay(2, DEFAULT_BACKOFF, undefined, () => 0)).toBe(0);
    expect(backoffDelay(DEFAULT_BACKOFF.maxAttempts, DEFAULT_BACKOFF, undefined, top)).toBeNull();
  });

  it('honours Retry-After, and gives up on an unreasonably long one', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, 5000, () => 0.5)).toBe(5000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, 10 * 60_000, () => 0.5)).toBeNull();
  });
});
