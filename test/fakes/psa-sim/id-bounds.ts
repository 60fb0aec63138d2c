/**
 * The simulator's one index: records are kept in id order, so a query whose
 * top-level conditions bound `id` only needs to look at that slice. The full
 * filter still decides every record; this only skips records it would reject.
 */
export interface IdBounds {
  /** Inclusive. */
  min: number;
  /** Inclusive. */
  max: number;
  /**
   * True while every condition seen was one of these id comparisons: the
   * slice is then exactly the answer and counts need not look at records.
   */
  exact: boolean;
}

export function unbounded(): IdBounds {
  return { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, exact: true };
}

/** Tightens `bounds` by one `id <op> value` condition; another operator only clears `exact`. */
export function narrow(bounds: IdBounds, op: string, value: number): void {
  switch (op) {
    case '>':
    case 'gt':
      bounds.min = Math.max(bounds.min, Math.floor(value) + 1);
      break;
    case '>=':
    case 'gte':
      bounds.min = Math.max(bounds.min, Math.ceil(value));
      break;
    case '<':
    case 'lt':
      bounds.max = Math.min(bounds.max, Math.ceil(value) - 1);
      break;
    case '<=':
    case 'lte':
      bounds.max = Math.min(bounds.max, Math.floor(value));
      break;
    case '=':
    case 'eq':
      bounds.min = Math.max(bounds.min, value);
      bounds.max = Math.min(bounds.max, value);
      break;
    default:
      bounds.exact = false;
  }
}

/** [start, end) of the records whose ids lie within `bounds`, by binary search. */
export function indexRange(records: ReadonlyArray<{ readonly id?: unknown }>, bounds: IdBounds): [number, number] {
  return [firstIndexAtLeast(records, bounds.min), firstIndexAtLeast(records, bounds.max + 1)];
}

/** Binary search: the first index whose id is at least `id`. */
export function firstIndexAtLeast(records: ReadonlyArray<{ readonly id?: unknown }>, id: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Number(records[middle]?.id) < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Id bounds that hold for any record some part of a filter accepts: a union of ranges. */
export type IdRanges = readonly IdBounds[];

/** More ranges than this from AND-ing unions and the index is not worth it: scan everything. */
const MAX_RANGES = 64;

export function everything(exact: boolean): IdRanges {
  return [{ ...unbounded(), exact }];
}

/** AND: every pairing of the two unions' ranges, overlapping ones only. */
export function intersect(left: IdRanges, right: IdRanges): IdRanges {
  const result: IdBounds[] = [];
  for (const a of left) {
    for (const b of right) {
      const range = { min: Math.max(a.min, b.min), max: Math.min(a.max, b.max), exact: a.exact && b.exact };
      if (range.min <= range.max) result.push(range);
    }
  }
  if (result.length > MAX_RANGES) return everything(false);
  // Nothing can match: one empty range keeps `exact`, so a count of it is 0 without a scan.
  return result.length > 0 ? result : [{ min: 1, max: 0, exact: left.every((a) => a.exact) && right.every((b) => b.exact) }];
}

/** OR: both unions' ranges. */
export function union(left: IdRanges, right: IdRanges): IdRanges {
  const result = [...left, ...right];
  return result.length > MAX_RANGES ? everything(false) : result;
}

/** [start, end) slices of the id-ordered records that the ranges cover, merged, in order. */
export function indexSlices(records: ReadonlyArray<{ readonly id?: unknown }>, ranges: IdRanges): Array<[number, number]> {
  const slices = ranges
    .map((range) => indexRange(records, range))
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of slices) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Whether the ranges alone decide the answer (every condition was an id comparison). */
export function exactly(ranges: IdRanges): boolean {
  return ranges.every((range) => range.exact);
}
