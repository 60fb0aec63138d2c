/**
 * A preview's contacts as the wizard shows them: the snapshot's records with how each matched the workspace's users
 * when saved (the reconciliation's contactMatches; a contact not listed is new). Pure.
 */
import type { ImportContactRow } from '../import/session';
import type { PreviewContact, PreviewContactMatch } from './preview-document';

/** The contact matches by contact id (what contactRowsOf takes). */
export function contactMatchMap(matches: readonly PreviewContactMatch[]): Map<string, PreviewContactMatch> {
  return new Map(matches.map((match) => [match.psaContactId, match]));
}

/** Contacts (a company's, say) in the wizard's own row type, as they were saved. */
export function contactRowsOf(contacts: readonly PreviewContact[], matches: ReadonlyMap<string, PreviewContactMatch>): ImportContactRow[] {
  return contacts.map((contact) => contactRow(contact, matches.get(contact.psaId) ?? null));
}

/** One PSA contact as the wizard's row: how it matched a user of its managed company (null: a new user). */
export function contactRow(contact: PreviewContact, found: Omit<PreviewContactMatch, 'psaContactId'> | null): ImportContactRow {
  return {
    psaContactId: contact.psaId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    active: contact.active,
    match: found?.match ?? 'new',
    user: found ? { id: found.user.id, email: found.user.email } : null,
    emailChanged: found?.emailChanged ?? false,
    importedBefore: found?.importedBefore ?? false,
  };
}

/** The matches of the wizard's rows (a company's contacts as contactsView gives them): every row that is not new. */
export function contactMatchesOfRows(rows: readonly ImportContactRow[]): PreviewContactMatch[] {
  return rows.flatMap((row) =>
    row.match === 'new' || row.user === null
      ? []
      : [{ psaContactId: row.psaContactId, match: row.match, user: { id: row.user.id, email: row.user.email }, emailChanged: row.emailChanged, importedBefore: row.importedBefore }],
  );
}
