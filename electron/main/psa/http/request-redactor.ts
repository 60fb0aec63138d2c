/**
 * A scrubber for one PSA request, built from the request itself: the log's
 * redactor learns a secret only once the vault stores it, but *Test
 * connection* sends typed credentials the vault has never seen, and a PSA may
 * repeat them (or the whole Authorization header) in an error body.
 *
 * Every header value is a credential unless it is one of the few that never
 * are: a new auth header is scrubbed without anyone having to remember it.
 */
import { Redactor } from '../../logging/redactor';
import { authorizationSecrets } from '../../logging/secret-forms';

const NOT_CREDENTIALS = new Set(['accept', 'content-type', 'content-length', 'user-agent']);

export function requestRedactor(headers: Readonly<Record<string, string>>): Redactor {
  const redactor = new Redactor();
  for (const secret of credentialSecrets(headers)) redactor.add(secret);
  return redactor;
}

/** The credentials in a request's headers, including those inside a Basic value. */
export function credentialSecrets(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers).flatMap(([name, value]) => {
    const key = name.toLowerCase();
    if (NOT_CREDENTIALS.has(key)) return [];
    return key === 'authorization' ? authorizationSecrets(value) : [value];
  });
}
