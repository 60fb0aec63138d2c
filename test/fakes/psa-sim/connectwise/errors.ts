/**
 * ConnectWise error bodies: the spec's ErrorResponseMessage `{code, message, errors?}`
 * (psa-apis.md B.10). Handlers throw CwError; the face turns it into a response.
 */
import type { SimResponse } from '../face';

export interface CwErrorItem {
  readonly code: string;
  readonly message: string;
  readonly resource?: string;
  readonly field?: string;
  readonly details?: string;
}

export class CwError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: readonly CwErrorItem[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'CwError';
  }
}

export function errorResponse(error: CwError): SimResponse {
  const body = { code: error.code, message: error.message, ...(error.errors.length > 0 ? { errors: error.errors } : {}) };
  return { status: error.status, headers: error.headers, body };
}

/** [inf] The code string is not documented for bad query parameters; the status and message are what clients key on. */
export const BAD_REQUEST_CODE = 'BadRequest';

export function badRequest(message: string, errors: readonly CwErrorItem[] = []): CwError {
  return new CwError(400, BAD_REQUEST_CODE, message, errors);
}

export function notFound(message = 'The requested resource was not found.'): CwError {
  return new CwError(404, 'NotFound', message);
}

export function methodNotAllowed(method: string): CwError {
  // [inf] Writes are not simulated: POST/PUT/PATCH/DELETE get 405 rather than a fake success.
  return new CwError(405, 'MethodNotAllowed', `The simulator serves GET only; ${method} is not supported on this resource.`, [], { allow: 'GET' });
}
