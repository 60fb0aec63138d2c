/**
 * Distinguished names compared as the directory compares them: the same entry is spelled many ways (`CN=Ann,OU=x`
 * in a member value, `cn=Ann,ou=x` as the entry's DN; `\,` or `\2C` for a comma; spaces around separators), so
 * members are matched to entries by a normalised key: attribute types and values lower-cased, escapes decoded,
 * runs of whitespace collapsed, multi-valued RDNs sorted.
 */

const HEX_PAIR = /^[0-9a-fA-F]{2}$/;

/** The RDNs of `dn`, each a list of [type, value] with escapes decoded; throws on a DN that cannot be parsed. */
export function parseDn(dn: string): [string, string][][] {
  const rdns: [string, string][][] = [];
  let rdn: [string, string][] = [];
  let typeBytes: number[] = [];
  let bytes: number[] = [];
  const utf8 = (from: number[]) => Buffer.from(from).toString('utf8');
  let inValue = false;
  let quoted = false;
  // Spaces at the end of a value are dropped unless escaped: remember how many trailing bytes are protected.
  let protectedLength = 0;
  const finishPair = () => {
    let end = bytes.length;
    while (end > protectedLength && bytes[end - 1] === 0x20) end--;
    rdn.push([utf8(typeBytes).trim(), utf8(bytes.slice(0, end))]);
    typeBytes = [];
    bytes = [];
    inValue = false;
    protectedLength = 0;
  };
  const text = Buffer.from(dn, 'utf8');
  for (let index = 0; index < text.length; index++) {
    const byte = text[index] as number;
    const char = String.fromCharCode(byte);
    if (!inValue) {
      if (char === '=') {
        inValue = true;
        // Leading spaces of a value are not part of it.
        while (text[index + 1] === 0x20) index++;
      } else typeBytes.push(byte);
      continue;
    }
    if (quoted) {
      if (char === '"') quoted = false;
      else bytes.push(byte);
      protectedLength = bytes.length;
      continue;
    }
    if (char === '\\') {
      const pair = text.subarray(index + 1, index + 3).toString('latin1');
      if (HEX_PAIR.test(pair)) {
        bytes.push(Number.parseInt(pair, 16));
        index += 2;
      } else if (index + 1 < text.length) {
        bytes.push(text[index + 1] as number);
        index += 1;
      } else throw new Error('A DN ends with a lone backslash');
      protectedLength = bytes.length;
    } else if (char === '"' && bytes.length === 0) quoted = true;
    else if (char === '+') finishPair();
    else if (char === ',' || char === ';') {
      finishPair();
      rdns.push(rdn);
      rdn = [];
      while (text[index + 1] === 0x20) index++;
    } else bytes.push(byte);
  }
  if (inValue) finishPair();
  else if (utf8(typeBytes).trim() !== '' || rdn.length > 0) throw new Error('A DN has a name without a value');
  if (rdn.length > 0) rdns.push(rdn);
  return rdns;
}

const escapeKeyPart = (text: string) => text.replace(/[\\,+=]/g, (char) => `\\${char}`);

const valueKey = (value: string) => escapeKeyPart(value.toLowerCase().replace(/\s+/g, ' ').trim());

/** RDNs of a plain type and a value of words split by single spaces, none holding a backslash, quote, `+`, `;`, `=` or `,`. */
const TIDY_DN = /^[A-Za-z0-9.-]+=[^\s\\"+;=,]+(?: [^\s\\"+;=,]+)*(?:,[A-Za-z0-9.-]+=[^\s\\"+;=,]+(?: [^\s\\"+;=,]+)*)*$/;

/**
 * The common DN — no escapes, quotes, multi-valued RDNs or `;` — by plain string work: the same key parseDn's
 * path makes, several times faster (a sync keys every user and every member value; bench:directory-sync).
 * Undefined when the DN needs the full parser.
 */
function plainKey(dn: string): string | undefined {
  // The commonest spelling of all (`CN=Ann de Vries,OU=Users,DC=example,DC=com`): nothing to trim, collapse or
  // escape, so the key is the DN lower-cased — one regular expression instead of a dozen string operations per RDN.
  if (TIDY_DN.test(dn)) return dn.toLowerCase();
  if (/[\\"+;]/.test(dn)) return undefined;
  const parts = dn.split(',');
  const keys: string[] = [];
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals < 0) return undefined;
    keys.push(`${escapeKeyPart(part.slice(0, equals).trim().toLowerCase())}=${valueKey(part.slice(equals + 1))}`);
  }
  return keys.join(',');
}

/** The key two spellings of one DN share ('' for a DN that cannot be parsed: it matches nothing but itself). */
export function dnKey(dn: string): string {
  if (dn === '') return '';
  return plainKey(dn) ?? parsedDnKey(dn);
}

/** dnKey by the full parser, whatever the DN (exported for the property that the plain path agrees with it). */
export function parsedDnKey(dn: string): string {
  try {
    return parseDn(dn)
      .map((rdn) =>
        rdn
          .map(([type, value]) => `${escapeKeyPart(type.toLowerCase())}=${valueKey(value)}`)
          .sort()
          .join('+'),
      )
      .join(',');
  } catch {
    return `unparsed:${dn.toLowerCase()}`;
  }
}

/** Whether the entry with key `key` is `baseKey` or under it. */
export function isUnderKey(key: string, baseKey: string): boolean {
  return key === baseKey || key.endsWith(`,${baseKey}`);
}

/** The first RDN's value: `Service desk` for CN=Service desk,OU=Groups,…; the DN itself when it cannot be parsed. */
export function firstRdnValue(dn: string): string {
  try {
    return parseDn(dn)[0]?.[0]?.[1] ?? dn;
  } catch {
    return dn;
  }
}

/** groupOfUniqueNames members may carry a uid (`cn=Ann,dc=x#'0101'B`): the DN without it. */
export function withoutUniqueId(value: string): string {
  return value.replace(/#'[01]*'B$/, '');
}

/** The DN without its first RDN ('' for a one-RDN DN): the parent entry. */
export function parentDn(dn: string): string {
  let quoted = false;
  for (let index = 0; index < dn.length; index++) {
    const char = dn[index];
    if (char === '\\') index++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';')) return dn.slice(index + 1).trim();
  }
  return '';
}
