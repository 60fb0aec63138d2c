/**
 * Which columns a table shows, and how wide, for the width it has: pure, so it is unit-tested
 * (test/component/fit-columns.test.tsx) apart from the DOM.
 *
 * Each column has a start width (`size`), a smallest width (`minSize`), a share of the spare width
 * (`grow`, as CSS `fr`) and optionally a `drop` rank: when the start widths do not fit, droppable
 * columns are left out, rank 1 first, until they do; if they still do not fit, the growing columns the
 * user has not resized shrink toward their smallest widths (fixed-width columns, such as a column of
 * buttons, keep their width). A width the user set by hand is kept as it is.
 * The widths returned are each column's least width; the grid shares out what is left by `grow`.
 */
export interface FitColumn {
  readonly id: string;
  readonly size: number;
  readonly minSize: number;
  readonly grow: number;
  /** Left out when the table is too narrow: rank 1 first. Without it the column always shows. */
  readonly drop?: number;
}

export interface FittedColumns {
  /** The ids of the columns shown, in their order. */
  readonly visible: readonly string[];
  /** Each shown column's least width in pixels. */
  readonly sizes: Readonly<Record<string, number>>;
}

/** Width taken by the cells' gaps and the row's padding for `count` columns. */
export function chrome(count: number, gap: number, padding: number): number {
  return gap * Math.max(0, count - 1) + padding;
}

/**
 * The columns to show in `width` pixels (the table's inner width), given the widths the user set
 * (`userSizes`, by id). `width` of Infinity (not measured yet) shows every column at its start width.
 */
export function fitColumns(columns: readonly FitColumn[], width: number, userSizes: Readonly<Record<string, number>>, gap: number, padding: number): FittedColumns {
  const base = (column: FitColumn) => userSizes[column.id] ?? column.size;
  const total = (shown: readonly FitColumn[]) => shown.reduce((sum, column) => sum + base(column), 0) + chrome(shown.length, gap, padding);
  let shown = [...columns];
  const droppable = columns
    .filter((column) => column.drop !== undefined && userSizes[column.id] === undefined)
    .sort((a, b) => (a.drop ?? 0) - (b.drop ?? 0));
  for (const column of droppable) {
    if (total(shown) <= width) break;
    shown = shown.filter((candidate) => candidate !== column);
  }
  const sizes: Record<string, number> = Object.fromEntries(shown.map((column) => [column.id, base(column)]));
  const over = total(shown) - width;
  if (over > 0) {
    // Shrink the columns the user left alone, each in proportion to how far it may shrink.
    const flexible = shown.filter((column) => userSizes[column.id] === undefined && column.grow > 0 && column.size > column.minSize);
    const room = flexible.reduce((sum, column) => sum + (column.size - column.minSize), 0);
    const ratio = room > 0 ? Math.min(1, over / room) : 0;
    for (const column of flexible) sizes[column.id] = Math.floor(column.size - (column.size - column.minSize) * ratio);
  }
  return { visible: shown.map((column) => column.id), sizes };
}
