import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

  it('offers the next step inside the region, reached with Tab and used with Enter', async () => {
    const user = userEvent.setup();
    const pressed: string[] = [];
    await renderIn(
      'en',
      <EmptyState title="No managed companies yet" body="Import them from your PSA.">
        <button type="button" onClick={() => pressed.push('psa')}>
          Import from your PSA
        </button>
      </EmptyState>,
    );
    const region = screen.getByRole('region', { name: 'No managed companies yet' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import from your PSA' }));
    expect(region.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Enter}');
    expect(pressed).toEqual(['psa']);
  });
});
