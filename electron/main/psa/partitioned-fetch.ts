/**
 * Fetching one large, id-ordered collection over several streams at once.
 * Both PSAs page forward through a cursor, one request after another; to keep
 * every allowed connection busy the id space is split into ranges, each paged
 * by its own worker. A range rarely holds a whole number of pages, so a worker
 * fetches only the whole pages its count allows and hands the rest back; rests
 * are fetched together, as one query over several ranges, whenever they add up
 * to a page. Only the very last request is part-filled: the page requests come
 * to exactly the minimum the page size allows, wherever the split points fall.
 * Good split guesses only make the workers finish together.
 *
 * Counts decide how many pages to ask for, never that a range is empty: the
 * tenant changes while we page. A range is done only when its cursor ended (a
 * part-filled page, a page past its upper bound, or the PSA saying no page
 * follows); every other rest goes back to the pool, even one whose count has
 * run out. Such a rest rides along with a later query, at no extra page when
 * it is empty; if only such rests are left, a count taken then checks them.
 */
import type { StreamShare } from './stream-share';

export interface IdRange {
  /** Exclusive lower bound. */
  readonly after?: number | undefined;
  /** Inclusive upper bound. */
  readonly upTo?: number | undefined;
}

export interface IdRangeSource<T> {
  readonly pageSize: number;
  /** Records in any of `ranges` (several ranges: one request, as `stream` asks for them). */
  count(ranges: readonly IdRange[], signal?: AbortSignal): Promise<number>;
  /**
   * Pages of the records in any of `ranges`, in ascending id order, each page
   * awaited by `onPage`; false from it stops before the next request. `last`
   * is true only when the PSA itself said no page follows this one.
   */
  stream(ranges: readonly IdRange[], onPage: (items: readonly T[], last: boolean) => Promise<boolean>, signal?: AbortSignal): Promise<void>;
  idOf(item: T): number;
}

export interface PartitionOptions<T> {
  /** Streams when this collection has the connection to itself. */
  readonly streams: number;
  /** Collections fetched side by side share the streams in proportion to their size. */
  readonly share?: StreamShare | undefined;
  readonly onPage: (items: readonly T[]) => void;
  readonly onTotal?: (total: number) => void;
  readonly signal?: AbortSignal | undefined;
}

/** Fewer pages than this per stream and a split would save less than its count calls cost. */
const MIN_PAGES_PER_STREAM = 2;

export async function fetchPartitioned<T>(source: IdRangeSource<T>, options: PartitionOptions<T>): Promise<void> {
  const { signal } = options;
  const pageSize = source.pageSize;
  const totalCount = source.count([{}], signal);
  totalCount.catch(() => undefined);
  const headLimit = deferred<number>();
  headLimit.promise.catch(() => undefined);

  // The first range starts at once, without an upper bound; its first page shows how ids are spread.
  let sample: Sample | undefined;
  // Once the split is known the head's range ends at the first split: records a deletion pushed
  // into its pages from the next range are that range's to deliver.
  let headBound: number | undefined;
  const firstPage = deferred<void>();
  const head = fetchPages(
    source,
    [{}],
    options.onPage,
    signal,
    async (pagesDone, items) => {
      if (pagesDone === 1) {
        sample = sampleOf(source, items);
        firstPage.resolve();
      }
      return pagesDone < (await headLimit.promise);
    },
    () => headBound,
  );
  head.catch(() => undefined);
  void head.finally(() => firstPage.resolve()).catch(() => undefined);

  try {
    const total = await totalCount;
    options.onTotal?.(total);
    const pages = Math.ceil(total / pageSize);
    const wanted = options.share ? await options.share.streamsFor(pages, signal) : options.streams;
    const streams = Math.min(wanted, Math.floor(pages / MIN_PAGES_PER_STREAM));
    await firstPage.promise;
    if (streams < 2 || !sample) {
      headLimit.resolve(Number.POSITIVE_INFINITY);
      await head;
      return;
    }
    const splits = splitIds(sample, total, pages, streams, pageSize);
    headBound = splits[0];
    const sizes = Promise.all(splits.map((id) => source.count([{ upTo: id }], signal))).then((ranks) =>
      [...ranks, total].map((rank, index) => Math.max(0, rank - (index === 0 ? 0 : (ranks[index - 1] ?? 0)))),
    );
    void sizes.then(
      (all) => headLimit.resolve(Math.floor((all[0] ?? 0) / pageSize)),
      (error: unknown) => headLimit.reject(error),
    );

    const pool = new PiecePool(pageSize, streams);
    const work = async (first: Promise<Piece>): Promise<void> => {
      let piece: Piece | undefined = await first;
      while (piece) {
        pool.give(piece.final ? await fetchRest(source, piece, options.onPage, signal) : piece.size >= pageSize ? await fetchWholePages(source, piece, options.onPage, signal) : piece);
        piece = await pool.take();
      }
    };
    // The first range's worker is the head: what its whole pages left goes to the pool like any rest.
    const headRest = Promise.all([head, sizes]).then(([done, all]): Piece => (done.ended ? EMPTY : { ranges: [{ after: done.lastId, upTo: splits[0] }], size: Math.max(0, (all[0] ?? 0) - done.delivered) }));
    const firsts = [headRest, ...splits.map((after, index) => sizes.then((all): Piece => ({ ranges: [{ after, upTo: splits[index + 1] }], size: all[index + 1] ?? 0 })))];
    await Promise.all(
      firsts.map((first) =>
        work(first).catch((error: unknown) => {
          pool.fail(error);
          throw error;
        }),
      ),
    );
  } catch (error) {
    headLimit.reject(error);
    throw error;
  }
}

