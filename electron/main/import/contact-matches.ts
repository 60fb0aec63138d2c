/**
 * How every contact of a download matches the workspace's users now (a preview's `contactMatches`): for each
 * company, exactly what "Manage users" (contactsView) shows for it, but for the whole download in three reads
 * whatever the number of companies (db/repositories/contact-matches.ts), matched as contactsView matches
 * (matchContacts) a slice of companies at a time.
 */
import { effectiveChoice, type ImportDraft } from '../../../shared/import/draft';
import type { ImportCompanyRow } from '../../../shared/import/session';
import type { PreviewContactMatch } from '../../../shared/preview/preview-document';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaFetchResult } from '../../../shared/psa/records';
import * as bulk from '../db/repositories/contact-matches';
import type { SqlReader } from '../db/workspace';
import { contactsByCompany } from './contacts-by-company';
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

/** Companies matched per slice: a few milliseconds of work, then a turn of the event loop. */
const SLICE_COMPANIES = 1_000;
const SLICE_MS = 8;

/**
 * The matches of every contact of `fetched` that is not new, company by company. `targets` (PSA company → managed
 * company; contactTargetsOf) defaults to each company's default choice against the workspace now. Three reads in all;
 * the matching runs a slice of companies at a time, with a turn of the event loop between slices.
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
  // What one company's "Manage users" reads, for every managed company at once: its users and their mappings.
  const usersOf = groupBy(users, (user) => user.managedCompanyId);
  const companyOfUser = new Map(users.map((user) => [user.id, user.managedCompanyId]));
  const mappingsOf = groupBy(mappings, (mapping) => companyOfUser.get(mapping.userId) ?? '');
  const emails = new Map(users.map((user) => [user.id, user.email]));
  const importedIds = new Set(imported.map((user) => user.id));
  const contactsOf = contactsByCompany(fetched);

  const out: PreviewContactMatch[] = [];
  const entries = [...against];
  let since = performance.now();
  for (let start = 0; start < entries.length; start += SLICE_COMPANIES) {
    const slice = new Map(entries.slice(start, start + SLICE_COMPANIES));
    const managed = new Set(slice.values());
    const contacts = [...slice.keys()].flatMap((psaCompanyId) => contactsOf.get(psaCompanyId) ?? []);
    const sliceUsers = [...managed].flatMap((id) => usersOf.get(id) ?? []);
    const sliceMappings = [...managed].flatMap((id) => mappingsOf.get(id) ?? []);
    const matches = matchContacts(contacts, sliceUsers, sliceMappings, slice);
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
    if (performance.now() - since >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = key(item);
    const list = groups.get(id);
    if (list) list.push(item);
    else groups.set(id, [item]);
  }
  return groups;
}
