/**
 * RFC 4515 filter values: what a person types in the group search must never change the filter's shape (a `*` is a
 * literal star, `)(` closes nothing). Other characters stay as they are (RFC 4515 allows UTF-8): ldapts's filter
 * parser decodes each `\XX` escape as one character of its own, so an escaped multi-byte character (ë as \c3\ab)
 * would reach the server as two wrong ones.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\u0000]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
