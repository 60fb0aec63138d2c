/**
 * Resuming an import from one of the caller's kept downloads (after a restart, say): a session on the snapshot's
 * records (ImportSessions.openOn: the lock is taken as for a fresh start, the reconciliation is against the workspace
 * as it is now), and the decisions kept handed back.
 */
import type { ImportDraft } from '../../../shared/import/draft';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { SessionState } from '../auth/session-store';
import type { Caller } from '../base/caller';
import { DomainError } from '../base/domain-error';
import type { LockInfo } from '../locks/integration-locks';
import type { ImportSessions } from './import-sessions';
import type { ImportSnapshots } from './import-snapshots';

export type ResumeResult =
  | { readonly outcome: 'started'; readonly sessionId: string; readonly psa: PsaKind; readonly filter: PsaFilter; readonly draft: ImportDraft | null }
  | { readonly outcome: 'locked'; readonly heldBy: LockInfo };

export async function resumeImport(sessions: ImportSessions, snapshots: ImportSnapshots, caller: Caller, actor: SessionState, snapshotId: string): Promise<ResumeResult> {
  const kept = await snapshots.load(snapshotId);
  if (kept.summary.createdBy.adminId !== actor.adminId || kept.summary.appliedAt !== null) {
    throw new DomainError('NOT_FOUND', 'That download cannot be resumed: it is not yours, or it was applied already.');
  }
  const psa = kept.summary.psa;
  const opened = await sessions.openOn(caller, actor, psa, kept.summary.filter, { snapshotId, result: kept.result, fetchedAt: kept.summary.fetchedAt });
  if (opened.outcome === 'locked') return opened;
  return { outcome: 'started', sessionId: opened.sessionId, psa, filter: kept.summary.filter, draft: kept.draft };
}
