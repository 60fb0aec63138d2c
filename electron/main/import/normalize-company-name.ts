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

/** Any run of trailing legal forms, each after a space: "foo pty ltd" → "foo". */
const TRAILING_FORMS = new RegExp(`(?: (?:${LEGAL_FORMS.map((form) => form.replace(/ /g, ' ')).join('|')}))+$`);
const ASCII = /^[\x20-\x7e]*$/;

export function normalizeCompanyName(name: string): string {
  let text = name.toLowerCase();
  if (ASCII.test(text)) {
    // Most names are plain ASCII; this path avoids Unicode folding and property classes (it dominates reconciling 50,000 companies).
    text = text.replace(/[&+]/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
  } else {
    text = text.replace(/[äöüßæøåœ]/g, (letter) => WRITTEN_OUT[letter] ?? letter).normalize('NFKD').replace(/\p{M}+/gu, '');
    text = text.replace(/[&+]/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }
  // The name itself is never stripped away: only forms after another word go.
  return text.replace(TRAILING_FORMS, '');
}
