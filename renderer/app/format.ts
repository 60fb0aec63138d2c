/**
 * The locale to format dates and numbers in: the user's own regional variant
 * of the UI language (en-GB, nl-BE), so dates look the way they expect.
 */
export function displayLocale(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** A date in few characters for narrow table columns, in the locale's order: 3-2-26 (nl), 2/3/26 (en-US). */
export function compactDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(displayLocale(language), { day: 'numeric', month: 'numeric', year: '2-digit' });
}

/** A day, the one way the language writes it everywhere (30/11/2026, 30-11-2026). */
export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(displayLocale(language));
}

/** A moment (day and time), the one way the language writes it everywhere. */
export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(displayLocale(language));
}

/** A number with the language's separators (1,360 / 1.360), for messages that take it formatted. */
export function formatNumber(value: number, language: string): string {
  return value.toLocaleString(displayLocale(language));
}