interface Sample {
  readonly firstId: number;
  readonly lastId: number;
  readonly count: number;
}

function sampleOf<T>(source: IdRangeSource<T>, items: readonly T[]): Sample | undefined {
  const first = items[0];
  const last = items[items.length - 1];
  return first === undefined || last === undefined ? undefined : { firstId: source.idOf(first), lastId: source.idOf(last), count: items.length };
}

/**
 * Split ids for `streams` ranges of about equal pages, guessed from the
 * density of ids in the first page. A guess only decides how evenly the work
 * is spread, never how many requests it takes.
 */
function splitIds(sample: Sample, total: number, pages: number, streams: number, pageSize: number): number[] {
  const density = Math.max(sample.count - 1, 1) / Math.max(sample.lastId - sample.firstId, 1);
  const splits: number[] = [];
  let previous = sample.lastId;
  for (let index = 1; index < streams; index++) {
    const rank = Math.min(total, Math.round((pages * index) / streams) * pageSize);
    const guess = Math.max(previous + 1, Math.round(sample.lastId + (rank - sample.count) / density));
    splits.push(guess);
    previous = guess;
  }
  return splits;
}

/** Ranges fetched with one query; `final` runs to the end of the cursor. */
interface Piece {
  readonly ranges: readonly IdRange[];
  /** What the counts say is left: how many whole pages to ask for, never proof that nothing is. */
  readonly size: number;
  readonly final?: boolean;
}

const EMPTY: Piece = { ranges: [], size: 0 };

interface Paged {
  readonly delivered: number;
  readonly lastId: number | undefined;
  /** The ranges' cursor ended: nothing in them is left to read. */
  readonly ended: boolean;
}

/**
 * Pages through `ranges` while `more` agrees. The cursor has ended at a
 * part-filled page, at a page reaching the ranges' top (or `bound()`), when the
 * PSA says no page follows, or when the stream stops by itself; `more` is not
 * asked then.
 */
async function fetchPages<T>(
  source: IdRangeSource<T>,
  ranges: readonly IdRange[],
  deliver: (items: readonly T[]) => void,
  signal: AbortSignal | undefined,
  more: (pagesDone: number, items: readonly T[]) => Promise<boolean> | boolean,
  bound: () => number | undefined = () => undefined,
): Promise<Paged> {
  let pages = 0;
  let delivered = 0;
  let lastId: number | undefined;
  let ended = false;
  let stopped = false;
  const ceiling = ranges.every((range) => range.upTo !== undefined) ? Math.max(...ranges.map((range) => range.upTo as number)) : undefined;
  await source.stream(
    ranges,
    async (items, last) => {
      pages++;
      const upTo = bound();
      const lastItem = items[items.length - 1];
      const previous = lastId;
      if (lastItem !== undefined) lastId = source.idOf(lastItem);
      // Ranges never overlap, so a record outside them or at or below the cursor is a repeat: a PSA's paging slip.
      const fresh = items.filter((item) => {
        const id = source.idOf(item);
        return (previous === undefined || id > previous) && (upTo === undefined || id <= upTo) && ranges.some((range) => (range.after === undefined || id > range.after) && (range.upTo === undefined || id <= range.upTo));
      });
      // Only new records count against the range's size, so a repeat cannot make its rest look smaller than it is.
      delivered += fresh.length;
      deliver(fresh.length === items.length ? items : fresh);
      // A page that reaches the ranges' top has read them to the end.
      const top = upTo ?? ceiling;
      if (items.length < source.pageSize || last || (top !== undefined && lastId !== undefined && lastId >= top)) {
        ended = true;
        return false;
      }
      if (await more(pages, items)) return true;
      stopped = true;
      return false;
    },
    signal,
  );
  return { delivered, lastId, ended: ended || !stopped };
}

