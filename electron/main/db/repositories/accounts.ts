/**
 * Everyone who signs in: administrators (their own table) and technicians (theirs). Emails are unique across
 * both, case-insensitively; writers check here while holding RESOURCES.accounts.
 */
import type { SqlReader } from '../workspace';
import { emailKey, findAdministratorByEmail, findAdministratorById, type AdminRole } from './administrators';
import { findTechnician, findTechnicianByEmail } from './technicians';

export type Account =
  | { readonly kind: 'administrator'; readonly id: string; readonly name: string; readonly email: string; readonly role: AdminRole; readonly passwordHash: string; readonly mustChangePassword: boolean; readonly enabled: boolean }
  | {
      readonly kind: 'technician';
      readonly id: string;
      readonly name: string;
      readonly email: string;
      readonly role: 'technician';
      readonly passwordHash: string;
      readonly mustChangePassword: boolean;
      readonly enabled: boolean;
      readonly groupId: number;
    };

export async function findAccountByEmail(db: SqlReader, email: string): Promise<Account | undefined> {
  const admin = await findAdministratorByEmail(db, email);
  if (admin) return { kind: 'administrator', ...admin };
  const technician = await findTechnicianByEmail(db, email);
  return technician && technicianAccount(technician);
}

export async function findAccountById(db: SqlReader, id: string): Promise<Account | undefined> {
  const admin = await findAdministratorById(db, id);
  if (admin) return { kind: 'administrator', ...admin };
  const technician = await findTechnician(db, id);
  return technician && technicianAccount(technician);
}

function technicianAccount(technician: { id: string; name: string; email: string; passwordHash: string; mustChangePassword: boolean; enabled: boolean; groupId: number }): Account {
  const { id, name, email, passwordHash, mustChangePassword, enabled, groupId } = technician;
  return { kind: 'technician', id, name, email, role: 'technician', passwordHash, mustChangePassword, enabled, groupId };
}

/** Whether someone other than `exceptId` signs in with this email. */
export async function emailInUse(db: SqlReader, email: string, exceptId: string | null): Promise<boolean> {
  const key = emailKey(email);
  const admin = await db.row(db.q.selectFrom('administrators').select('id').where('email_key', '=', key));
  if (admin && admin.id !== exceptId) return true;
  const technician = await db.row(db.q.selectFrom('technicians').select('id').where('email_key', '=', key));
  return technician !== undefined && technician.id !== exceptId;
}
