/**
 * What a technician can do about each drift before an apply-later (issue 12), and what it does to their decisions.
 * Pure: a resolution is a change of the draft, so the plan built from it afterwards says what will happen (the
 * review keeps which drifts were handled: a mapping made since is still one when listed again). "Accept" goes on with the workspace as it is now (the mapping made since, the new
 * name, the new email, fewer seats); the others change the decision (a new managed company or user) or leave the
 * company or contact out of this apply.
 */
import type { Drift } from './drift';
import type { ImportDraft, UserChoice } from './draft';
import type { ImportCompanyRow } from './session';

export type DriftAction = 'accept' | 'create-company' | 'create-user' | 'leave-out';

/** The actions each kind of drift offers, the first being the one a technician most likely wants. */
export function driftActions(drift: Drift): readonly DriftAction[] {
  switch (drift.kind) {
    case 'target-deleted':
      // Mapping to a company that is gone cannot be accepted.
      return ['create-company', 'leave-out'];
    case 'user-deleted':
      return ['create-user', 'leave-out'];
    case 'licenses-short':
      // Users beyond the seats fail with the seed's message, and can be retried after raising the seats.
      return ['accept'];
    default:
      return ['accept', 'leave-out'];
  }
}

/**
 * The draft after `action` on `drift`. `now` is the company's row reconciled against the workspace now (its
 * mapping now decides what a new managed company replaces).
 */
export function applyDriftAction(draft: ImportDraft, drift: Drift, action: DriftAction, now?: ImportCompanyRow): ImportDraft {
  if (!driftActions(drift).includes(action)) throw new Error(`${action} does not resolve ${drift.kind}`);
  if (drift.kind === 'licenses-short') return draft;
  const id = drift.psaCompanyId;
  if (drift.kind === 'user-deleted' || drift.kind === 'user-email-changed') {
    const users = draft.users[id];
    if (!users || users === 'all') return draft;
    const { [drift.psaContactId]: before, ...others } = users;
    if (!before) return draft;
    const after: UserChoice | null =
      action === 'leave-out' ? null : action === 'create-user' ? { kind: 'create' } : before.kind === 'map' && drift.kind === 'user-email-changed' ? { ...before, userLabel: drift.now } : before;
    return { ...draft, users: { ...draft.users, [id]: after ? { ...others, [drift.psaContactId]: after } : others } };
  }
  if (action === 'leave-out') {
    const { [id]: _left, ...selected } = draft.selected;
    void _left;
    return { ...draft, selected };
  }
  const { [id]: choice, ...companies } = draft.companies;
  switch (drift.kind) {
    case 'mapped-since':
    case 'mapping-changed':
      // The company's mapping as it is now decides (mapped: stays mapped; unmapped: a new managed company).
      return { ...draft, companies };
    case 'target-renamed':
      return choice?.kind === 'map' ? { ...draft, companies: { ...companies, [id]: { ...choice, managedCompanyName: drift.nowName } } } : draft;
    case 'target-deleted': {
      const mappedNow = now?.status === 'mapped' && now.managedCompany ? { replacing: now.managedCompany.id } : {};
      return { ...draft, companies: { ...companies, [id]: { kind: 'create', ...mappedNow } } };
    }
  }
}
