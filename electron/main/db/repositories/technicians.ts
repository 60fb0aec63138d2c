/** Queries on the `technicians` table; the only module that knows its columns. */
import { toCount } from '../sql-builder';
import type { SqlReader, SqlWriter } from '../workspace';
import { emailKey } from './administrators';

export interface TechnicianRecord {
  readonly id: string;
  readonly groupId: number;
  readonly name: string;
  readonly nickname: string;
  readonly email: string;
  readonly ssoId: string;
  readonly description: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly enabled: boolean;
  readonly standardLicense: boolean;
  readonly mobileLicense: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastSignInAt: string | null;
}

const COLUMNS = [
  'id',
  'group_id',
  'name',
  'nickname',
  'email',
  'sso_id',
  'description',
  'password_hash',
  'must_change_password',
  'enabled',
  'standard_license',
  'mobile_license',
  'created_at',
  'updated_at',
  'last_sign_in_at',
] as const;

interface Row {
  id: string;
  group_id: number;
  name: string;
  nickname: string;
  email: string;
  sso_id: string;
  description: string;
  password_hash: string;
  must_change_password: 0 | 1;
  enabled: 0 | 1;
  standard_license: 0 | 1;
  mobile_license: 0 | 1;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

function fromRow(row: Row): TechnicianRecord {
  return {
    id: row.id,
    groupId: Number(row.group_id),
    name: row.name,
    nickname: row.nickname,
    email: row.email,
    ssoId: row.sso_id,
    description: row.description,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    enabled: row.enabled === 1,
    standardLicense: row.standard_license === 1,
    mobileLicense: row.mobile_license === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

export async function listTechnicians(db: SqlReader): Promise<TechnicianRecord[]> {
  return (await db.rows(db.q.selectFrom('technicians').select(COLUMNS).orderBy('name').orderBy('id'))).map(fromRow);
}

export async function findTechnician(db: SqlReader, id: string): Promise<TechnicianRecord | undefined> {
  const row = await db.row(db.q.selectFrom('technicians').select(COLUMNS).where('id', '=', id));
  return row && fromRow(row);
}

export async function findTechnicianByEmail(db: SqlReader, email: string): Promise<TechnicianRecord | undefined> {
  const row = await db.row(db.q.selectFrom('technicians').select(COLUMNS).where('email_key', '=', emailKey(email)));
  return row && fromRow(row);
}

/** Technicians whose email (case-insensitive) is one of `emails`: an import's "already present" check in one query per 500. */
export async function findTechniciansByEmails(db: SqlReader, emails: readonly string[]): Promise<TechnicianRecord[]> {
  const keys = [...new Set(emails.map(emailKey))];
  const found: TechnicianRecord[] = [];
  for (let start = 0; start < keys.length; start += 500) {
    const rows = await db.rows(db.q.selectFrom('technicians').select(COLUMNS).where('email_key', 'in', keys.slice(start, start + 500)));
    found.push(...rows.map(fromRow));
  }
  return found;
}

export async function findTechnicianBySsoId(db: SqlReader, ssoId: string): Promise<TechnicianRecord | undefined> {
  const row = await db.row(db.q.selectFrom('technicians').select(COLUMNS).where('sso_id', '=', ssoId));
  return row && fromRow(row);
}

/** Which of `ssoIds` a technician holds already: an import's check in one query per 500. */
export async function takenSsoIds(db: SqlReader, ssoIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ssoIds.filter((id) => id !== ''))];
  const taken = new Set<string>();
  for (let start = 0; start < wanted.length; start += 500) {
    const rows = await db.rows(db.q.selectFrom('technicians').select('sso_id').where('sso_id', 'in', wanted.slice(start, start + 500)));
    for (const row of rows) taken.add(row.sso_id);
  }
  return taken;
}

export async function countTechniciansInGroup(db: SqlReader, groupId: number): Promise<number> {
  return toCount((await db.row(db.q.selectFrom('technicians').select((eb) => eb.fn.countAll().as('n')).where('group_id', '=', groupId)))?.n);
}

export async function licensesInUse(db: SqlReader): Promise<{ standard: number; mobile: number }> {
  const row = await db.row(
    db.q.selectFrom('technicians').select((eb) => [eb.fn.sum<number>('standard_license').as('standard'), eb.fn.sum<number>('mobile_license').as('mobile')]),
  );
  return { standard: toCount(row?.standard ?? 0), mobile: toCount(row?.mobile ?? 0) };
}

export async function insertTechnicians(db: SqlWriter, technicians: readonly TechnicianRecord[]): Promise<void> {
  for (let start = 0; start < technicians.length; start += 200) {
    await db.execute(
      db.q.insertInto('technicians').values(
        technicians.slice(start, start + 200).map((technician) => ({
          id: technician.id,
          group_id: technician.groupId,
          name: technician.name,
          nickname: technician.nickname,
          email: technician.email,
          email_key: emailKey(technician.email),
          sso_id: technician.ssoId,
          description: technician.description,
          password_hash: technician.passwordHash,
          must_change_password: flag(technician.mustChangePassword),
          enabled: flag(technician.enabled),
          standard_license: flag(technician.standardLicense),
          mobile_license: flag(technician.mobileLicense),
          created_at: technician.createdAt,
          updated_at: technician.updatedAt,
          last_sign_in_at: null,
        })),
      ),
    );
  }
}

export interface TechnicianUpdate {
  readonly name: string;
  readonly nickname: string;
  readonly email: string;
  readonly ssoId: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly standardLicense: boolean;
  readonly mobileLicense: boolean;
}

export async function updateTechnician(db: SqlWriter, id: string, changes: TechnicianUpdate, now: string): Promise<void> {
  await db.execute(
    db.q
      .updateTable('technicians')
      .set({
        name: changes.name,
        nickname: changes.nickname,
        email: changes.email,
        email_key: emailKey(changes.email),
        sso_id: changes.ssoId,
        description: changes.description,
        enabled: flag(changes.enabled),
        standard_license: flag(changes.standardLicense),
        mobile_license: flag(changes.mobileLicense),
        updated_at: now,
      })
      .where('id', '=', id),
  );
}

export async function setTechnicianPassword(db: SqlWriter, id: string, passwordHash: string, mustChangePassword: boolean, now: string): Promise<void> {
  await db.execute(db.q.updateTable('technicians').set({ password_hash: passwordHash, must_change_password: flag(mustChangePassword), updated_at: now }).where('id', '=', id));
}

export async function moveTechnician(db: SqlWriter, id: string, groupId: number, now: string): Promise<void> {
  await db.execute(db.q.updateTable('technicians').set({ group_id: groupId, updated_at: now }).where('id', '=', id));
}

export async function recordTechnicianSignIn(db: SqlWriter, id: string, now: string): Promise<void> {
  await db.execute(db.q.updateTable('technicians').set({ last_sign_in_at: now }).where('id', '=', id));
}
