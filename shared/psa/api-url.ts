/**
 * Which custom API base URLs may carry PSA credentials. Autotask sends its
 * secret in a header and ConnectWise a Basic header on every request, so plain
 * `http://` would put them in clear on the network: it is allowed only for
 * loopback (the local PSA simulator), `https://` anywhere. Pure TS (shared/ has
 * no URL class), used by the zod schema, the Connect form and the core.
 */

/** scheme://host[:port][/path] with no user info; the host is a name, an IPv4 address or a bracketed IPv6 address. */
const HTTP_URL = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(?:\/[^\s@]*)?$/i;

export type ApiUrlProblem = 'format' | 'insecure';

/** 127.0.0.0/8, localhost (and its subdomains, which resolve to loopback by RFC 6761) and [::1]. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]' || name === '::1' || /^\[(?:0{1,4}:){7}0{0,3}1\]$/.test(name)) return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Null when the value may be used: blank (the PSA's own host), https anywhere, http to loopback. */
export function apiUrlProblem(value: string): ApiUrlProblem | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = HTTP_URL.exec(trimmed);
  if (!match) return 'format';
  const [, scheme = '', host = ''] = match;
  return scheme.toLowerCase() === 'http' && !isLoopbackHost(host) ? 'insecure' : null;
}

/** English, for logs and the IPC fallback; the Connect form shows `psa.apiBaseUrlErrors.<problem>` in the user's language. */
export const API_URL_PROBLEM_MESSAGES: { readonly [P in ApiUrlProblem]: string } = {
  format: 'Enter an https:// URL without credentials',
  insecure: 'Use https://: plain http:// would send the PSA credentials unencrypted; it is allowed only for this computer (localhost, 127.0.0.1, [::1])',
};
