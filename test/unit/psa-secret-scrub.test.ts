/**
 * A PSA that repeats the request's credentials in an error body (debug and
 * gateway pages do) must not get them onto the screen, to the renderer or
 * into the log: the PSA HTTP layer scrubs every form of every credential the
 * request carried, before the body is cut to a quote.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFilePath } from '../../electron/main/logging/logger';
import { Redactor } from '../../electron/main/logging/redactor';
import { autotaskHeaders } from '../../electron/main/psa/autotask/autotask-client';
import { createConnectorFactory } from '../../electron/main/psa/connector-factory';
import { connectwiseHeaders } from '../../electron/main/psa/connectwise/connectwise-client';
import { classify, DETAIL_QUOTE_MAX } from '../../electron/main/psa/http/classify';
import { requestRedactor } from '../../electron/main/psa/http/request-redactor';
import { PsaError } from '../../electron/main/psa/psa-error';
import { PSA_KINDS, type PsaKind } from '../../shared/psa/kinds';
import type { Fault } from '../fakes/psa-sim/model';
import { DEFAULT_SIM_CREDENTIALS, startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { startCore } from '../support/core';
import { FAST_RETRIES, simCredentials } from '../support/psa-sim';
import { findLeak, unguessable } from '../support/secret-leaks';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** Characters that JSON-escaping, URL-encoding and form-encoding each change. */
const awkward = (name: string) => `${name}"q\\w+/= &%:@~-${unguessable()}`;
const secret = awkward('ATsec');
const privateKey = awkward('CWpriv');
const publicKey = `PUB${unguessable(12)}`;

const response = (status: number, body: string) => ({ type: 'response' as const, status, body });

describe('the request scrubber', () => {
  const headers = autotaskHeaders({ username: 'api@example-msp.nl', secret, integrationCode: 'TRACKING-ID-1234' });
  const cw = connectwiseHeaders({ companyId: 'acmemsp', publicKey, privateKey, clientId: randomUUID() });
  const basic = cw['Authorization']!;
  const token = basic.slice('Basic '.length);

  const forms: Array<[string, string, string]> = [
    ['raw', secret, secret],
    ['JSON-escaped', secret, JSON.stringify(secret).slice(1, -1)],
    ['URL-encoded', secret, encodeURIComponent(secret)],
    ['form-encoded', secret, new URLSearchParams({ s: secret }).toString().slice(2)],
    ['base64', secret, Buffer.from(secret).toString('base64')],
    ['base64url', secret, Buffer.from(secret).toString('base64url')],
    ['base64 inside a longer blob', secret, Buffer.from(`{"Secret":"${secret}"}`).toString('base64')],
    ['the ConnectWise private key', privateKey, privateKey],
    ['the ConnectWise private key JSON-escaped', privateKey, JSON.stringify(privateKey).slice(1, -1)],
    ['the Basic header value', privateKey, basic],
    ['base64(company+public:private)', privateKey, token],
    ['company+public:private decoded', privateKey, `acmemsp+${publicKey}:${privateKey}`],
    ['the public key', publicKey, publicKey],
  ];
  for (const [label, which, form] of forms) {
    it(`scrubs ${label} from an error body`, () => {
      const redactor = requestRedactor({ ...headers, ...cw });
      const { detail } = classify(response(401, `{"errors":["echo: ${form} (end)"]}`), redactor);
      expect(findLeak(detail, which)).toBeNull();
      expect(detail).toContain('[redacted]');
      expect(detail).toContain('(end)');
    });
  }

  it('keeps what is not a credential, so the detail still says something', () => {
    const { detail } = classify(response(401, '{"code":"Unauthorized","message":"Authentication failed for company acmemsp."}'), requestRedactor(cw));
    expect(detail).toBe('HTTP 401: {"code":"Unauthorized","message":"Authentication failed for company acmemsp."}');
  });

  it('leaves no start of a secret where the quote is cut, at any position', () => {
    const redactor = requestRedactor(headers);
    for (const encoded of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      for (let at = DETAIL_QUOTE_MAX - encoded.length - 2; at <= DETAIL_QUOTE_MAX + 2; at++) {
        const body = `${'.'.repeat(at)}${encoded}${'.'.repeat(400)}`;
        const { detail } = classify(response(500, body), redactor);
        expect(findLeak(detail, secret, 4), `secret at ${at}`).toBeNull();
        expect(detail.length).toBeLessThanOrEqual('HTTP 500: '.length + DETAIL_QUOTE_MAX + 1);
      }
    }
  });

  it('scrubs the start of a secret the PSA itself cut off at the end of its body', () => {
    const redactor = requestRedactor(headers);
    for (let length = 4; length < secret.length; length++) {
      const { detail } = classify(response(500, `{"errors":["Secret=${secret.slice(0, length)}`), redactor);
      expect(findLeak(detail, secret, 4), `${length} characters`).toBeNull();
    }
  });

  it('scrubs a credential wherever and however it sits in a body of any length (property)', () => {
    const alphabet = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"\\+/=&%:@~ -_'.split(''));
    const filler = fc.string({ unit: fc.constantFrom(...'.,;!*()[]{}<>|#$'.split('')), maxLength: 600 });
    const encodings = ['raw', 'json', 'uri', 'form', 'base64-blob', 'basic'] as const;
    fc.assert(
      fc.property(fc.string({ unit: alphabet, minLength: 12, maxLength: 80 }), filler, filler, fc.constantFrom(...encodings), fc.string({ maxLength: 5 }), (value, before, after, encoding, blobPrefix) => {
        const headers = connectwiseHeaders({ companyId: 'acmemsp', publicKey: 'PUBLICKEY1', privateKey: value, clientId: 'client-id' });
        const encoded = {
          raw: value,
          json: JSON.stringify(value).slice(1, -1),
          uri: encodeURIComponent(value),
          form: new URLSearchParams({ s: value }).toString().slice(2),
          'base64-blob': Buffer.from(`${blobPrefix}${value}"}`).toString('base64'),
          basic: headers['Authorization']!,
        }[encoding];
        const { detail } = classify(response(401, `${before}${encoded}${after}`), requestRedactor(headers));
        const leak = findLeak(detail, value);
        if (leak) throw new Error(`${encoding} leaked ${leak} in ${detail}`);
      }),
      { numRuns: 400 },
    );
  });

  it('learns a stored secret in every form for the log too', () => {
    const redactor = new Redactor();
    redactor.add(secret);
    const text = redactor.scrub(`a ${JSON.stringify(secret)} b ${Buffer.from(`x${secret}`).toString('base64')} c ${encodeURIComponent(secret)}`);
    expect(findLeak(text, secret)).toBeNull();
  });
});

