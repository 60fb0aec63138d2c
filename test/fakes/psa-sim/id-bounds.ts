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
