/**
 * The locale to format dates and numbers in: the user's own regional variant
 * of the UI language (en-GB, nl-BE), so dates look the way they expect.
 */
export function displayLocale(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}