describe('PSA errors that echo the credentials (simulator)', () => {
  let sim: RunningPsaSimulator;
  beforeAll(async () => {
    sim = await startPsaSimulator({
      seed: 4,
      companies: 30,
      contactsPerCompany: 1,
      credentials: { autotask: { ...DEFAULT_SIM_CREDENTIALS.autotask, secret }, connectwise: { ...DEFAULT_SIM_CREDENTIALS.connectwise, publicKey, privateKey } },
    });
  });
  afterAll(() => sim.close());

  const secretsOf = (psa: PsaKind) => (psa === 'autotask' ? [secret] : [privateKey, publicKey]);
  const authenticated = (psa: PsaKind) => (psa === 'autotask' ? '/companies/query' : '/company/companies');

  for (const psa of PSA_KINDS) {
    it(`${psa}: Test connection with typed credentials shows and logs none of them, wherever the echo falls`, async () => {
      const dataDir = tempDir();
      const core = await startCore(dataDir);
      // Lead 0 quotes the whole echo; the others put a credential across the 300-character cut.
      for (const lead of [0, 60, 120, 140, 150, 160, 170, 200]) {
        const fault: Fault = { kind: 'echo-credentials', status: 401, lead };
        const remove = sim.faults.add({ api: psa, pathIncludes: authenticated(psa), fault });
        const result = await core.psa.test(psa, simCredentials(sim, psa));
        remove();
        expect(result).toMatchObject({ outcome: 'failed', error: { kind: 'authentication-error' } });
        for (const value of secretsOf(psa)) expect(findLeak(JSON.stringify(result), value), `lead ${lead}`).toBeNull();
      }
      const log = readFileSync(logFilePath(dataDir), 'utf8');
      expect(log).toContain('PSA connection test failed');
      for (const value of secretsOf(psa)) expect(findLeak(log, value)).toBeNull();
      await core.close();
    });

    it(`${psa}: a fetch that fails on an echoing 500 reports it without the credentials`, async () => {
      const remove = sim.faults.add({ api: psa, pathIncludes: authenticated(psa), fault: { kind: 'echo-credentials', status: 500 } });
      const connector = createConnectorFactory(FAST_RETRIES)(simCredentials(sim, psa));
      const failure = await connector.testConnection().then(
        () => null,
        (error: unknown) => error,
      );
      remove();
      expect(failure).toBeInstanceOf(PsaError);
      const { kind, detail } = (failure as PsaError).view();
      expect(kind).toBe('psa-server-error');
      expect(detail).toContain('Request rejected');
      for (const value of secretsOf(psa)) expect(findLeak(detail ?? '', value)).toBeNull();
    });
  }
});
