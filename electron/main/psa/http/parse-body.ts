/**
 * A response body to validated data: JSON, then the zod schema. Anything
 * unexpected is a PsaError 'invalid-response' whose detail names the request
 * and the first issue. Free of the transport, so the page worker
 * (../pages/page-worker.ts) runs the very same code off the main thread.
 */
import type { z } from 'zod';
import { PsaError } from '../psa-error';
import { requestRedactor } from './request-redactor';

/** `request.headers`: its credentials are scrubbed from the detail (zod quotes values it rejects). */
export function parseBody<S extends z.ZodType>(response: { readonly status: number; readonly body: string }, schema: S, request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>> }): z.output<S> {
  const where = `${request.method} ${pathOf(request.url)}`;
  const scrub = (text: string) => requestRedactor(request.headers).scrub(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    const what = response.body.trim().startsWith('<') ? 'an HTML page' : response.body.trim() === '' ? 'an empty body' : 'malformed or truncated JSON';
    throw new PsaError('invalid-response', scrub(`Expected JSON from ${where} but got ${what}.`), response.status);
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new PsaError('invalid-response', scrub(`Unexpected data from ${where}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}.`), response.status);
  }
  return checked.data;
}

/** Path only: query strings can be long, and hosts are in the connection status anyway. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.slice(0, 100);
  }
}
