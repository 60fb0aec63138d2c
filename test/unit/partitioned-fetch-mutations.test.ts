/**
 * The partitioned fetch against a tenant that changes while it pages: records
 * inserted, deleted, and updated in and out of the filter at random ids and
 * moments. Whatever matched the filter for the whole fetch must arrive exactly
 * once; nothing may arrive twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchPartitioned, type IdRange, type IdRangeSource } from '../../electron/main/psa/partitioned-fetch';

type MutationKind = 'insert' | 'delete' | 'flip';

interface Mutation {
  /** The source's step (an await point inside a count or a page request) it happens at. */
  readonly at: number;
  readonly kind: MutationKind;
  /** Where, as a fraction of the id space (insert) or of the records (delete, flip). */
  readonly where: number;
  readonly matches: boolean;
  /** How many neighbouring records it touches (an import, a bulk update). */
  readonly burst: number;
}

const inRange = (id: number, range: IdRange) => (range.after === undefined || id > range.after) && (range.upTo === undefined || id <= range.upTo);

/**
 * An id-ordered collection paged like a PSA: each page is the next `pageSize`
 * matching ids above the cursor, as the data stands when the request arrives.
 * Every await point is a step at which the planned mutations happen.
 */
class ChangingTenant {
  /** id → whether it matches the filter. */
  readonly records = new Map<number, boolean>();
  /** Ids that did not match (or did not exist) at some moment of the fetch. */
  readonly notThroughout = new Set<number>();
  /** Ids that matched at some moment of the fetch. */
  readonly matchedOnce = new Set<number>();
  readonly calls = { pages: 0, counts: 0, partial: 0 };
  private step = 0;
  private tick = 0;
  private maxId = 0;

  constructor(
    initial: ReadonlyArray<{ readonly id: number; readonly matches: boolean }>,
    readonly pageSize: number,
    private readonly mutations: readonly Mutation[],
    private readonly ticks: readonly number[],
    /** A PSA that says when no page follows (Autotask's null nextPageUrl, ConnectWise's missing Link). */
    private readonly saysLast: boolean,
    /** Called at every await point of a page request, to change the tenant at a chosen moment. */
    private readonly onPageStep: (tenant: ChangingTenant) => void = () => undefined,
  ) {
    for (const record of initial) this.records.set(record.id, record.matches);
    for (const [id, matches] of this.records) (matches ? this.matchedOnce : this.notThroughout).add(id);
    this.maxId = Math.max(0, ...this.records.keys());
  }

  source(): IdRangeSource<number> {
    return {
      pageSize: this.pageSize,
      idOf: (id) => id,
      count: async (ranges) => {
        this.calls.counts++;
        await this.pause();
        const count = this.matching(ranges).length;
        await this.pause();
        return count;
      },
      stream: async (ranges, onPage) => {
        let cursor: number | undefined;
        for (;;) {
          this.calls.pages++;
          await this.pause();
          this.onPageStep(this);
          const all = this.matching(ranges).filter((id) => cursor === undefined || id > cursor);
          const page = all.slice(0, this.pageSize);
          const last = all.length <= this.pageSize;
          if (page.length < this.pageSize) this.calls.partial++;
          await this.pause();
          if ((await onPage(page, this.saysLast && last)) === false || page.length < this.pageSize) return;
          // A PSA that does not say so still ends its cursor after the last record (no next link).
          if (last) return;
          cursor = page[page.length - 1];
        }
      },
    };
  }

  private matching(ranges: readonly IdRange[]): number[] {
    const ids: number[] = [];
    for (const [id, matches] of this.records) if (matches && ranges.some((range) => inRange(id, range))) ids.push(id);
    return ids.sort((a, b) => a - b);
  }

  /** An await point: a few microtasks (so workers interleave differently), then the mutations due now. */
  private async pause(): Promise<void> {
    const wait = this.ticks.length > 0 ? (this.ticks[this.tick++ % this.ticks.length] as number) : 0;
    for (let index = 0; index < wait; index++) await Promise.resolve();
    const now = this.step++;
    for (const mutation of this.mutations) if (mutation.at === now) this.apply(mutation);
  }

