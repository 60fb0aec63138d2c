/**
 * How every contact of a download matches the workspace's users now (a preview's `contactMatches`): for each
 * company, exactly what "Manage users" (contactsView) shows for it, but for the whole download in three reads
 * whatever the number of companies (db/repositories/contact-matches.ts), matched in one pass (matchContacts).
 */
import { effectiveChoice, type ImportDraft } from '../../../shared/import/draft';
import type { ImportCompanyRow } from '../../../shared/import/session';
import type { PreviewContactMatch } from '../../../shared/preview/preview-document';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaFetchResult } from '../../../shared/psa/records';
import * as bulk from '../db/repositories/contact-matches';
import type { SqlReader } from '../db/workspace';
import { matchContacts } from './reconcile';
import { reconciliationView } from './reconciliation-view';

/**
 * PSA company → the managed company its contacts are matched against, as "Manage users" opens it: the company's
 * effective choice (the draft's, else the default) when that maps to a managed company. Companies that will be
 * created have none (their contacts are all new).
 */
export function contactTargetsOf(rows: readonly ImportCompanyRow[], draft: Pick<ImportDraft, 'companies'> = { companies: {} }): Map<string, string> {
  const targets = new Map<string, string>();
  for (const row of rows) {
    const choice = effectiveChoice(row, draft);
    if (choice?.kind === 'map') targets.set(row.psaCompanyId, choice.managedCompanyId);
  }
  return targets;
}

/**
 * The matches of every contact of `fetched` that is not new, in the download's order. `targets` (PSA company →
 * managed company; contactTargetsOf) defaults to each company's default choice against the workspace now.
 */
export async function contactMatchesOf(read: SqlReader, psa: PsaKind, fetched: PsaFetchResult, targets?: ReadonlyMap<string, string>): Promise<PreviewContactMatch[]> {
  const against = targets ?? contactTargetsOf((await reconciliationView(read, psa, fetched)).inPsa);
  const managedIds = [...new Set(against.values())];
  if (managedIds.length === 0) return [];
  const [users, mappings, imported] = await Promise.all([
    bulk.listUsersOfCompanies(read, managedIds),
    bulk.listContactMappingsOfCompanies(read, psa, managedIds),
    bulk.importedUsersOfCompanies(read, managedIds),
  ]);
  const contacts = fetched.contacts.filter((contact) => against.has(contact.companyPsaId));
  const matches = matchContacts(contacts, users, mappings, against);
  const emails = new Map(users.map((user) => [user.id, user.email]));
  const importedIds = new Set(imported.map((user) => user.id));
  const out: PreviewContactMatch[] = [];
  for (let index = 0; index < contacts.length; index++) {
    const match = matches[index];
    if (!match || match.kind === 'new') continue;
    out.push({
      psaContactId: contacts[index]!.psaId,
      match: match.kind,
      user: { id: match.userId, email: emails.get(match.userId) ?? '' },
      emailChanged: match.kind === 'mapped' && match.emailChanged,
      importedBefore: match.kind === 'mapped' || importedIds.has(match.userId),
    });
  }
  return out;
}
