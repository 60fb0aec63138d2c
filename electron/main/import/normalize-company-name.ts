/**
 * The key two company names must share to be "possibly the same company": case,
 * accents, punctuation, `&`/`and`, spacing and trailing legal forms do not count.
 * Only ever a suggestion — mappings are keyed by PSA ids, never by names.
 */

/** Trailing legal forms, as word sequences after punctuation is removed (B.V. → b v, Pty Ltd → pty ltd). */
const LEGAL_FORMS: readonly string[] = [
  'limited', 'ltd', 'llc', 'l l c', 'llp', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'kg', 'ohg', 'ug', 'e v', 'ev',
  'bv', 'b v', 'nv', 'n v', 'bvba', 'b v b a', 'vof', 'v o f', 'cv', 'c v', 'vzw', 'v z w',
  'sa', 's a', 'sarl', 's a r l', 'srl', 's r l', 'sas', 's a s', 'spa', 's p a',
  'plc', 'p l c', 'pty', 'pty ltd', 'pte', 'pte ltd', 'oy', 'ab', 'as', 'a s', 'aps', 'asa',
].sort((a, b) => b.length - a.length);

/** German umlauts are written out (ü → ue) so Müller and Mueller meet; other accents are dropped. */
const WRITTEN_OUT: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', ø: 'o', å: 'a', œ: 'oe' };

export function normalizeCompanyName(name: string): string {
  let text = name.toLowerCase().replace(/[äöüßæøåœ]/g, (letter) => WRITTEN_OUT[letter] ?? letter);
  text = text.normalize('NFKD').replace(/\p{M}+/gu, '');
  text = text.replace(/&|\+/g, ' and ');
  text = text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // Strip trailing legal forms repeatedly ("Foo Holding B.V. i.o." is out of scope; "Foo Pty Ltd" is not).
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (text.endsWith(` ${form}`) && text.length > form.length + 1) {
        text = text.slice(0, -form.length - 1).trim();
        changed = true;
        break;
      }
    }
  }
  return text.replace(/\s+/g, ' ');
}
