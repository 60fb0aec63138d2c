/**
 * The shapes a secret takes when something repeats it: a PSA that echoes the
 * request in an error body quotes the header value raw, JSON-escaped,
 * URL-encoded or inside a base64 blob (ConnectWise's `Basic` value is
 * base64(`company+public:private`), so the private key's own base64 is not in
 * it). Scrubbing only the raw value would miss all of those.
 */

/** Shorter base64 fragments would match ordinary text by chance. */
const MIN_FRAGMENT = 8;

/** Every form of `secret` worth scrubbing, longest first. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret), formEncoded(secret), JSON.stringify(secret).slice(1, -1), hex(secret)]);
  for (const fragment of base64Fragments(secret)) forms.add(fragment);
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * The part of the base64 of any byte string containing `secret` that depends
 * on the secret alone, for each of the three offsets it can start at: the
 * first group of four (mixed with the bytes before) and the last, incomplete
 * group (mixed with the bytes after) are dropped. The whole-string encodings
 * are added as well, with and without padding, standard and URL-safe.
 */
export function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = new Set<string>();
  const whole = bytes.toString('base64');
  for (const form of [whole, whole.replace(/=+$/, '')]) {
    out.add(form);
    out.add(toUrlSafe(form));
  }
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const groups = Math.floor((offset + bytes.length) / 3);
    const fragment = padded.slice(offset === 0 ? 0 : 4, groups * 4);
    if (fragment.length >= MIN_FRAGMENT) {
      out.add(fragment);
      out.add(toUrlSafe(fragment));
    }
  }
  return [...out];
}

/**
 * The secrets inside an Authorization header value: the encoded credentials of
 * a Basic value, the decoded `company+public:private`, and its public and
 * private keys; the token of any other scheme.
 */
export function authorizationSecrets(value: string): string[] {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(value);
  if (!match) return [value];
  const [, scheme = '', token = ''] = match;
  if (scheme.toLowerCase() !== 'basic') return [value, token];
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return [value, token, decoded];
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // ConnectWise: `companyId+publicKey`; the company id names the tenant and is not a secret.
  const plus = user.indexOf('+');
  const publicKey = plus < 0 ? user : user.slice(plus + 1);
  return [value, token, decoded, `${publicKey}:${password}`, publicKey, password];
}

function formEncoded(secret: string): string {
  return new URLSearchParams({ s: secret }).toString().slice(2);
}

function hex(secret: string): string {
  return Buffer.from(secret, 'utf8').toString('hex');
}

function toUrlSafe(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}
