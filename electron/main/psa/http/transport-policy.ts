/**
 * The core's own check that no PSA request leaves in clear: the custom API base
 * URL is validated at the IPC boundary, but Autotask's zone discovery hands back
 * a URL from the network, and stored credentials predate any rule. So every
 * request is checked here, where it is sent.
 */
import { isLoopbackHost } from '../../../../shared/psa/api-url';
import { PsaError } from '../psa-error';

export function requireSecureTransport(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PsaError('invalid-response', 'The PSA request URL is not a valid URL.');
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return;
  throw new PsaError('invalid-response', `Refused to send a PSA request over ${parsed.protocol.replace(/:$/, '')} to ${parsed.host}: credentials would travel unencrypted. Use https:// (http:// is allowed only for this computer).`);
}
