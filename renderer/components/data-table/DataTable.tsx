/**
 * The one big-table component: TanStack Table v8 for columns and sorting,
 * react-virtual for rows (only the visible ones are in the DOM), a sticky
 * header, and keyboard use — arrow keys, Home/End and Page Up/Down move the
 * active row, which screen readers follow through aria-activedescendant.
 */
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, useState, type KeyboardEvent } from 'react';

interface DataTableProps<T> {
  readonly rows: readonly T[];
  readonly columns: ReadonlyArray<ColumnDef<T, unknown>>;
  readonly rowId: (row: T) => string;
  readonly label: string;
  readonly rowHeight?: number;
  /** Height of the scroll area in pixels. */
  readonly height?: number;
  /** Shrink the scroll area to the rows when they need less than `height` (short lists leave no blank box). */
  readonly fitRows?: boolean;
  /** Extra class on the grid, e.g. `wrap` for cells that may wrap onto a second line. */
  readonly className?: string;
  /** Space on the active row (e.g. toggles its selection). */
  readonly onToggleRow?: (row: T) => void;
}

export function DataTable<T>({ rows, columns, rowId, label, rowHeight = 40, height: maxHeight = 480, fitRows = false, className, onToggleRow }: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();
  const table = useReactTable({
    data: rows as T[],
    columns: columns as Array<ColumnDef<T, unknown>>,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => rowId(row),
  });
  const model = table.getRowModel().rows;
  const virtualizer = useVirtualizer({ count: model.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const activeIndex = Math.min(active, Math.max(0, model.length - 1));
  const height = fitRows ? Math.min(maxHeight, Math.max(1, model.length) * rowHeight) : maxHeight;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(model.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === ' ' && onToggleRow && event.target === event.currentTarget) {
      event.preventDefault();
      const row = model[activeIndex];
      if (row) onToggleRow(row.original);
      return;
    }
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const target = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, PageDown: activeIndex + page, PageUp: activeIndex - page, Home: 0, End: model.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  };

  const template = table
    .getVisibleLeafColumns()
    .map((column) => (column.columnDef.meta as { width?: string } | undefined)?.width ?? 'minmax(120px, 1fr)')
    .join(' ');

  return (
    <div
      className={className ? `data-table ${className}` : 'data-table'}
      role="grid"
      aria-label={label}
      aria-rowcount={model.length + 1}
      aria-activedescendant={model.length > 0 ? `${id}-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="data-table-head" role="rowgroup">
        <div className="data-table-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {table.getHeaderGroups()[0]?.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <div key={header.id} role="columnheader" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                {header.column.getCanSort() ? (
                  <button type="button" className="sort-button" tabIndex={-1} onClick={header.column.getToggleSortingHandler()}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  flexRender(header.column.columnDef.header, header.getContext())
                )}
              </div>
            );
          })}
        </div>
      </div>
      {/* React sets style through the CSSOM, which the CSP allows (it forbids only style attributes in markup). */}
      <div className="data-table-body" ref={scroller} style={{ height }}>
        <div role="rowgroup" className="data-table-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = model[item.index];
            if (!row) return null;
            return (
              <div
                key={row.id}
                id={`${id}-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === activeIndex}
                className={item.index === activeIndex ? 'data-table-row active' : 'data-table-row'}
                style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template, height: rowHeight }}
                onClick={() => setActive(item.index)}
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="gridcell" title={typeof cell.getValue() === 'string' ? (cell.getValue() as string) : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
