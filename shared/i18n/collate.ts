/**
 * Text order for the UI language: one `Intl.Collator` per language, accent- and case-insensitive
 * ("Çelik" sorts with C, "Émile" with E, "bakker" with "Bakker") and numeric ("item 2" before "item 10").
 * SQLite's `COLLATE NOCASE` only folds ASCII, so lists the user reads are put in order here, not in SQL.
 */
const collators = new Map<string, Intl.Collator>();

export function collatorFor(language: string): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    collators.set(language, collator);
  }
  return collator;
}

/** Compares two texts in the language's order (negative, zero or positive, as `Array.sort` expects). */
export function compareText(language: string, a: string, b: string): number {
  return collatorFor(language).compare(a, b);
}

/** A sorted copy of `items` by the text `key` gives, in the language's order (stable for equal texts). */
export function sortByText<T>(items: readonly T[], key: (item: T) => string, language: string): T[] {
  const { compare } = collatorFor(language);
  return [...items].sort((a, b) => compare(key(a), key(b)));
}
