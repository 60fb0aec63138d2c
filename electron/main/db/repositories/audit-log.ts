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
  | 'import.undone'
  | 'auth.sign_in_disabled'
  | 'org.group_created'
  | 'org.group_changed'
  | 'org.group_deleted'
  | 'org.technician_created'
  | 'org.technician_changed'
  | 'org.technician_moved'
  | 'org.technician_password_set'
  | 'org.technicians_imported'
  | 'org.administrator_created'
  | 'org.administrator_changed'
  | 'org.settings_changed'
  | 'org.licenses_changed'
  | 'directory_sync.settings_changed'
  | 'directory_sync.token_generated'
  | 'directory_sync.token_revoked'
  | 'directory_sync.synced';

/** A JSON value: what the audit log says about an action (names, ids, before and after; never a password). */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };

export async function appendAudit(db: SqlWriter, action: AuditAction, actorId: string | null, at: string, detail?: Readonly<Record<string, AuditValue>>): Promise<void> {
  await db.execute(db.q.insertInto('audit_log').values({ at, actor_id: actorId, action, detail: detail ? JSON.stringify(detail) : null }));
}
