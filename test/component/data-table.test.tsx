import type { ColumnDef } from '@tanstack/react-table';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DataTable } from '../../renderer/components/data-table/DataTable';
import { gridSize, renderIn } from './render';

interface Company {
  readonly id: string;
  readonly name: string;
}
const COMPANIES: Company[] = Array.from({ length: 40 }, (_, index) => ({ id: String(index), name: `Company ${String(index + 1).padStart(2, '0')}` }));

function Table({ onManage }: { readonly onManage: (company: Company) => void }) {
  const [selected, setSelected] = useState<Record<string, boolean>>({});
  const columns: Array<ColumnDef<Company, unknown>> = [
    {
      id: 'select',
      header: '',
      enableSorting: false,
      meta: { width: '44px', label: 'Select' },
      cell: ({ row }) => (
        <input type="checkbox" aria-label={`Select ${row.original.name}`} checked={selected[row.original.id] === true} onChange={(event) => setSelected({ ...selected, [row.original.id]: event.target.checked })} />
      ),
    },
    { id: 'name', header: 'Name', accessorFn: (row) => row.name, meta: { width: 'minmax(150px, 2fr)' } },
    {
      id: 'manage',
      header: '',
      enableSorting: false,
      meta: { width: '80px', sticky: true, label: 'Manage' },
      cell: ({ row }) => (
        <button type="button" onClick={() => onManage(row.original)}>
          Manage
        </button>
      ),
    },
  ];
  return (
    <>
      <button type="button">Select all</button>
      <DataTable rows={COMPANIES} columns={columns} rowId={(row) => row.id} label="Companies in Datto Autotask" />
      <button type="button">Import and map</button>
    </>
  );
}

describe('DataTable', () => {
  // The size of a window's table.
  gridSize({ clientHeight: 480, clientWidth: 800 });

  it('is one tab stop; the arrow keys move between cells and Enter or Space uses the control in the active cell', async () => {
    const user = userEvent.setup();
    const managed: string[] = [];
    await renderIn('en', <Table onManage={(company) => managed.push(company.name)} />);
    const grid = screen.getByRole('grid', { name: 'Companies in Datto Autotask' });
    expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(1);

    // Select all → the table → Import and map: the checkboxes and Manage buttons in the rows are not Tab stops.
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(grid);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import and map' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(grid);

    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
    expect(active()?.querySelector('input')?.getAttribute('aria-label')).toBe('Select Company 01');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()?.querySelector('input')?.getAttribute('aria-label')).toBe('Select Company 03');
    await user.keyboard(' ');
    expect(screen.getByRole('checkbox', { name: 'Select Company 03' })).toHaveProperty('checked', true);
    await user.keyboard('{ArrowRight}');
    expect(active()?.textContent).toBe('Company 03');
    await user.keyboard('{ArrowRight}{ArrowRight}{Enter}');
    expect(managed).toEqual(['Company 03']);
    expect(document.activeElement).toBe(grid);

    // Up from the first row reaches the header; the empty headers are named for screen readers.
    await user.keyboard('{Home}{ArrowUp}');
    expect(active()?.getAttribute('role')).toBe('columnheader');
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Select', 'Name', 'Manage']);
  });

  it('sorts by a column from the keyboard and resizes it with Shift and the arrow keys', async () => {
    const user = userEvent.setup();
    await renderIn('en', <Table onManage={() => undefined} />);
    const grid = screen.getByRole('grid');
    grid.focus();
    await user.keyboard('{ArrowUp}{ArrowRight}');
    const header = screen.getByRole('columnheader', { name: 'Name' });
    expect(grid.getAttribute('aria-activedescendant')).toBe(header.id);
    await user.keyboard('{Enter}');
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    await user.keyboard('{Enter}');
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const template = () => (header.parentElement as HTMLElement).style.gridTemplateColumns;
    expect(template()).toContain('minmax(150px, 2fr)');
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    expect(template()).toContain('minmax(182px, 2fr)');
  });

  it('sorts a text column in the language’s order: Çelik Bouw right after Bakker, item 2 before item 10', async () => {
    const user = userEvent.setup();
    const rows: Company[] = ['Zeeman', 'Çelik Bouw', 'dijk', 'Bakker', 'Émile', 'item 10', 'item 2'].map((name, index) => ({ id: String(index), name }));
    const columns: Array<ColumnDef<Company, unknown>> = [{ id: 'name', header: 'Naam', accessorFn: (row) => row.name }];
    await renderIn('nl', <DataTable rows={rows} columns={columns} rowId={(row) => row.id} label="Bedrijven" />);
    const grid = screen.getByRole('grid');
    grid.focus();
    await user.keyboard('{ArrowUp}{Enter}');
    const names = () => screen.getAllByRole('gridcell').map((cell) => cell.textContent);
    expect(names()).toEqual(['Bakker', 'Çelik Bouw', 'dijk', 'Émile', 'item 2', 'item 10', 'Zeeman']);
    await user.keyboard('{Enter}');
    expect(names()).toEqual(['Zeeman', 'item 10', 'item 2', 'Émile', 'dijk', 'Çelik Bouw', 'Bakker']);
  });
});
