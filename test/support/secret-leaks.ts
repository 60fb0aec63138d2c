/**
 * Finds a secret in text in any form a PSA or a careless formatter might
 * repeat it in — independently of the product's redactor, so a test using it
 * does not grade the redactor by its own rules. Pieces count: a secret cut in
 * half (at the edge of a quote) still leaks half of it.
 */

import { randomInt } from 'node:crypto';

/** A run this long of a secret's characters is a leak; shorter runs occur by chance. */
export const LEAK_WINDOW = 6;

/** Where `secret` shows in `text` (raw, JSON-escaped, URL-encoded or in base64 at any alignment), or null. */
export function findLeak(text: string, secret: string, window = LEAK_WINDOW): string | null {
  const views: Array<[string, string]> = [
    ['raw', text],
    ['JSON-unescaped', jsonUnescaped(text)],
    ['URL-decoded', urlDecoded(text)],
    ['form-decoded', urlDecoded(text.replace(/\+/g, ' '))],
    ['hex-decoded', hexDecoded(text)],
    ...base64Decoded(text).map((decoded): [string, string] => ['base64-decoded', decoded]),
  ];
  for (let start = 0; start + window <= secret.length; start++) {
    const piece = secret.slice(start, start + window);
    for (const [view, seen] of views) if (seen.includes(piece)) return `${view} "${piece}"`;
  }
  return null;
}

function jsonUnescaped(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_, code: string | undefined, char: string | undefined) => (code ? String.fromCharCode(parseInt(code, 16)) : char === 'n' ? '\n' : char === 't' ? '\t' : (char ?? '')));
}

function urlDecoded(text: string): string {
  return text.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function hexDecoded(text: string): string {
  return (text.match(/[0-9a-fA-F]{8,}/g) ?? []).map((run) => Buffer.from(run.length % 2 ? run.slice(1) : run, 'hex').toString('latin1') + Buffer.from(run.length % 2 ? run.slice(0, -1) : run.slice(1, -1), 'hex').toString('latin1')).join('\n');
}

/** Every run of base64 characters, decoded from each of the four positions a group can start at. */
function base64Decoded(text: string): string[] {
  const runs = text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? [];
  return runs.flatMap((run) => {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/');
    return [0, 1, 2, 3].map((shift) => Buffer.from(standard.slice(shift), 'base64').toString('latin1'));
  });
}

const NOT_HEX = 'ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ';

/**
 * The random part of a test secret: letters none of which is a hex digit, so no piece of it matches a UUID, a hex
 * id or "[redacted]" in the text searched (a secret made with randomUUID() once matched an id: "0-4fe4").
 */
export function unguessable(length = 32): string {
  return Array.from({ length }, () => NOT_HEX[randomInt(NOT_HEX.length)]).join('');
}
