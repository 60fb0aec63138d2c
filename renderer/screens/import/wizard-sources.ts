/**
 * Where the wizard's dialogs read what they list: in an import (or an apply-later), the core's session and the
 * directory as it is now; in a preview under offline review, the preview as it was saved — its contacts with their
 * matches then, and the managed companies and users it names (the directory it was saved from is not here).
 */
import { useMemo } from 'react';
import type { ManagedCompany, ManagedUser } from '../../../shared/directory/schemas';
import type { ImportContactRow, ReconciliationView } from '../../../shared/import/session';
import type { PsaKind } from '../../../shared/psa/kinds';
import { api, unwrap } from '../../api/client';
import { useAppStore } from '../../store';

export interface WizardSources {
  /** An offline review: no session, so nothing is read from the PSA or checked against this workspace. */
  readonly offline: boolean;
  contacts(psaCompanyId: string, managedCompanyId: string | null): Promise<ImportContactRow[]>;
  /** The users a contact can be mapped to. */
  users(managedCompanyId: string, contacts: readonly ImportContactRow[]): Promise<ManagedUser[]>;
  /** The managed companies a PSA company can be mapped to. */
  companies(): Promise<ManagedCompany[]>;
}

export function useWizardSources(): WizardSources {
  const sessionId = useAppStore((state) => state.wizard?.session?.sessionId ?? null);
  const reviewId = useAppStore((state) => state.wizard?.review?.preview.reviewId ?? null);
  const psa = useAppStore((state) => state.wizard?.psa ?? null);
  const view = useAppStore((state) => state.wizard?.view ?? null);
  return useMemo<WizardSources>(() => {
    if (sessionId || !reviewId || !psa) {
      return {
        offline: false,
        contacts: (psaCompanyId, managedCompanyId) => unwrap(api().import.contacts({ sessionId: sessionId ?? '', psaCompanyId, managedCompanyId })),
        users: (managedCompanyId) => unwrap(api().directory.users({ managedCompanyId })),
        companies: () => unwrap(api().directory.listCompanies()),
      };
    }
    return {
      offline: true,
      contacts: (psaCompanyId) => unwrap(api().preview.contacts({ reviewId, psaCompanyId })),
      users: (_managedCompanyId, contacts) => Promise.resolve(usersNamedBy(contacts)),
      companies: () => Promise.resolve(view ? companiesNamedBy(view, psa) : []),
    };
  }, [sessionId, reviewId, psa, view]);
}

/** The users a saved preview's contacts were matched to: what an offline review can map a contact to. */
export function usersNamedBy(contacts: readonly ImportContactRow[]): ManagedUser[] {
  const users = new Map<string, ManagedUser>();
  for (const contact of contacts) if (contact.user) users.set(contact.user.id, { id: contact.user.id, name: '', email: contact.user.email });
  return [...users.values()];
}

/**
 * The managed companies a saved preview names (mapped companies, namesakes, those not in the PSA), with the PSA
 * mappings it shows: what an offline review can map a company to. Counts and dates are not in a preview.
 */
export function companiesNamedBy(view: ReconciliationView, psa: PsaKind): ManagedCompany[] {
  const companies = new Map<string, ManagedCompany>();
  const add = (ref: { readonly id: string; readonly name: string }, psaCompanyId?: string) => {
    const known = companies.get(ref.id) ?? { id: ref.id, name: ref.name, origin: 'psa-import' as const, createdAt: '', lastImportedAt: null, users: 0, licensedUsers: 0, mappings: [] };
    companies.set(ref.id, psaCompanyId ? { ...known, mappings: [...known.mappings, { psa, psaCompanyId, goneFromPsa: false }] } : known);
  };
  for (const row of view.inPsa) {
    if (row.managedCompany) add(row.managedCompany, row.status === 'mapped' ? row.psaCompanyId : undefined);
    for (const candidate of row.candidates) add(candidate);
  }
  for (const row of view.notInPsa) add(row.managedCompany, row.psaCompanyId);
  return [...companies.values()];
}
