/** The Managed companies page: list, create by hand, remove (outside the import wizard). */
import { randomUUID } from 'node:crypto';
import type { ManagedCompany, ManagedUser } from '../../../shared/directory/schemas';
import { PsaKindSchema } from '../../../shared/psa/kinds';
import { DomainError } from '../base/domain-error';
import { appendAudit } from '../db/repositories/audit-log';
import * as directory from '../db/repositories/directory';
import type { Workspace } from '../db/workspace';

export class DirectoryService {
  constructor(
    private readonly workspace: Workspace,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<ManagedCompany[]> {
    const rows = await directory.listManagedCompanies(this.workspace.read);
    return rows.map((row) => {
      const gone = new Set((row.goneMappings ?? '').split(',').filter(Boolean));
      return {
        id: row.id,
        name: row.name,
        origin: row.origin,
        createdAt: row.createdAt,
        lastImportedAt: row.lastImportedAt,
        users: row.users,
        licensedUsers: row.licensedUsers,
        mappings: (row.mappings ?? '')
          .split(',')
          .filter(Boolean)
          .flatMap((pair) => {
            const [psa, psaCompanyId] = [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)];
            const kind = PsaKindSchema.safeParse(psa);
            return kind.success ? [{ psa: kind.data, psaCompanyId, goneFromPsa: gone.has(pair) }] : [];
          }),
      };
    });
  }

  async users(managedCompanyId: string): Promise<ManagedUser[]> {
    return (await directory.listUsersOfCompany(this.workspace.read, managedCompanyId)).map(({ id, name, email }) => ({ id, name, email }));
  }

  async create(name: string, actorId: string): Promise<ManagedCompany> {
    const id = randomUUID();
    const at = this.now().toISOString();
    await this.workspace.transaction(async (tx) => {
      await directory.insertManagedCompany(tx, { id, name, origin: 'manual', createdBy: actorId }, at);
      await directory.recordHistory(tx, 'company', id, 'created', actorId, at, { origin: 'manual' });
      await appendAudit(tx, 'directory.company_created', actorId, at, { id, name });
      await tx.notifyChange('directory');
    });
    return { id, name, origin: 'manual', createdAt: at, lastImportedAt: null, users: 0, licensedUsers: 0, mappings: [] };
  }

  /** Removes a company, its users and its PSA mappings; a later import would create it anew. */
  async remove(id: string, actorId: string): Promise<void> {
    await this.workspace.transaction(async (tx) => {
      const name = await directory.findManagedCompanyName(tx, id);
      if (name === undefined) throw new DomainError('NOT_FOUND', 'That managed company no longer exists.');
      await directory.deleteManagedCompany(tx, id);
      await appendAudit(tx, 'directory.company_removed', actorId, this.now().toISOString(), { id, name });
      await tx.notifyChange('directory');
    });
  }
}
