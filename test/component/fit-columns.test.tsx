import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chrome, fitColumns, type FitColumn } from '../../renderer/components/data-table/fit-columns';

const GAP = 10;
const PADDING = 24;
/** The companies step's columns (CompaniesStep.tsx): Type and the PSA status are the first to go. */
const COMPANIES: FitColumn[] = [
  { id: 'select', size: 44, minSize: 44, grow: 0 },
  { id: 'name', size: 150, minSize: 90, grow: 2 },
  { id: 'status', size: 140, minSize: 84, grow: 1.2 },
  { id: 'type', size: 80, minSize: 48, grow: 0, drop: 1 },
  { id: 'active', size: 80, minSize: 48, grow: 0, drop: 2 },
  { id: 'lastImport', size: 84, minSize: 50, grow: 0 },
  { id: 'action', size: 120, minSize: 72, grow: 1.5 },
  { id: 'manage', size: 80, minSize: 48, grow: 0 },
];
const used = (fitted: ReturnType<typeof fitColumns>) => fitted.visible.reduce((sum, id) => sum + (fitted.sizes[id] ?? 0), 0) + chrome(fitted.visible.length, GAP, PADDING);

describe('fitColumns: the columns a table shows for its width', () => {
  it('shows every column at its start width in a wide table (1920 px window)', () => {
    const fitted = fitColumns(COMPANIES, 1500, {}, GAP, PADDING);
    expect(fitted.visible).toEqual(COMPANIES.map((column) => column.id));
    expect(fitted.sizes).toMatchObject({ name: 150, status: 140, manage: 80 });
  });

  it('leaves out Type, then the PSA status, as the table narrows (1024×640: about 700 px)', () => {
    expect(fitColumns(COMPANIES, 860, {}, GAP, PADDING).visible).toEqual(['select', 'name', 'status', 'active', 'lastImport', 'action', 'manage']);
    const narrow = fitColumns(COMPANIES, 700, {}, GAP, PADDING);
    expect(narrow.visible).toEqual(['select', 'name', 'status', 'lastImport', 'action', 'manage']);
    expect(used(narrow)).toBeLessThanOrEqual(700);
  });

  it('then shrinks the growing columns, never the fixed ones (checkboxes, buttons)', () => {
    const fitted = fitColumns(COMPANIES, 640, {}, GAP, PADDING);
    expect(used(fitted)).toBeLessThanOrEqual(640);
    expect(fitted.sizes).toMatchObject({ select: 44, lastImport: 84, manage: 80 });
    expect(fitted.sizes.name).toBeLessThan(150);
    expect(fitted.sizes.name).toBeGreaterThanOrEqual(90);
  });

  it('keeps a width the user set by hand, and a column the user widened is not left out', () => {
    const fitted = fitColumns(COMPANIES, 700, { type: 120, status: 200 }, GAP, PADDING);
    expect(fitted.visible).toContain('type');
    expect(fitted.sizes).toMatchObject({ type: 120, status: 200 });
    expect(fitted.visible).not.toContain('active');
  });

  it('shows every column before the table is measured', () => {
    expect(fitColumns(COMPANIES, Number.POSITIVE_INFINITY, {}, GAP, PADDING).visible).toHaveLength(COMPANIES.length);
  });

  it('fits any width down to the growing columns’ smallest widths, and shows every column that never drops', () => {
    const floor = COMPANIES.filter((column) => column.drop === undefined).reduce((sum, column) => sum + (column.grow > 0 ? column.minSize : column.size), 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2400 }), (extra) => {
        const width = floor + chrome(6, GAP, PADDING) + extra;
        const fitted = fitColumns(COMPANIES, width, {}, GAP, PADDING);
        expect(used(fitted)).toBeLessThanOrEqual(width);
        for (const column of COMPANIES) if (column.drop === undefined) expect(fitted.visible).toContain(column.id);
        for (const id of fitted.visible) expect(fitted.sizes[id]).toBeGreaterThanOrEqual(COMPANIES.find((column) => column.id === id)?.minSize ?? 0);
      }),
    );
  });
});
