/**
 * Active Directory's range retrieval: a group with more members than MaxValRange (1,500) answers
 * `member;range=0-1499` instead of `member`, and the rest is read from the group itself as `member;range=1500-*`
 * and so on, until an answer's range ends in `*`. Kept apart from the client behind `searchBase` so a strict
 * AD-behaving double can test it (slapd never answers with ranges).
 */

/** Reads one attribute (such as `member;range=1500-*`) of one entry: the entry's attributes as returned, by name. */
export type SearchBase = (dn: string, attribute: string) => Promise<Readonly<Record<string, readonly string[]>>>;

const RANGED = /^([A-Za-z][A-Za-z0-9-]*);range=(\d+)-(\d+|\*)$/i;

export interface RangedValue {
  readonly attribute: string;
  readonly start: number;
  /** null: the last range (`*`). */
  readonly end: number | null;
}

/** `member;range=0-1499` → { attribute: member, start: 0, end: 1499 }; undefined for an attribute name without a range. */
export function parseRange(name: string): RangedValue | undefined {
  const match = RANGED.exec(name);
  if (!match) return undefined;
  return { attribute: match[1] as string, start: Number(match[2]), end: match[3] === '*' ? null : Number(match[3]) };
}

/** At most this many follow-up reads for one attribute (AD's 1,500 a range: 15 million values) before we call it a loop. */
const MAX_RANGES = 10_000;

/**
 * All values of `attribute` on the entry `dn`, given the attributes its search answer carried: the plain attribute as
 * it is, or the first range followed by the rest, range by range.
 */
export async function allValues(dn: string, attribute: string, answered: Readonly<Record<string, readonly string[]>>, searchBase: SearchBase): Promise<string[]> {
  const wanted = attribute.toLowerCase();
  let rangedName: string | undefined;
  for (const [name, values] of Object.entries(answered)) {
    if (name.toLowerCase() === wanted && values.length > 0) return [...values];
    if (parseRange(name)?.attribute.toLowerCase() === wanted) rangedName = name;
  }
  if (!rangedName) return [];
  const values = [...(answered[rangedName] ?? [])];
  let range = parseRange(rangedName) as RangedValue;
  for (let reads = 0; range.end !== null; reads++) {
    if (reads >= MAX_RANGES) throw new Error(`Range retrieval of ${attribute} on ${dn} did not end`);
    const next = range.end + 1;
    const answer = await searchBase(dn, `${attribute};range=${next}-*`);
    const found = Object.entries(answer).find(([name]) => {
      const parsed = parseRange(name);
      return parsed?.attribute.toLowerCase() === wanted && parsed.start === next;
    });
    // No further range: the values changed under us (a member removed) and the server has no more to give.
    if (!found) break;
    values.push(...found[1]);
    range = parseRange(found[0]) as RangedValue;
  }
  return values;
}
