/** SQL for the `administrators` table; the only module that knows its columns. */
import type { Role } from '../../../../shared/ipc/schemas';
import type { SqlReader, SqlWriter } from '../workspace';

export interface Administrator {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

interface Row {
  id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
}

const COLUMNS = 'id, name, email, role, password_hash, must_change_password';

function fromRow(row: Row): Administrator {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Emails compare case-insensitively; the key is what the unique index holds. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function countAdministrators(db: SqlReader): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM administrators');
  return row?.n ?? 0;
}

export async function findAdministratorByEmail(db: SqlReader, email: string): Promise<Administrator | undefined> {
  const row = await db.get<Row>(`SELECT ${COLUMNS} FROM administrators WHERE email_key = ?`, [emailKey(email)]);
  return row && fromRow(row);
}

export async function findAdministratorById(db: SqlReader, id: string): Promise<Administrator | undefined> {
  const row = await db.get<Row>(`SELECT ${COLUMNS} FROM administrators WHERE id = ?`, [id]);
  return row && fromRow(row);
}

export async function insertAdministrator(db: SqlWriter, admin: Administrator, now: string): Promise<void> {
  await db.run(
    `INSERT INTO administrators (id, name, email, email_key, role, password_hash, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [admin.id, admin.name, admin.email, emailKey(admin.email), admin.role, admin.passwordHash, admin.mustChangePassword ? 1 : 0, now, now],
  );
}

export async function updatePassword(db: SqlWriter, id: string, passwordHash: string, mustChangePassword: boolean, now: string): Promise<void> {
  await db.run('UPDATE administrators SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?', [
    passwordHash,
    mustChangePassword ? 1 : 0,
    now,
    id,
  ]);
}

export async function recordSignIn(db: SqlWriter, id: string, now: string): Promise<void> {
  await db.run('UPDATE administrators SET last_sign_in_at = ? WHERE id = ?', [now, id]);
}
