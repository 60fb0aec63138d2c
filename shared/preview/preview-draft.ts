/**
 * A preview's decisions and the wizard's ImportDraft (shared/import/draft.ts), one into the other. The draft keeps
 * each kind of decision in a record keyed by company; the preview keeps one entry per company (so its array is
 * written and checked in slices like the rest). Pure.
 */
import type { ImportDraft } from '../import/draft';
import type { PreviewDecision } from './preview-document';

const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/**
 * The draft's decisions as one entry per company. With `companyIds` (a preview's snapshot, in its order): one entry
 * for each of them, decided or not, and nothing for a company not listed. Without: one entry for each company the
 * draft decides anything for, in the order the draft first names them.
 */
export function draftToDecisions(draft: ImportDraft, companyIds?: readonly string[]): PreviewDecision[] {
  const ids = companyIds ?? [...new Set([...Object.keys(draft.selected), ...Object.keys(draft.companies), ...Object.keys(draft.users), ...Object.keys(draft.notes)])];
  return ids.map((psaCompanyId) => {
    const note = own(draft.notes, psaCompanyId);
    return {
      psaCompanyId,
      selected: own(draft.selected, psaCompanyId) === true,
      choice: own(draft.companies, psaCompanyId) ?? null,
      users: own(draft.users, psaCompanyId) ?? null,
      ...(note === undefined ? {} : { note }),
    };
  });
}

/** The decisions back as the wizard's draft: an entry that decides nothing adds nothing. */
export function decisionsToDraft(decisions: readonly PreviewDecision[]): ImportDraft {
  // Object.fromEntries defines each key as the record's own (an id of "__proto__" is data, not a prototype).
  return {
    selected: Object.fromEntries(decisions.filter((decision) => decision.selected).map((decision) => [decision.psaCompanyId, true as const])),
    companies: Object.fromEntries(decisions.flatMap((decision) => (decision.choice ? [[decision.psaCompanyId, decision.choice] as const] : []))),
    users: Object.fromEntries(decisions.flatMap((decision) => (decision.users ? [[decision.psaCompanyId, decision.users] as const] : []))),
    notes: Object.fromEntries(decisions.flatMap((decision) => (decision.note === undefined ? [] : [[decision.psaCompanyId, decision.note] as const]))),
  };
}
