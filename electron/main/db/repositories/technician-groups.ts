/** Queries on `technician_groups` and `administrator_groups`; the only module that knows their columns. */
import { RightsSchema, type Right } from '../../../../shared/org/rights';
import { toCount } from '../sql-builder';
import type { SqlReader, SqlWriter } from '../workspace';

export interface GroupRow {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
  readonly description: string;
  readonly rights: Right[];
}

function parseRights(text: string): Right[] {
  // Written only by this module from a parsed list; a damaged value grants nothing rather than failing the tree.
  try {
    const parsed = RightsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export async function listGroups(db: SqlReader): Promise<GroupRow[]> {
  const rows = await db.rows(db.q.selectFrom('technician_groups').select(['id', 'name', 'parent_id', 'description', 'rights']).orderBy('id'));
  return rows.map((row) => ({ id: Number(row.id), name: row.name, parentId: row.parent_id === null ? null : Number(row.parent_id), description: row.description, rights: parseRights(row.rights) }));
}

export async function findGroup(db: SqlReader, id: number): Promise<GroupRow | undefined> {
  const row = await db.row(db.q.selectFrom('technician_groups').select(['id', 'name', 'parent_id', 'description', 'rights']).where('id', '=', id));
  return row && { id: Number(row.id), name: row.name, parentId: row.parent_id === null ? null : Number(row.parent_id), description: row.description, rights: parseRights(row.rights) };
}

export async function insertGroup(db: SqlWriter, group: { name: string; parentId: number | null; description: string; rights: readonly Right[] }, now: string): Promise<number> {
  const row = await db.row(
    db.q
      .insertInto('technician_groups')
      .values({ name: group.name, parent_id: group.parentId, description: group.description, rights: JSON.stringify(group.rights), created_at: now, updated_at: now })
      .returning('id'),
  );
  if (!row) throw new Error('The new technician group has no id.');
  return Number(row.id);
}

export async function updateGroup(db: SqlWriter, id: number, changes: { name?: string; parentId?: number | null; description?: string; rights?: readonly Right[] }, now: string): Promise<void> {
  await db.execute(
    db.q
      .updateTable('technician_groups')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.rights !== undefined ? { rights: JSON.stringify(changes.rights) } : {}),
        updated_at: now,
      })
      .where('id', '=', id),
  );
}

export async function deleteGroup(db: SqlWriter, id: number): Promise<void> {
  await db.execute(db.q.deleteFrom('technician_groups').where('id', '=', id));
}

export async function countSubgroups(db: SqlReader, id: number): Promise<number> {
  return toCount((await db.row(db.q.selectFrom('technician_groups').select((eb) => eb.fn.countAll().as('n')).where('parent_id', '=', id)))?.n);
}

/** Group id per assigned administrator. */
export async function assignedGroupIds(db: SqlReader, adminId: string): Promise<number[]> {
  const rows = await db.rows(db.q.selectFrom('administrator_groups').select('group_id').where('admin_id', '=', adminId).orderBy('group_id'));
  return rows.map((row) => Number(row.group_id));
}

export async function allAssignments(db: SqlReader): Promise<{ adminId: string; groupId: number }[]> {
  const rows = await db.rows(db.q.selectFrom('administrator_groups').select(['admin_id', 'group_id']).orderBy('group_id'));
  return rows.map((row) => ({ adminId: row.admin_id, groupId: Number(row.group_id) }));
}

export async function replaceAssignments(db: SqlWriter, adminId: string, groupIds: readonly number[]): Promise<void> {
  await db.execute(db.q.deleteFrom('administrator_groups').where('admin_id', '=', adminId));
  if (groupIds.length) await db.execute(db.q.insertInto('administrator_groups').values(groupIds.map((groupId) => ({ admin_id: adminId, group_id: groupId }))));
}
