import { describe, expect, it } from 'vitest';
import { fetchPartitioned, type IdRange, type IdRangeSource } from '../../electron/main/psa/partitioned-fetch';
import { StreamShare } from '../../electron/main/psa/stream-share';

/** An id-ordered collection served page by page, counting requests like a PSA would see them. */
function source(ids: number[], pageSize: number, faults: { failOnPage?: number; repeatEvery?: number } = {}) {
  const sorted = [...ids].sort((a, b) => a - b);
  const calls = { pages: 0, counts: 0, partial: 0 };
  const inRange = (id: number, range: IdRange) => (range.after === undefined || id > range.after) && (range.upTo === undefined || id <= range.upTo);
  const impl: IdRangeSource<number> = {
    pageSize,
    idOf: (id) => id,
    count: async (ranges) => {
      calls.counts++;
      await Promise.resolve();
      return sorted.filter((id) => ranges.some((range) => inRange(id, range))).length;
    },
    stream: async (ranges, onPage) => {
      const all = sorted.filter((id) => ranges.some((range) => inRange(id, range)));
      for (let start = 0; start < Math.max(1, all.length); start += pageSize) {
        calls.pages++;
        calls.partial += all.slice(start, start + pageSize).length < pageSize ? 1 : 0;
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (calls.pages === faults.failOnPage) throw new Error('PSA server error');
        const page = all.slice(start, start + pageSize);
        // A PSA whose paging slips hands back a record it gave before (the previous page's last).
        if (faults.repeatEvery && calls.pages % faults.repeatEvery === 0 && start > 0) page.unshift(all[start - 1] as number);
        // Like both PSAs, the source says when no page follows (no nextPageUrl, no Link).
        if ((await onPage(page, start + pageSize >= all.length)) === false) return;
      }
    },
  };
  return { impl, calls };
}

async function run(ids: number[], pageSize: number, streams = 3, faults = {}) {
  const { impl, calls } = source(ids, pageSize, faults);
  const got: number[] = [];
  let total = -1;
  await fetchPartitioned(impl, { streams, onPage: (page) => got.push(...page), onTotal: (value) => (total = value) });
  return { got, calls, total };
}

describe('partitioned fetch', () => {
  it('delivers every record exactly once, in the minimum number of pages', async () => {
    const ids = Array.from({ length: 10_000 }, (_, index) => 1000 + index * 3 + (index % 7));
    const { got, calls, total } = await run(ids, 100);
    expect(got.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(total).toBe(ids.length);
    expect(calls.pages).toBe(100);
  });

  it('copes with lumpy id spaces (big gaps, dense runs)', async () => {
    const ids = [...Array.from({ length: 3000 }, (_, i) => i + 1), ...Array.from({ length: 3000 }, (_, i) => 5_000_000 + i * 1000), ...Array.from({ length: 1234 }, (_, i) => 90_000_000 + i)];
    const { got, calls } = await run(ids, 250);
    expect(new Set(got).size).toBe(ids.length);
    expect(got.length).toBe(ids.length);
    expect(calls.pages).toBe(Math.ceil(ids.length / 250));
  });

  it('makes one count per stream and leaves only the very last page part-filled, wherever the splits fall', async () => {
    // Ids that thin out: a first page suggests a density that the rest does not have.
    const ids = Array.from({ length: 5_321 }, (_, index) => (index < 600 ? index : 600 + (index - 600) * 17));
    for (const streams of [2, 3, 4, 5]) {
      const { got, calls } = await run(ids, 100, streams);
      expect(got.sort((a, b) => a - b)).toEqual(ids);
      expect(calls.pages).toBe(Math.ceil(ids.length / 100));
      expect(calls.partial).toBe(1);
      expect(calls.counts).toBe(streams);
    }
  });

  it('drops records a PSA hands back twice', async () => {
    const ids = Array.from({ length: 2_000 }, (_, index) => 10 + index * 2);
    const { got } = await run(ids, 100, 3, { repeatEvery: 3 });
    expect(got.length).toBe(ids.length);
    expect(new Set(got).size).toBe(ids.length);
  });

  it('fails as a whole when one page fails, with no worker left waiting', async () => {
    const ids = Array.from({ length: 3_000 }, (_, index) => index + 1);
    await expect(run(ids, 100, 3, { failOnPage: 7 })).rejects.toThrow('PSA server error');
  });

  it('shares streams between collections fetched side by side in proportion to their pages', async () => {
    const share = new StreamShare(4, 2);
    const [contacts, companies] = await Promise.all([share.streamsFor(80), share.streamsFor(10)]);
    expect(contacts).toBe(4);
    expect(companies).toBe(1);
    const cancelled = new AbortController();
    const waiting = new StreamShare(4, 2).streamsFor(10, cancelled.signal);
    cancelled.abort();
    await expect(waiting).rejects.toThrow('Cancelled');
  });

  it('leaves a small collection to one stream', async () => {
    const { got, calls } = await run([5, 9, 12], 100);
    expect(got).toEqual([5, 9, 12]);
    expect(calls.pages).toBe(1);
    expect(calls.counts).toBe(1);
  });

  it('handles an empty collection', async () => {
    const { got, total } = await run([], 100);
    expect(got).toEqual([]);
    expect(total).toBe(0);
  });
});
