import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from '../../renderer/components/Dialog';
import { renderIn } from './render';

/** A wizard step with a "Manage users" button and the step's Continue behind the dialog it opens. */
function Step() {
  const [open, setOpen] = useState(false);
  return (
    <main>
      <button type="button" onClick={() => setOpen(true)}>
        Manage users
      </button>
      <button type="button">Continue</button>
      {open ? (
        <Dialog title="Manage users: Acme" onClose={() => setOpen(false)}>
          <label>
            <input type="checkbox" /> ann@acme.example
          </label>
          <button type="button" onClick={() => setOpen(false)}>
            Save
          </button>
        </Dialog>
      ) : null}
    </main>
  );
}

describe('Dialog', () => {
  it('takes focus, keeps Tab and Shift+Tab inside, closes on Escape and gives focus back to its opener', async () => {
    const user = userEvent.setup();
    await renderIn('en', <Step />);
    await user.tab();
    const opener = screen.getByRole('button', { name: 'Manage users' });
    expect(document.activeElement).toBe(opener);
    await user.keyboard('{Enter}');

    const dialog = screen.getByRole('dialog', { name: 'Manage users: Acme' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    // A keyboard user cannot reach the step's Continue behind the dialog, however often they press Tab.
    const reached = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
      reached.add(document.activeElement?.textContent?.trim() || (document.activeElement as HTMLInputElement).type);
    }
    for (let i = 0; i < 3; i += 1) {
      await user.tab({ shift: true });
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    expect(reached).toEqual(new Set(['checkbox', 'Save']));
    // What is behind the dialog is inert: neither clickable nor seen by screen readers while it is open.
    expect(screen.getByRole('button', { name: 'Continue' }).closest('[inert]')).not.toBeNull();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('is an alert dialog when asked, named by its title', async () => {
    await renderIn('nl', <Dialog title="Acme verwijderen?" onClose={() => undefined} role="alertdialog">
      <p>Weet u het zeker?</p>
    </Dialog>);
    expect(screen.getByRole('alertdialog', { name: 'Acme verwijderen?' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Acme verwijderen?');
  });
});
