import { describe, expect, it } from 'vitest';
import { fetchPartitioned, type IdRange, type IdRangeSource } from '../../electron/main/psa/partitioned-fetch';

/** An id-ordered collection served page by page, counting requests like a PSA would see them. */
function source(ids: number[], pageSize: number) {
  const sorted = [...ids].sort((a, b) => a - b);
  const calls = { pages: 0, counts: 0 };
  const inRange = (id: number, range: IdRange) => (range.after === undefined || id > range.after) && (range.upTo === undefined || id <= range.upTo);
  const impl: IdRangeSource<number> = {
    pageSize,
    idOf: (id) => id,
    count: async (range) => {
      calls.counts++;
      await Promise.resolve();
      return sorted.filter((id) => inRange(id, range)).length;
    },
    stream: async (range, onPage) => {
      const all = sorted.filter((id) => inRange(id, range));
      for (let start = 0; start < Math.max(1, all.length); start += pageSize) {
        calls.pages++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (onPage(all.slice(start, start + pageSize)) === false) return;
      }
    },
  };
  return { impl, calls };
}

async function run(ids: number[], pageSize: number, streams = 3) {
  const { impl, calls } = source(ids, pageSize);
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
