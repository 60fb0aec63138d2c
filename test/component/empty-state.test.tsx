import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EmptyState } from '../../renderer/components/EmptyState';
import { renderIn } from './render';

describe('EmptyState', () => {
  it('names its region by its title and shows the body and note', async () => {
    await renderIn('en', <EmptyState title="No managed companies yet" body="Import them from your PSA." note="Or add one by hand." />);
    expect(screen.getByRole('region', { name: 'No managed companies yet' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('No managed companies yet');
    expect(screen.getByText('Or add one by hand.')).toBeTruthy();
  });
});