/** The whole pages of `piece`; returns what is left of it. */
async function fetchWholePages<T>(source: IdRangeSource<T>, piece: Piece, deliver: (items: readonly T[]) => void, signal?: AbortSignal): Promise<Piece> {
  const budget = Math.floor(piece.size / source.pageSize);
  const done = await fetchPages(source, piece.ranges, deliver, signal, (pages) => pages < budget);
  if (done.ended || done.lastId === undefined) return EMPTY;
  // Records that appeared in the ranges can use up the count while more remain: the rest stays, sized 0 or more.
  return { ranges: after(piece.ranges, done.lastId), size: Math.max(0, piece.size - done.delivered) };
}

/** The last query: everything left, its last page part-filled. */
async function fetchRest<T>(source: IdRangeSource<T>, piece: Piece, deliver: (items: readonly T[]) => void, signal?: AbortSignal): Promise<Piece> {
  if (piece.size === 0) {
    // Only rests whose counts ran out are left, as when the total is a whole number of pages. A count
    // now that finds them empty proves no record was in them all along: one count for all of them,
    // which costs less than the page request it saves.
    if ((await source.count(piece.ranges, signal)) === 0) return EMPTY;
  }
  await fetchPages(source, piece.ranges, deliver, signal, () => true);
  return EMPTY;
}

/** The part of `ranges` above `id` (everything up to it has been read). */
function after(ranges: readonly IdRange[], id: number): IdRange[] {
  return ranges
    .filter((range) => range.upTo === undefined || range.upTo > id)
    .map((range) => ({ after: range.after === undefined ? id : Math.max(range.after, id), upTo: range.upTo }));
}

/**
 * Rests waiting to be fetched. A worker gets a piece of at least a page
 * (several rests joined if need be); when every worker is idle and less than
 * a page is left, one worker gets it all as the final, part-filled query.
 * Rests whose count ran out are kept, and joined first: when they are empty,
 * as they are unless the tenant changed, they cost no page.
 */
class PiecePool {
  private readonly pieces: Piece[] = [];
  private readonly waiting: Array<{ resolve: (piece: Piece | undefined) => void; reject: (error: unknown) => void }> = [];
  private failed: { error: unknown } | undefined;
  private closed = false;

  constructor(
    private readonly pageSize: number,
    /** Workers not waiting in take(). */
    private busy: number,
  ) {}

  give(piece: Piece): void {
    if (piece.ranges.length > 0) this.pieces.push(piece);
  }

  take(): Promise<Piece | undefined> {
    this.busy--;
    const taken = new Promise<Piece | undefined>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.settle();
    return taken;
  }

  fail(error: unknown): void {
    this.failed = { error };
    this.settle();
  }

  private settle(): void {
    while (this.waiting.length > 0) {
      const waiter = this.waiting[0] as (typeof this.waiting)[number];
      if (this.failed) {
        this.waiting.shift();
        waiter.reject(this.failed.error);
        continue;
      }
      const piece = this.next();
      if (piece === null) return;
      this.waiting.shift();
      if (piece) this.busy++;
      waiter.resolve(piece);
    }
  }

  /** Work for a waiting worker; undefined when all is done; null when it must wait for others. */
  private next(): Piece | undefined | null {
    const pending = this.pieces.reduce((sum, piece) => sum + piece.size, 0);
    if (this.closed || (this.pieces.length === 0 && this.busy === 0)) return undefined;
    if (pending >= this.pageSize) {
      this.pieces.sort((a, b) => b.size - a.size);
      if ((this.pieces[0]?.size ?? 0) >= this.pageSize) return this.pieces.shift();
      // Small rests joined until they fill a page; the query asks for all their ranges at once.
      const joined: Piece[] = [];
      let size = 0;
      while (size < this.pageSize) {
        const piece = this.pieces.pop() as Piece;
        joined.push(piece);
        size += piece.size;
      }
      return { ranges: joined.flatMap((piece) => piece.ranges).sort((a, b) => (a.after ?? -Infinity) - (b.after ?? -Infinity)), size };
    }
    if (this.busy > 0) return null;
    this.closed = true;
    return { ranges: this.pieces.splice(0).flatMap((piece) => piece.ranges).sort((a, b) => (a.after ?? -Infinity) - (b.after ?? -Infinity)), size: pending, final: true };
  }
}

interface Deferred<V> {
  readonly promise: Promise<V>;
  resolve(value: V): void;
  reject(reason: unknown): void;
}

function deferred<V>(): Deferred<V> {
  let resolve: (value: V) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<V>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
