/**
 * The one big-table component: TanStack Table v8 for columns, sorting and
 * column sizing, react-virtual for rows (only the visible ones are in the DOM),
 * a sticky header and an optional sticky action column.
 *
 * Keyboard: the table is ONE tab stop (an ARIA grid). Inside it the arrow keys
 * move the active cell (Home/End and Page Up/Down move by rows), which screen
 * readers follow through aria-activedescendant. Enter or Space uses the control
 * in the active cell (a checkbox, a button, a header's sort); controls inside
 * cells are never Tab stops. On a column header, Shift+Left/Right resizes the
 * column (the mouse drags the header's right edge).
 *
 * Layout: the grid is a flex item that fills the height its parent gives it
 * (`fitRows` stops it at its rows' height), and scrolls inside. Its columns fit its width
 * (fit-columns.ts, measured with a ResizeObserver): low-value columns (`meta.drop`) are left out
 * of a narrow table, their values shown under another column's (`meta.mergeInto`), and the rest
 * shrink, so it does not scroll sideways unless the user widens a column by hand. Text in `wrap`
 * columns wraps as far as it needs: rows grow to fit (the virtualizer measures each row).
 */
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type ColumnSizingState, type SortingFn, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { chrome, fitColumns } from './fit-columns';
import { collatorFor } from '../../../shared/i18n/collate';

/**
 * A column's layout. `width` is a CSS-grid-like hint: `'90px'` (fixed start width) or
 * `'minmax(150px, 2fr)'` (at least 150 px, then a share of the spare width).
 */
export interface DataTableColumnMeta {
  readonly width?: string;
  /** Stays in view at the right edge while the table scrolls sideways (row actions). */
  readonly sticky?: boolean;
  /** Text wraps onto as many lines as it needs, never cut off (names and status names shown whole). */
  readonly wrap?: boolean;
  /** Left out when the table is too narrow for every column: rank 1 first (fit-columns.ts). */
  readonly drop?: number;
  /** When left out, its value is shown under this column's (by id), so nothing is lost. */
  readonly mergeInto?: string;
  /** Accessible name for a header that shows no text (e.g. the action column). */
  readonly label?: string;
}

interface DataTableProps<T> {
  readonly rows: readonly T[];
  readonly columns: ReadonlyArray<ColumnDef<T, unknown>>;
  readonly rowId: (row: T) => string;
  readonly label: string;
  readonly rowHeight?: number;
  /** Largest height of the table in pixels (by default it fills the height its parent gives it). */
  readonly height?: number;
  /** Shrink the table to its rows when they need less than the space available (short lists leave no blank box). */
  readonly fitRows?: boolean;
  /** Extra class on the grid, e.g. `wrap` for cells that may wrap onto a second line. */
  readonly className?: string;
  /** Space on the active row when its cell has no control (e.g. toggles its selection). */
  readonly onToggleRow?: (row: T) => void;
}

const DEFAULT_WIDTH = 120;
const MIN_WIDTH = 48;
const RESIZE_STEP = 16;
/** Cell gap and row padding in pixels (styles.css: .data-table-row). */
const GAP = 10;
const PADDING = 2 * 12;
const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]:not([role="gridcell"]):not([role="columnheader"])';

/**
 * The default sort of every column: text in the UI language's order (Intl.Collator: "Çelik" with C,
 * "item 2" before "item 10", case ignored), anything else (numbers) by value.
 */
function languageSort<T>(language: string): SortingFn<T> {
  const { compare } = collatorFor(language);
  return (rowA, rowB, columnId) => {
    const a = rowA.getValue<unknown>(columnId);
    const b = rowB.getValue<unknown>(columnId);
    if (typeof a === 'string' && typeof b === 'string') return compare(a, b);
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return compare(String(a ?? ''), String(b ?? ''));
  };
}

function layoutOf(meta: DataTableColumnMeta | undefined): { readonly size: number; readonly grow: number } {
  const width = meta?.width ?? '';
  const px = /(\d+(?:\.\d+)?)px/.exec(width);
  const fr = /(\d+(?:\.\d+)?)fr/.exec(width);
  if (!width) return { size: DEFAULT_WIDTH, grow: 1 };
  return { size: px ? Number(px[1]) : DEFAULT_WIDTH, grow: fr ? Number(fr[1]) : 0 };
}

