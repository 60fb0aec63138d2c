/**
 * Apply later, its first step (preview:checkApply): in the workspace open now, with the caller's import right, the
 * preview must come from the integration this workspace imports from (PREVIEW_OTHER_INTEGRATION otherwise); then the
 * lock is taken and an import session opened on the preview's download (as a start takes it: refused, naming the
 * holder, while someone else imports), the download reconciled against the workspace now, and every drift listed
 * (shared/import/drift.ts). The renderer then applies (import:apply, which validates again and writes under the
 * lock) or cancels (import:cancel) that session.
 */
import type { ImportDraft } from '../../../shared/import/draft';
import { detectDrift } from '../../../shared/import/drift';
import type { ImportCompanyRow } from '../../../shared/import/session';
import type { IntegrationIdentity } from '../../../shared/import/snapshot';
import type { ApplyCheckResult } from '../../../shared/preview/preview-api';
import type { PsaKind } from '../../../shared/psa/kinds';
import { DomainError } from '../base/domain-error';
import { listCompanyRefs, userEmailsOf } from '../db/repositories/directory';
import { reconciliationView } from '../import/reconciliation-view';
import { actorOf, type PreviewDeps, type Review } from './preview-reviews';

/** Seats a plan takes, counted as the users step counts them: each contact chosen, or every contact of a company granted "all". */
export function seatsNeeded(rows: readonly ImportCompanyRow[], draft: ImportDraft): number {
  let total = 0;
  for (const row of rows) {
    if (!draft.selected[row.psaCompanyId]) continue;
    const users = Object.hasOwn(draft.users, row.psaCompanyId) ? draft.users[row.psaCompanyId] : undefined;
    if (users === undefined) continue;
    total += users === 'all' ? row.contacts : Object.keys(users).length;
  }
  return total;
}

const sameUrl = (a: string, b: string) => a.trim().replace(/\/+$/, '').toLowerCase() === b.trim().replace(/\/+$/, '').toLowerCase();

/**
 * Whether a preview's integration is another account than `current` (this workspace's, as this workstation connects
 * to it): only what both know is compared, so a preview or connection without an account hint is not refused for it.
 */
export function otherIntegration(preview: IntegrationIdentity, current: IntegrationIdentity): boolean {
  if (preview.accountHint !== null && current.accountHint !== null && preview.accountHint.trim().toLowerCase() !== current.accountHint.trim().toLowerCase()) return true;
  return preview.apiBaseUrl !== null && current.apiBaseUrl !== null && !sameUrl(preview.apiBaseUrl, current.apiBaseUrl);
}

/**
 * PREVIEW_OTHER_INTEGRATION when the preview is not from the tenant this workspace imports from, or when this
 * workstation's connection to the PSA is another account than the preview's. The tenant is what makes an apply safe
 * without any PSA connection: a workspace that has recorded its tenant takes only previews that name the same one.
 */
export async function requireSameIntegration(deps: PreviewDeps, psa: PsaKind, preview: IntegrationIdentity): Promise<void> {
  const recorded = await deps.tenants.recorded(psa);
  if (recorded !== null && (preview.tenant ?? null) !== recorded) {
    throw new DomainError('PREVIEW_OTHER_INTEGRATION', `This preview comes from another ${psa} tenant than this workspace imports from.`, { psa });
  }
  const status = await deps.psa.status(psa);
  if (!status.configured) return;
  if (otherIntegration(preview, { accountHint: status.accountHint, apiBaseUrl: status.apiBaseUrl })) {
    throw new DomainError('PREVIEW_OTHER_INTEGRATION', `This preview comes from another ${psa} account than this workspace imports from.`, { psa });
  }
}

export async function checkApply(deps: PreviewDeps, review: Review, draft: ImportDraft): Promise<ApplyCheckResult> {
  const { document, contacts } = review.opened;
  const psa = document.psa;
  const principal = await deps.access.importer(review.caller, psa);
  await requireSameIntegration(deps, psa, document.integration);
  const result = { companies: document.snapshot.companies, contacts: await contacts.all() };
  // The window closed (and its work ended) while this was read: nothing may take the lock for it now.
  if (!deps.access.stillSignedIn(review.caller)) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const opened = await deps.imports.openOn(review.caller, actorOf(principal), psa, document.filter, { snapshotId: null, result, fetchedAt: document.fetchedAt });
  if (opened.outcome === 'locked') return opened;
  try {
    const read = deps.workspace.read;
    const view = await reconciliationView(read, psa, result);
    const userIds = new Set<string>();
    for (const [psaCompanyId, users] of Object.entries(draft.users)) {
      if (!draft.selected[psaCompanyId] || users === 'all') continue;
      for (const user of Object.values(users)) if (user.kind === 'map') userIds.add(user.userId);
    }
    const [companies, users, licenses] = await Promise.all([listCompanyRefs(read), userEmailsOf(read, [...userIds]), deps.licenses.read()]);
    const drift = detectDrift(
      { rows: document.reconciliation.inPsa, draft, seatsNeeded: seatsNeeded(document.reconciliation.inPsa, draft) },
      { rows: view.inPsa, companies: new Map(companies.map((company) => [company.id, company.name])), users, seatsAvailable: Math.max(0, licenses.seats - licenses.inUse) },
    );
    deps.log.info('Preview checked for an apply', { psa, drift: drift.length });
    return { outcome: 'started', sessionId: opened.sessionId, view, drift };
  } catch (error) {
    // Nothing to apply without the check: the session (and its lock) ends.
    await deps.imports.cancel(review.caller, opened.sessionId).catch(() => undefined);
    throw error;
  }
}
