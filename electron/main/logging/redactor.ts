/**
 * The one secret scrubber: the log uses one that learns every secret the vault
 * sees, and the PSA HTTP layer one per request that knows that request's
 * credentials. A secret is scrubbed in every form something might repeat it
 * in (secret-forms.ts), longest first, so a form that contains another is
 * replaced whole.
 */
import { secretForms } from './secret-forms';

const SECRET_KEY = /pass(word)?|secret|token|private|authorization|cookie|credential|api[-_]?key/i;
export const REDACTED = '[redacted]';
/** Shorter values would be scrubbed out of ordinary words. */
const MIN_SECRET = 4;

export class Redactor {
  private readonly forms = new Set<string>();
  /** `forms`, longest first; rebuilt after an add. */
  private ordered: readonly string[] | null = null;

  /** Learns `secret` and every form of it. */
  add(secret: string): void {
    if (secret.length < MIN_SECRET) return;
    for (const form of secretForms(secret)) if (form.length >= MIN_SECRET) this.forms.add(form);
    this.ordered = null;
  }

  scrub(text: string): string {
    let out = text;
    for (const form of this.sorted()) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /**
   * At most `max` characters of `text` with every secret gone. Scrubbed before
   * it is cut: cutting first would leave the start of a secret that straddles
   * the edge, which no longer matches the whole secret. A start of a secret
   * at the very end of `text` (the sender cut it) and an end of one at the
   * very start go too.
   */
  excerpt(text: string, max: number): string {
    const scrubbed = this.scrubEdges(this.scrub(text));
    if (scrubbed.length <= max) return scrubbed;
    let cut = scrubbed.slice(0, max);
    // Not half a marker either: "[reda…" reads as a damaged message.
    const open = cut.lastIndexOf('[');
    if (open >= 0 && scrubbed.startsWith(REDACTED, open) && open + REDACTED.length > max) cut = cut.slice(0, open);
    return `${cut}…`;
  }

  redact(value: unknown, key = ''): unknown {
    if (key && SECRET_KEY.test(key)) return REDACTED;
    if (typeof value === 'string') return this.scrub(value);
    if (value instanceof Error) return { name: value.name, message: this.scrub(value.message), stack: value.stack && this.scrub(value.stack) };
    if (Array.isArray(value)) return value.map((item) => this.redact(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redact(v, k)]));
    }
    return value;
  }

  private scrubEdges(text: string): string {
    let out = text;
    for (const form of this.sorted()) {
      for (let length = Math.min(form.length - 1, out.length); length >= MIN_SECRET; length--) {
        if (out.endsWith(form.slice(0, length))) {
          out = out.slice(0, out.length - length) + REDACTED;
          break;
        }
      }
      for (let length = Math.min(form.length - 1, out.length); length >= MIN_SECRET; length--) {
        if (out.startsWith(form.slice(form.length - length))) {
          out = REDACTED + out.slice(length);
          break;
        }
      }
    }
    return out;
  }

  private sorted(): readonly string[] {
    this.ordered ??= [...this.forms].sort((a, b) => b.length - a.length);
    return this.ordered;
  }
}