export function DataTable<T>({ rows, columns, rowId, label, rowHeight = 40, height: maxHeight, fitRows = false, className, onToggleRow }: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  /** The active cell: row -1 is the header row. */
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [headerHeight, setHeaderHeight] = useState(rowHeight);
  /** The table's inner width (Infinity until measured: every column shows). */
  const [width, setWidth] = useState(Number.POSITIVE_INFINITY);
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const id = useId();
  const sized = useMemo(() => {
    const sortingFn = languageSort<T>(i18n.language);
    return columns.map((column) => {
      const { size } = layoutOf(column.meta as DataTableColumnMeta | undefined);
      return { sortingFn, ...column, size: column.size ?? size, minSize: column.minSize ?? Math.min(size, Math.max(MIN_WIDTH, Math.round(size * 0.6))) };
    });
  }, [columns, i18n.language]);
  const fitted = useMemo(
    () =>
      fitColumns(
        sized.map((column) => {
          const meta = column.meta as DataTableColumnMeta | undefined;
          const { grow } = layoutOf(meta);
          return { id: column.id ?? '', size: column.size, minSize: column.minSize, grow, ...(meta?.drop !== undefined ? { drop: meta.drop } : {}) };
        }),
        width,
        columnSizing,
        GAP,
        PADDING,
      ),
    [sized, width, columnSizing],
  );
  const columnVisibility = useMemo(() => Object.fromEntries(sized.map((column) => [column.id ?? '', fitted.visible.includes(column.id ?? '')])), [sized, fitted]);
  const table = useReactTable({
    data: rows as T[],
    columns: sized as Array<ColumnDef<T, unknown>>,
    state: { sorting, columnSizing, columnVisibility },
    onSortingChange: setSorting,
    onColumnSizingChange: setColumnSizing,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => rowId(row),
  });
  const model = table.getRowModel().rows;
  const leaves = table.getVisibleLeafColumns();
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });

  // The header may take two lines (long column names, Dutch): rows start below it, wherever it ends.
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    const measure = () => setHeaderHeight(element.offsetHeight || rowHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [rowHeight]);

  // The columns fit the width inside the table's border and scrollbar.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth || Number.POSITIVE_INFINITY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Controls inside cells are reached with the arrow keys, never with Tab: one tab stop per table.
  useLayoutEffect(() => {
    scroller.current?.querySelectorAll<HTMLElement>(CONTROLS).forEach((element) => {
      if (element.tabIndex !== -1) element.tabIndex = -1;
    });
  });

  const rowCount = model.length;
  const activeRow = Math.min(active.row, rowCount - 1);
  const activeCol = Math.min(active.col, leaves.length - 1);
  const cellId = (row: number, col: number) => (row < 0 ? `${id}-h-${col}` : `${id}-r${row}-c${col}`);

  const move = (row: number, col: number) => {
    const nextRow = Math.max(-1, Math.min(rowCount - 1, row));
    const nextCol = Math.max(0, Math.min(leaves.length - 1, col));
    setActive({ row: nextRow, col: nextCol });
    if (nextRow >= 0) virtualizer.scrollToIndex(nextRow, { align: 'auto' });
    else scroller.current?.scrollTo({ top: 0 });
    // Sideways: the active cell comes into view (after React renders it).
    requestAnimationFrame(() => document.getElementById(cellId(nextRow, nextCol))?.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  };

  const activate = (key: 'Enter' | ' ') => {
    const cell = document.getElementById(cellId(activeRow, activeCol));
    const control = cell?.querySelector<HTMLElement>('button, input, select, a[href]');
    if (control && !(control as HTMLButtonElement).disabled) {
      if (control instanceof HTMLSelectElement) control.focus();
      else control.click();
      return true;
    }
    if (key === ' ' && onToggleRow && activeRow >= 0) {
      const row = model[activeRow];
      if (row) onToggleRow(row.original);
      return true;
    }
    return false;
  };

  const resize = (delta: number) => {
    const column = leaves[activeCol];
    if (!column) return;
    const min = column.columnDef.minSize ?? MIN_WIDTH;
    setColumnSizing((sizes) => ({ ...sizes, [column.id]: Math.max(min, column.getSize() + delta) }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const fromControl = event.target !== event.currentTarget;
    const target = event.target as HTMLElement;
    // Typing in a field inside a cell is the field's business.
    if (fromControl && (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox'))) return;
    if (event.key === 'Enter' || event.key === ' ') {
      if (fromControl) return; // A focused button or checkbox activates itself.
      if (activate(event.key)) event.preventDefault();
      return;
    }
    if (activeRow < 0 && event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      resize(event.key === 'ArrowLeft' ? -RESIZE_STEP : RESIZE_STEP);
      return;
    }
    const view = scroller.current?.clientHeight ?? 400;
    const page = Math.max(1, Math.floor((view - headerHeight) / rowHeight) - 1);
    const to: Record<string, [number, number]> = {
      ArrowDown: [activeRow + 1, activeCol],
      ArrowUp: [activeRow - 1, activeCol],
      ArrowRight: [activeRow, activeCol + 1],
      ArrowLeft: [activeRow, activeCol - 1],
      PageDown: [activeRow + page, activeCol],
      PageUp: [Math.max(0, activeRow - page), activeCol],
      Home: event.ctrlKey ? [0, 0] : [0, activeCol],
      End: event.ctrlKey ? [rowCount - 1, leaves.length - 1] : [rowCount - 1, activeCol],
    };
    const next = to[event.key];
    if (!next) return;
    event.preventDefault();
    // After a click on a control inside a cell, the keys bring focus back to the grid itself.
    if (fromControl) scroller.current?.focus();
    move(next[0], next[1]);
  };

  const onCellClick = (row: number, col: number) => (event: MouseEvent) => {
    setActive({ row, col });
    if (event.target === event.currentTarget) scroller.current?.focus();
  };

  const sizeOf = (id: string) => fitted.sizes[id] ?? DEFAULT_WIDTH;
  const template = leaves
    .map((column) => {
      const { grow } = layoutOf(column.columnDef.meta as DataTableColumnMeta | undefined);
      return grow > 0 ? `minmax(${sizeOf(column.id)}px, ${grow}fr)` : `${sizeOf(column.id)}px`;
    })
    .join(' ');
  const minWidth = leaves.reduce((sum, column) => sum + sizeOf(column.id), 0) + chrome(leaves.length, GAP, PADDING);
  /** Columns left out, by the column whose cells show their values instead. */
  const merged = new Map<string, string[]>();
  for (const column of table.getAllLeafColumns()) {
    const into = (column.columnDef.meta as DataTableColumnMeta | undefined)?.mergeInto;
    if (!column.getIsVisible() && into) merged.set(into, [...(merged.get(into) ?? []), column.id]);
  }
  const natural = headerHeight + Math.max(1, rowCount) * rowHeight + 2;
  const cap = fitRows ? Math.min(natural, maxHeight ?? natural) : maxHeight;
  const metaOf = (index: number) => leaves[index]?.columnDef.meta as DataTableColumnMeta | undefined;
  const cellClass = (index: number, extra = '') => {
    const meta = metaOf(index);
    return [meta?.sticky ? 'sticky-end' : '', meta?.wrap ? 'wrap-cell' : '', extra].filter(Boolean).join(' ') || undefined;
  };

  return (
    <>
      <div
        ref={scroller}
        className={['data-table', fitRows ? 'fit' : '', className].filter(Boolean).join(' ')}
        role="grid"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={leaves.length}
        aria-describedby={`${id}-help`}
        aria-activedescendant={leaves.length > 0 ? cellId(activeRow, activeCol) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        // React sets style through the CSSOM, which the CSP allows (it forbids only style attributes in markup).
        style={{ maxHeight: cap, minHeight: Math.min(natural, 4 * rowHeight + headerHeight, cap ?? natural) }}
      >
        <div className="data-table-head" role="rowgroup" ref={header} style={{ minWidth }}>
          <div className="data-table-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            {table.getHeaderGroups()[0]?.headers.map((column, index) => {
              const sorted = column.column.getIsSorted();
              const content = flexRender(column.column.columnDef.header, column.getContext());
              const empty = column.column.columnDef.header === '' || column.column.columnDef.header === undefined;
              return (
                <div
                  key={column.id}
                  id={cellId(-1, index)}
                  role="columnheader"
                  aria-colindex={index + 1}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  className={cellClass(index, activeRow === -1 && activeCol === index ? 'active-cell' : '')}
                  onClick={onCellClick(-1, index)}
                >
                  {empty ? (
                    <span className="visually-hidden">{metaOf(index)?.label ?? t('table.actions')}</span>
                  ) : column.column.getCanSort() ? (
                    <button type="button" className="sort-button" tabIndex={-1} onClick={column.column.getToggleSortingHandler()}>
                      {content}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  ) : (
                    content
                  )}
                  {column.column.getCanResize() && !metaOf(index)?.sticky ? (
                    <span
                      aria-hidden="true"
                      className={column.column.getIsResizing() ? 'col-resizer resizing' : 'col-resizer'}
                      onMouseDown={column.getResizeHandler()}
                      onTouchStart={column.getResizeHandler()}
                      onDoubleClick={() => column.column.resetSize()}
                      onClick={(event) => event.stopPropagation()}
                    />
                  ) : null}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="data-table-spacer" style={{ height: virtualizer.getTotalSize(), minWidth }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = model[item.index];
            if (!row) return null;
            const isActive = item.index === activeRow;
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={item.index + 2}
                className={isActive ? 'data-table-row active' : 'data-table-row'}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start - headerHeight}px)`, gridTemplateColumns: template, minHeight: rowHeight }}
              >
                {row.getVisibleCells().map((cell, index) => {
                  const extra = merged.get(cell.column.id);
                  return (
                    <div
                      key={cell.id}
                      id={cellId(item.index, index)}
                      role="gridcell"
                      aria-colindex={index + 1}
                      className={cellClass(index, isActive && index === activeCol ? 'active-cell' : '')}
                      title={typeof cell.getValue() === 'string' ? (cell.getValue() as string) : undefined}
                      onClick={onCellClick(item.index, index)}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      {extra ? (
                        <span className="cell-extra">
                          {row
                            .getAllCells()
                            .filter((other) => extra.includes(other.column.id))
                            .map((other, position) => {
                              const heading = other.column.columnDef.header;
                              return (
                                <Fragment key={other.id}>
                                  {position > 0 ? <span aria-hidden="true"> · </span> : null}
                                  {typeof heading === 'string' && heading ? <span className="visually-hidden">{`${heading}: `}</span> : null}
                                  {flexRender(other.column.columnDef.cell, other.getContext())}
                                </Fragment>
                              );
                            })}
                        </span>
                      ) : null}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <span id={`${id}-help`} hidden>
        {t('table.keyboardHelp')}
      </span>
    </>
  );
}