  apply(mutation: Mutation): void {
    const ids = [...this.records.keys()].sort((a, b) => a - b);
    if (mutation.kind === 'insert') {
      let id = Math.floor(mutation.where * (this.maxId + 20));
      for (let made = 0; made < mutation.burst; made++) {
        do id++;
        while (this.records.has(id));
        this.maxId = Math.max(this.maxId, id);
        this.records.set(id, mutation.matches);
        this.notThroughout.add(id);
        if (mutation.matches) this.matchedOnce.add(id);
      }
      return;
    }
    const first = Math.floor(mutation.where * ids.length);
    for (const id of ids.slice(first, first + mutation.burst)) {
      this.notThroughout.add(id);
      if (mutation.kind === 'delete') this.records.delete(id);
      else {
        const matches = !this.records.get(id);
        this.records.set(id, matches);
        if (matches) this.matchedOnce.add(id);
      }
    }
  }
}

async function fetchAll(tenant: ChangingTenant, streams: number): Promise<number[]> {
  const got: number[] = [];
  await fetchPartitioned(tenant.source(), { streams, onPage: (page) => got.push(...page) });
  return got;
}

function expectComplete(tenant: ChangingTenant, initial: ReadonlyArray<{ id: number; matches: boolean }>, got: readonly number[]): void {
  const throughout = initial.filter((record) => record.matches && !tenant.notThroughout.has(record.id)).map((record) => record.id);
  const delivered = new Set(got);
  expect(got.length, 'a record delivered twice').toBe(delivered.size);
  expect(throughout.filter((id) => !delivered.has(id)), 'records that matched throughout but never arrived').toEqual([]);
  expect(got.filter((id) => !tenant.matchedOnce.has(id)), 'records delivered that never matched').toEqual([]);
}

const initialArb = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 30 }), matches: fc.integer({ min: 0, max: 7 }).map((value) => value > 0) }), { maxLength: 600, size: 'max' })
  .map((entries) => {
    let id = 0;
    return entries.map((entry) => ({ id: (id += entry.gap), matches: entry.matches }));
  });

const mutationArb = fc.record({
  at: fc.nat(300),
  kind: fc.constantFrom<MutationKind>('insert', 'insert', 'delete', 'flip'),
  where: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  matches: fc.boolean(),
  burst: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 40 })),
});

describe('partitioned fetch while the tenant changes', () => {
  it('keeps records that appear in a range after it was counted (3,000 records, 150 inserted mid-fetch)', async () => {
    const initial = Array.from({ length: 3_000 }, (_, index) => ({ id: (index + 1) * 10, matches: true }));
    // Once every range is counted (the total and two splits), 150 new records between existing ones
    // in the middle of the id space, inside a range already counted.
    let inserted = false;
    const insertOnceCounted = (tenant: ChangingTenant) => {
      if (inserted || tenant.calls.counts < 3) return;
      inserted = true;
      for (let index = 0; index < 150; index++) tenant.apply({ at: -1, kind: 'insert', where: (15_000 + index * 10 + 3) / 30_020, matches: true, burst: 1 });
    };
    const tenant = new ChangingTenant(initial, 100, [], [], true, insertOnceCounted);
    const got = await fetchAll(tenant, 3);
    expectComplete(tenant, initial, got);
    expect(tenant.records.size).toBe(3_150);
  });

  it('delivers every record that matched throughout exactly once, whatever changes when', async () => {
    await fc.assert(
      fc.asyncProperty(
        initialArb,
        fc.array(mutationArb, { maxLength: 30, size: 'max' }),
        fc.constantFrom(5, 10, 25),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(6), { maxLength: 16 }),
        fc.boolean(),
        async (initial, mutations, pageSize, streams, ticks, saysLast) => {
          const tenant = new ChangingTenant(initial, pageSize, mutations, ticks, saysLast);
          expectComplete(tenant, initial, await fetchAll(tenant, streams));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('asks for exactly the minimum pages when nothing changes', async () => {
    await fc.assert(
      fc.asyncProperty(initialArb, fc.constantFrom(5, 10, 25), fc.integer({ min: 1, max: 5 }), fc.array(fc.nat(6), { maxLength: 16 }), fc.boolean(), async (initial, pageSize, streams, ticks, saysLast) => {
        const tenant = new ChangingTenant(initial, pageSize, [], ticks, saysLast);
        const got = await fetchAll(tenant, streams);
        const matching = initial.filter((record) => record.matches).map((record) => record.id);
        expect(got.sort((a, b) => a - b)).toEqual(matching);
        expect(tenant.calls.pages).toBe(Math.max(1, Math.ceil(matching.length / pageSize)));
        expect(tenant.calls.partial).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
