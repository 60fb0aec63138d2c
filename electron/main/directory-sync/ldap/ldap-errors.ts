/**
 * Whatever the LDAP client or the network throws, as a DomainError with a DIRECTORY_* code and the fields its
 * message needs, so a run can log it, show it in English and Dutch, and change nothing. The bind password never
 * appears in a message or field: every text taken from an error is scrubbed of it.
 */
import { ResultCodeError } from 'ldapts';
import { DomainError } from '../../base/domain-error';
import { dnKey } from './dn';

/** Where the failure happened: it decides what a result code means (noSuchObject on the base DN, a refused StartTLS). */
export type LdapStage = 'connect' | 'starttls' | 'bind' | 'search';

export interface ErrorContext {
  readonly stage: LdapStage;
  /** host:port as configured. */
  readonly server: string;
  readonly baseDn: string;
  /** The base of the search that failed. */
  readonly searchBase?: string;
  readonly password: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);
const NOT_TRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

/** Raised by the reader itself when a search meets a continuation reference (a referral inside a subtree). */
export class ReferralMet extends Error {
  constructor(readonly url: string) {
    super(`Referral to ${url}`);
  }
}

/** Raised by the reader's own timer (StartTLS has no timeout of its own in ldapts). */
export class LdapTimeout extends Error {}

function scrub(text: string, password: string): string {
  return password.length > 0 ? text.split(password).join('••••') : text;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function tlsDetail(error: unknown): string | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  if (NOT_TRUSTED.has(code)) return 'certificate not trusted';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'certificate name mismatch';
  if (code === 'CERT_HAS_EXPIRED') return 'certificate expired';
  if (code === 'CERT_NOT_YET_VALID') return 'certificate not yet valid';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') return 'TLS handshake failed';
  return undefined;
}

export function toDirectoryError(error: unknown, context: ErrorContext): DomainError {
  if (error instanceof DomainError) return error;
  const message = scrub(error instanceof Error ? error.message : String(error), context.password);
  const searchBase = context.searchBase ?? context.baseDn;
  if (error instanceof ReferralMet) return new DomainError('DIRECTORY_REFERRAL', `The directory referred the search to ${error.url}`, { url: scrub(error.url, context.password) });
  if (error instanceof LdapTimeout || /timed? ?out/i.test(message) || errorCode(error) === 'ETIMEDOUT') {
    return new DomainError('DIRECTORY_TIMEOUT', `The directory at ${context.server} did not answer in time (${context.stage})`);
  }
  const tls = tlsDetail(error);
  if (tls) return new DomainError('DIRECTORY_TLS', `TLS with ${context.server} failed: ${tls} (${errorCode(error) ?? ''})`, { detail: tls });
  if (error instanceof ResultCodeError) {
    if (context.stage === 'starttls') return new DomainError('DIRECTORY_TLS', `${context.server} refused StartTLS (result ${error.code})`, { detail: 'StartTLS refused by the server' });
    switch (error.code) {
      case 49:
        return new DomainError('DIRECTORY_BIND_FAILED', `The directory refused the bind (result 49)`);
      case 3:
        return new DomainError('DIRECTORY_TIMEOUT', `The directory's time limit ended the search of ${searchBase}`);
      case 10:
        return new DomainError('DIRECTORY_REFERRAL', `The directory referred the search of ${searchBase} elsewhere`, { url: '' });
      case 32:
        if (dnKey(searchBase) === dnKey(context.baseDn)) return new DomainError('DIRECTORY_BASE_MISSING', `The base DN ${context.baseDn} does not exist`, { dn: context.baseDn });
        return new DomainError('DIRECTORY_SEARCH_FAILED', `${searchBase} does not exist (result 32)`, { code: '32', detail: `${searchBase} does not exist` });
      case 50:
        return new DomainError('DIRECTORY_ACCESS_DENIED', `The bind account may not read ${searchBase}`, { dn: searchBase });
      default:
        return new DomainError('DIRECTORY_SEARCH_FAILED', `The directory refused the ${context.stage} of ${searchBase}: result ${error.code}: ${message}`, {
          code: String(error.code),
          detail: message.split('\n')[0] ?? '',
        });
    }
  }
  const code = errorCode(error);
  if (code !== undefined && UNREACHABLE.has(code)) return new DomainError('DIRECTORY_UNREACHABLE', `The directory at ${context.server} does not answer (${code})`, { host: context.server });
  // The connection closed under us before the bind was answered: the server hung up (an LDAPS port spoken to in plain, a proxy).
  if (context.stage !== 'search' && /closed|socket/i.test(message)) return new DomainError('DIRECTORY_UNREACHABLE', `The directory at ${context.server} closed the connection`, { host: context.server });
  return new DomainError('DIRECTORY_SEARCH_FAILED', `Directory ${context.stage} failed: ${message}`, { code: code ?? 'client', detail: message.split('\n')[0] ?? '' });
}
