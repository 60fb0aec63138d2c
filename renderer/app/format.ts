/**
 * The locale to format dates and numbers in: the user's own regional variant
 * of the UI language (en-GB, nl-BE), so dates look the way they expect.
 */
export function displayLocale(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** A date in few characters for narrow table columns, in the locale's order: 3-2-26 (nl), 2/3/26 (en-US). */
export function compactDate(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'numeric', year: '2-digit' });
}
