/**
 * ConnectWise request authentication (psa-apis.md B.2): HTTP Basic with
 * `<companyId>+<publicKey>` : `<privateKey>`, plus the integration's `clientId` header.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimCredentials } from '../model';
import { BAD_REQUEST_CODE, CwError } from './errors';

export interface AuthOptions {
  /**
   * Status for a request without a clientId. The real status is unknown
   * (psa-apis.md D.8); 401 is the default because since 2019 the request is refused
   * as unauthenticated, and tests can switch to 400 to prove a client handles both.
   */
  readonly missingClientIdStatus: 400 | 401;
}

export const WRONG_CREDENTIALS_MESSAGE = 'The company id, public key or private key is incorrect.';
export const MISSING_CLIENT_ID_MESSAGE =
  'A clientId header is required on every request. Register an integration at developer.connectwise.com to get one.';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function unauthorized(message: string): CwError {
  return new CwError(401, 'Unauthorized', message);
}

/** Throws the 401 (or 400) a real server would answer; returns when the request may proceed. */
export function checkAuthentication(headers: IncomingHttpHeaders, expected: SimCredentials['connectwise'], options: AuthOptions): void {
  const authorization = header(headers, 'authorization');
  // With no credentials at all the server answers in its generic shape (christaylorcodes issue #18).
  if (authorization === undefined || authorization.trim() === '') throw new CwError(401, 'ConnectWiseApi', 'UserNotAuthenticated');

  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw unauthorized('The Authorization header must be HTTP Basic: base64("<companyId>+<publicKey>:<privateKey>").');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const plus = user.indexOf('+');
  if (colon < 0 || plus < 0) throw unauthorized('The Basic user name must be "<companyId>+<publicKey>" and the password the private key.');

  // Login company ids are case-insensitive, keys are not [inf].
  const companyId = user.slice(0, plus);
  const publicKey = user.slice(plus + 1);
  const privateKey = decoded.slice(colon + 1);
  const valid =
    companyId.toLowerCase() === expected.companyId.toLowerCase() && publicKey === expected.publicKey && privateKey === expected.privateKey;
  if (!valid) throw unauthorized(WRONG_CREDENTIALS_MESSAGE);

  const clientId = header(headers, 'clientid');
  if (clientId === undefined || clientId.trim() === '') {
    throw new CwError(options.missingClientIdStatus, options.missingClientIdStatus === 401 ? 'Unauthorized' : BAD_REQUEST_CODE, MISSING_CLIENT_ID_MESSAGE);
  }
  // [inf] A real tenant accepts any registered clientId; the simulator knows only one.
  if (clientId.trim().toLowerCase() !== expected.clientId.toLowerCase()) throw unauthorized('The clientId is not a registered integration.');
}
