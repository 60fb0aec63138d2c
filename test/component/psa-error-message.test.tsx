import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PsaErrorMessage } from '../../renderer/components/PsaErrorMessage';
import { renderIn } from './render';

describe('PsaErrorMessage', () => {
  it('names missing credentials by their labels, never by internal field ids', async () => {
    await renderIn('en', <PsaErrorMessage error={{ kind: 'credentials-required', detail: 'Missing: companyId, clientId.' }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Missing: Company ID, Client ID.');
    expect(alert.textContent).not.toContain('companyId');
  });

  it('does so in Dutch too', async () => {
    await renderIn('nl', <PsaErrorMessage error={{ kind: 'credentials-required', detail: 'Missing: username, secret.' }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/Ontbreekt: .+, .+\./);
    expect(screen.getByRole('alert').textContent).not.toContain('username');
  });

  it('keeps other technical detail for support as it is', async () => {
    await renderIn('en', <PsaErrorMessage error={{ kind: 'forbidden', detail: 'HTTP 403 from /company/companies' }} />);
    expect(screen.getByText('HTTP 403 from /company/companies')).toBeTruthy();
  });
});
