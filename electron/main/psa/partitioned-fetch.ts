/**
 * Fetching one large, id-ordered collection over several streams at once.
 * Both PSAs page forward through a cursor, one request after another; to keep
 * all allowed connections busy we split the id space into ranges and page each
 * range separately. Split points are found with count calls (which the PSAs
 * answer cheaply) so that every range holds a whole number of pages: the
 * request count stays at the minimum the page size allows.
 */

export interface IdRange {
  /** Exclusive lower bound. */
  readonly after?: number;
  /** Inclusive upper bound. */
  readonly upTo?: number;
}

export interface IdRangeSource<T> {
  readonly pageSize: number;
  count(range: IdRange, signal?: AbortSignal): Promise<number>;
  /** Pages in ascending id order; `onPage` returning false stops before the next request. */
  stream(range: IdRange, onPage: (items: readonly T[]) => boolean | void, signal?: AbortSignal): Promise<void>;
  idOf(item: T): number;
}

export interface PartitionOptions<T> {
  readonly streams: number;
  readonly onPage: (items: readonly T[]) => void;
  readonly onTotal?: (total: number) => void;
  readonly signal?: AbortSignal | undefined;
  /** Count calls allowed per split point before settling for an inexact split. */
  readonly maxProbes?: number;
}

/** Pages the head stream gets through while split points are searched (a few count round trips). */
const HEAD_START_PAGES = 4;

interface Probe {
  readonly id: number;
  readonly rank: number;
}

export async function fetchPartitioned<T>(source: IdRangeSource<T>, options: PartitionOptions<T>): Promise<void> {
  const { signal } = options;
  let firstPage: Probe[] | undefined;
  let markFirst: () => void = () => undefined;
  const firstArrived = new Promise<void>((resolve) => (markFirst = resolve));

  // The head stream starts at once from the beginning of the collection.
  const head = new RangeStream<T>(source, { id: Number.NEGATIVE_INFINITY, rank: 0 }, options.onPage, (items) => {
    if (!firstPage && items.length > 0) {
      firstPage = [
        { id: source.idOf(items[0] as T) - 1, rank: 0 },
        { id: source.idOf(items[items.length - 1] as T), rank: items.length },
      ];
    }
    markFirst();
  });
  const running: Array<Promise<void>> = [head.run(signal).finally(markFirst)];
  running[0]?.catch(() => undefined);

  const total = await source.count({}, signal);
  options.onTotal?.(total);
  await firstArrived;
  const pages = Math.ceil(total / source.pageSize);
  if (!firstPage || options.streams < 2 || pages < options.streams * 2) {
    await Promise.all(running);
    return;
  }

  // Whole pages per range, so no range ends in a part-filled page. The head range is larger by
  // the pages it fetches while the split points are searched, so all ranges end together.
  const headStart = Math.min(HEAD_START_PAGES, Math.floor(pages / options.streams));
  const headPages = Math.round((pages + (options.streams - 1) * headStart) / options.streams);
  const targets: number[] = [];
  for (let index = 1; index < options.streams; index++) {
    targets.push(Math.round(headPages + ((pages - headPages) * (index - 1)) / (options.streams - 1)) * source.pageSize);
  }
  const known = [...firstPage];
  const searches = targets.map((rank) => findSplit(source, rank, known, options.maxProbes ?? 24, signal));
  // Awaited in order below; a failure of a later one must not go unhandled meanwhile.
  for (const search of searches) search.catch(() => undefined);
  let last = head;
  // Each range starts as soon as its lower split is known; the range before it learns where to stop.
  // On a failure the caller aborts the signal, which stops the ranges already running.
  for (const search of searches) {
    const split = await search;
    if (!last.stopAt(split)) continue; // the previous range already ran past it and keeps the rest
    last = new RangeStream<T>(source, split, options.onPage);
    const run = last.run(signal);
    run.catch(() => undefined);
    running.push(run);
  }
  await Promise.all(running);
}

/**
 * One range of the collection, from `start` (exclusive) to wherever it is told
 * to stop. It pages without an upper bound in its query, so it can start before
 * its end is known; it stops asking once it has delivered its share.
 */
class RangeStream<T> {
  private delivered = 0;
  private stop: Probe | undefined;
  private stopped = false;

  constructor(
    private readonly source: IdRangeSource<T>,
    readonly start: Probe,
    private readonly deliver: (items: readonly T[]) => void,
    private readonly observe?: (items: readonly T[]) => void,
  ) {}

  /** Sets the end; false when the stream has already passed it (it then keeps the rest itself). */
  stopAt(end: Probe): boolean {
    if (this.stopped || this.delivered >= end.rank - this.start.rank) return false;
    this.stop = end;
    return true;
  }

  run(signal?: AbortSignal): Promise<void> {
    const range: IdRange = Number.isFinite(this.start.id) ? { after: this.start.id } : {};
    return this.source.stream(
      range,
      (items) => {
        this.observe?.(items);
        const stop = this.stop;
        const keep = stop ? items.filter((item) => this.source.idOf(item) <= stop.id) : items;
        this.delivered += keep.length;
        this.deliver(keep);
        const more = keep.length === items.length && (!stop || this.delivered < stop.rank - this.start.rank);
        if (!more) this.stopped = true;
        return more;
      },
      signal,
    );
  }
}

/**
 * An id whose rank (the number of records with an id up to it) is exactly
 * `target`, by interpolation between known (id, rank) points, with every other
 * probe a plain bisection so lumpy id spaces cannot stall it. Ranks grow by at
 * most one per id, so such an id always exists; after `maxProbes` the best
 * lower point is used (costing at most one extra page).
 */
async function findSplit<T>(source: IdRangeSource<T>, target: number, known: readonly Probe[], maxProbes: number, signal?: AbortSignal): Promise<Probe> {
  let low = known.filter((probe) => probe.rank <= target).reduce((best, probe) => (probe.rank > best.rank || (probe.rank === best.rank && probe.id > best.id) ? probe : best));
  let high = known.filter((probe) => probe.rank > target).sort((a, b) => a.id - b.id)[0];
  const slope = slopeOf(known);
  // Interpolation converges fast on even id spaces; when it keeps landing on one side (lumpy ids), bisect.
  let sameSide = 0;
  let lastSide: 'low' | 'high' | undefined;
  for (let probes = 0; probes < maxProbes && low.rank !== target; probes++) {
    let guess: number;
    if (high && sameSide >= 2) guess = Math.floor((low.id + high.id) / 2);
    else if (high) guess = Math.round(low.id + ((target - low.rank) * (high.id - low.id)) / Math.max(1, high.rank - low.rank));
    // No upper bracket yet: step past the estimate, doubling, until a probe overshoots.
    else guess = Math.round(low.id + ((target - low.rank) / slope) * 2 ** probes);
    guess = Math.max(guess, low.id + 1);
    if (high) guess = Math.min(guess, high.id - 1);
    if (high && guess <= low.id) break;
    const rank = await source.count({ upTo: guess }, signal);
    const side = rank <= target ? 'low' : 'high';
    sameSide = side === lastSide ? sameSide + 1 : 1;
    lastSide = side;
    if (side === 'low') low = { id: guess, rank };
    else high = { id: guess, rank };
  }
  return low;
}

function slopeOf(known: readonly Probe[]): number {
  const first = known.reduce((a, b) => (a.id < b.id ? a : b));
  const last = known.reduce((a, b) => (a.id > b.id ? a : b));
  return Math.max((last.rank - first.rank) / Math.max(1, last.id - first.id), 1e-6);
}
