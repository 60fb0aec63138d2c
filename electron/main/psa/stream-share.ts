/**
 * Collections fetched side by side (companies and contacts) share the
 * connection's streams in proportion to their pages, so a small collection
 * does not take streams (and their count calls) that the big one needs.
 */
import { PsaCancelled } from './psa-error';

export class StreamShare {
  private readonly pages: number[] = [];
  private release: () => void = () => undefined;
  private readonly everyone = new Promise<void>((resolve) => (this.release = resolve));

  constructor(
    private readonly streams: number,
    private readonly parties: number,
  ) {}

  /** This collection's streams, once every collection has said how many pages it has. */
  async streamsFor(pages: number, signal?: AbortSignal): Promise<number> {
    this.pages.push(pages);
    if (this.pages.length >= this.parties) this.release();
    await new Promise<void>((resolve, reject) => {
      const abort = () => reject(new PsaCancelled());
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      void this.everyone.then(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      });
    });
    const all = this.pages.reduce((sum, value) => sum + value, 0);
    return Math.max(1, Math.round((this.streams * pages) / Math.max(1, all)));
  }
}
