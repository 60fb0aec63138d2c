/** Append-only record of security-relevant actions. Never holds secrets. */
import type { SqlWriter } from '../workspace';

export type AuditAction =
  | 'workspace.initialized'
  | 'auth.signed_in'
  | 'auth.sign_in_failed'
  | 'auth.signed_out'
  | 'auth.password_changed'
  | 'lock.force_released'
  | 'directory.company_created'
  | 'directory.company_removed'
  | 'import.undone';

export async function appendAudit(db: SqlWriter, action: AuditAction, actorId: string | null, at: string, detail?: Record<string, string>): Promise<void> {
  await db.execute(db.q.insertInto('audit_log').values({ at, actor_id: actorId, action, detail: detail ? JSON.stringify(detail) : null }));
}
