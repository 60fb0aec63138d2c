/** Apply later: every drift is listed with its choices, and Apply waits until each one is accepted or resolved. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Drift } from '../../shared/import/drift';
import type { ImportCompanyRow } from '../../shared/import/session';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { DriftStep } from '../../renderer/screens/preview/DriftStep';
import { useAppStore } from '../../renderer/store';
import { FRESH_WIZARD } from '../../renderer/store/slices/import-wizard.slice';
import { reviewUnsaved, type ReviewState } from '../../renderer/store/slices/preview.slice';
import { renderIn } from './render';
import { companyRow } from '../support/company-rows';

const row = (id: string, name: string, over: Partial<ImportCompanyRow> = {}) => companyRow(id, { name, contacts: 1, ...over });
const drift: Drift[] = [
  { kind: 'target-deleted', psaCompanyId: '1', psaName: 'Acme', target: { id: 'mc-1', name: 'Acme BV' } },
  { kind: 'user-email-changed', psaCompanyId: '2', psaContactId: 'c-2', userId: 'u-2', before: 'anna@bakker.example', now: 'anna@bakker.nl' },
];
const draft = {
  selected: { '1': true as const, '2': true as const },
  companies: { '1': { kind: 'map' as const, managedCompanyId: 'mc-1', managedCompanyName: 'Acme BV' } },
  users: { '2': { 'c-2': { kind: 'map' as const, userId: 'u-2', userLabel: 'anna@bakker.example' } } },
  notes: {},
};
const review: ReviewState = {
  preview: {
    reviewId: 'r-1',
    path: '/tmp/a.msp-preview',
    fileName: 'a.msp-preview',
    psa: 'autotask',
    integration: { accountHint: null, apiBaseUrl: null },
    filter: DEFAULT_PSA_FILTER,
    createdBy: { adminId: 'a-1', name: 'Mira' },
    createdAt: '2026-11-30T10:00:00Z',
    fetchedAt: '2026-11-30T09:59:00Z',
    companies: 2,
    contacts: 2,
    migratedFrom: null,
  },
  saved: draft,
  savedAt: '2026-11-30T10:00:00Z',
  drift: { list: drift, handled: {}, base: draft },
  changes: null,
};

beforeEach(() => {
  useAppStore.setState({
    wizard: {
      psa: 'autotask',
      ...FRESH_WIZARD,
      choices: draft,
      review,
      session: { sessionId: 's-1', jobId: '' },
      view: { inPsa: [row('1', 'Acme'), row('2', 'Bakker Bouw', { status: 'mapped', managedCompany: { id: 'mc-2', name: 'Bakker' } })], notInPsa: [] },
      step: 'drift',
    },
  });
});

describe('the drift check before an apply-later', () => {
  it('lists each change with its choices, and Apply waits until every one is handled', async () => {
    const user = userEvent.setup();
    await renderIn('en', <DriftStep psaName="Datto Autotask" />);
    expect(screen.getByText('Acme was to be mapped to Acme BV, which has been deleted since.')).toBeTruthy();
    expect(screen.getByText(/A contact of Bakker Bouw is to be mapped to the user anna@bakker.example, whose email address is now anna@bakker.nl/)).toBeTruthy();
    const apply = screen.getByRole('button', { name: 'Apply 2 companies' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    // Mapping to a deleted company cannot be accepted: only a new company, or leaving it out.
    const group = screen.getByRole('group', { name: /deleted since/ });
    expect(group.querySelectorAll('input[type=radio]')).toHaveLength(2);

    await user.click(screen.getByRole('radio', { name: 'Create a new managed company instead' }));
    expect(useAppStore.getState().wizard?.choices.companies['1']).toEqual({ kind: 'create' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'Map to the user with the new address' }));
    expect(useAppStore.getState().wizard?.choices.users['2']).toEqual({ 'c-2': { kind: 'map', userId: 'u-2', userLabel: 'anna@bakker.nl' } });
    expect(screen.getByText('2 changes since the preview was saved; 2 handled.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply 2 companies' }) as HTMLButtonElement).disabled).toBe(false);
    // The resolutions changed the decisions: closing the review now would ask first.
    expect(reviewUnsaved(useAppStore.getState().wizard)).toBe(true);
  });

  it('leaving a company out applies one company fewer; in Dutch', async () => {
    const user = userEvent.setup();
    await renderIn('nl', <DriftStep psaName="Datto Autotask" />);
    await user.click(screen.getByRole('radio', { name: 'Dit bedrijf weglaten' }));
    await user.click(screen.getByRole('radio', { name: 'Deze contactpersoon weglaten' }));
    expect(screen.getByRole('button', { name: '1 bedrijf toepassen' })).toBeTruthy();
    expect(useAppStore.getState().wizard?.choices.users['2']).toEqual({});
  });

  it('changing one\'s mind undoes the earlier choice: left out, then accepted, is accepted', async () => {
    const user = userEvent.setup();
    await renderIn('en', <DriftStep psaName="Datto Autotask" />);
    await user.click(screen.getByRole('radio', { name: 'Leave this contact out' }));
    expect(useAppStore.getState().wizard?.choices.users['2']).toEqual({});
    await user.click(screen.getByRole('radio', { name: 'Map to the user with the new address' }));
    expect(useAppStore.getState().wizard?.choices.users['2']).toEqual({ 'c-2': { kind: 'map', userId: 'u-2', userLabel: 'anna@bakker.nl' } });
    await user.click(screen.getByRole('radio', { name: 'Leave this company out' }));
    await user.click(screen.getByRole('radio', { name: 'Create a new managed company instead' }));
    expect(useAppStore.getState().wizard?.choices.selected['1']).toBe(true);
    expect(useAppStore.getState().wizard?.choices.companies['1']).toEqual({ kind: 'create' });
  });
});
