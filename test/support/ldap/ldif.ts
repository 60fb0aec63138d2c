/**
 * Directory entries as the test fixtures build them, and LDIF (RFC 2849) for slapadd: binary values (objectGUID) and
 * values LDIF cannot carry as they are (non-ASCII names, a leading space or colon) are written base64 (`attr:: …`).
 */
import { Attribute } from 'ldapts';

export type LdapValue = string | Buffer;

export interface LdapEntry {
  readonly dn: string;
  /** Attribute name → its values (one value may be given bare). */
  readonly attributes: Readonly<Record<string, LdapValue | readonly LdapValue[]>>;
}

export function valuesOf(value: LdapValue | readonly LdapValue[]): readonly LdapValue[] {
  return typeof value === 'string' || Buffer.isBuffer(value) ? [value] : value;
}

// SAFE-STRING of RFC 2849: ASCII without NUL, CR, LF; not starting with space, colon or '<'; we also refuse a trailing space.
const SAFE = /^(?![ :<])[\x01-\x09\x0b\x0c\x0e-\x7f]*$/;

function line(name: string, value: LdapValue): string {
  if (typeof value === 'string' && SAFE.test(value) && !value.endsWith(' ')) return `${name}: ${value}`;
  return `${name}:: ${(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64')}`;
}

export function entryToLdif(entry: LdapEntry): string {
  const lines = [line('dn', entry.dn)];
  for (const [name, value] of Object.entries(entry.attributes)) for (const one of valuesOf(value)) lines.push(line(name, one));
  return `${lines.join('\n')}\n`;
}

export function toLdif(entries: Iterable<LdapEntry>): string {
  const parts: string[] = [];
  for (const entry of entries) parts.push(entryToLdif(entry));
  return parts.join('\n');
}

/** The entry's attributes as ldapts `add` takes them (Buffers kept binary). */
export function toAttributes(entry: LdapEntry): Attribute[] {
  return Object.entries(entry.attributes).map(([type, value]) => {
    const values = valuesOf(value);
    const binary = values.some((one) => Buffer.isBuffer(one));
    return new Attribute({ type, values: binary ? values.map((one) => (Buffer.isBuffer(one) ? one : Buffer.from(one, 'utf8'))) : values.map(String) });
  });
}
