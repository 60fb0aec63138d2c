/** Search that ignores case and accents, the way people type company names. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function matchesSearch(text: string, query: string): boolean {
  const needle = fold(query.trim());
  return needle === '' || fold(text).includes(needle);
}
