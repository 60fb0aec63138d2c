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
  await db.run('INSERT INTO audit_log (at, actor_id, action, detail) VALUES (?, ?, ?, ?)', [
    at,
    actorId,
    action,
    detail ? JSON.stringify(detail) : null,
  ]);
}
