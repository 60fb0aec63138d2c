import type { ColumnDef } from '@tanstack/react-table';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataTable } from '../../renderer/components/data-table/DataTable';
import { gridSize, renderIn } from './render';

interface Company {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly city: string;
}
const COMPANIES: Company[] = [
  { id: '1', name: 'Jansen Installatietechniek Noord B.V.', type: 'Customer', city: 'Groningen' },
  { id: '2', name: 'Jansen Installatietechniek Zuid B.V.', type: 'Prospect', city: 'Maastricht' },
];
const COLUMNS: Array<ColumnDef<Company, unknown>> = [
  { id: 'name', header: 'Name', accessorFn: (row) => row.name, meta: { width: 'minmax(150px, 2fr)', wrap: true } },
  { id: 'type', header: 'Type', accessorFn: (row) => row.type, meta: { width: '80px', drop: 1, mergeInto: 'name' } },
  { id: 'city', header: 'City', accessorFn: (row) => row.city, meta: { width: '90px', drop: 2 } },
  { id: 'manage', header: '', enableSorting: false, meta: { width: '80px', sticky: true, label: 'Manage' }, cell: () => <button type="button">Manage</button> },
];

/** The inner width of the table being tested. */
function tableWidth(width: number) {
  gridSize({ clientWidth: width, clientHeight: 400 });
}

const headers = () => screen.getAllByRole('columnheader').map((header) => header.textContent);

describe('DataTable in a narrow window', () => {
  tableWidth(400);
  it('leaves out low-value columns, shows a merged column’s value under the name, and keeps the action column', async () => {
    await renderIn('en', <DataTable rows={COMPANIES} columns={COLUMNS} rowId={(row) => row.id} label="Companies" />);
    expect(headers()).toEqual(['Name', 'City', 'Manage']);
    const first = screen.getAllByRole('row')[1]!;
    const [name] = within(first).getAllByRole('gridcell');
    // The whole name, then the type (named for screen readers by its column).
    expect(name?.textContent).toBe('Jansen Installatietechniek Noord B.V.Type: Customer');
    expect(within(first).getByRole('button', { name: 'Manage' })).toBeTruthy();
  });
});

describe('DataTable in a still narrower window', () => {
  tableWidth(330);
  it('leaves out the next column, whose value is not merged anywhere', async () => {
    await renderIn('en', <DataTable rows={COMPANIES} columns={COLUMNS} rowId={(row) => row.id} label="Companies" />);
    expect(headers()).toEqual(['Name', 'Manage']);
    expect(screen.queryByText('Groningen')).toBeNull();
  });
});

describe('DataTable in a wide window', () => {
  tableWidth(1200);
  it('shows every column, the name on its own', async () => {
    await renderIn('en', <DataTable rows={COMPANIES} columns={COLUMNS} rowId={(row) => row.id} label="Companies" />);
    expect(headers()).toEqual(['Name', 'Type', 'City', 'Manage']);
    expect(screen.getAllByRole('gridcell')[0]?.textContent).toBe('Jansen Installatietechniek Noord B.V.');
  });
});
