/**
 * The Administrators page (Master Administrators only): create an administrator, assign technician groups,
 * promote to Master Administrator or demote, disable. The workspace always keeps one enabled Master Administrator.
 */
import type { Administrator, AdministratorChanges, NewAdministratorInput } from '../../../shared/org/schemas';
import type { AccessControl } from '../access/access-control';
import type { AuthService } from '../auth/auth-service';
import type { Caller } from '../base/caller';
import { DomainError } from '../base/domain-error';
import { RESOURCES } from '../base/resources';
import * as admins from '../db/repositories/administrators';
import { appendAudit } from '../db/repositories/audit-log';
import * as groupsDb from '../db/repositories/technician-groups';
import type { SqlReader } from '../db/workspace';
import { readPasswordPolicy } from './org-settings';
import { diff, type OrgService } from './org-service';

export class AdministratorsService {
  constructor(
    private readonly access: AccessControl,
    private readonly auth: AuthService,
    private readonly org: OrgService,
    private readonly now: () => Date,
  ) {}

  async list(caller: Caller): Promise<Administrator[]> {
    await this.access.masterAdministrator(caller);
    return listWithGroups(this.org.workspaceReader());
  }

  async create(caller: Caller, input: NewAdministratorInput): Promise<string> {
    const principal = await this.access.masterAdministrator(caller);
    const policy = await readPasswordPolicy(this.org.workspaceReader());
    await this.checkGroups(input.groupIds);
    return this.auth.createAdministrator(
      { ...input, mustChangePassword: policy.adminChangesForceChange },
      {
        alsoWrite: async (tx, id) => {
          // Master Administrators manage every group: assignments would only mislead once they are demoted.
          await groupsDb.replaceAssignments(tx, id, input.role === 'admin' ? input.groupIds : []);
          await appendAudit(tx, 'org.administrator_created', principal.id, this.now().toISOString(), { id, name: input.name, email: input.email, role: input.role, groupIds: input.groupIds });
          await tx.notifyChange('org');
        },
      },
    );
  }

  async update(caller: Caller, input: AdministratorChanges): Promise<Administrator[]> {
    const principal = await this.access.masterAdministrator(caller);
    await this.org.write(async (tx) => {
      await tx.lockResource(RESOURCES.accounts);
      const before = await admins.findAdministratorById(tx, input.id);
      if (!before) throw new DomainError('NOT_FOUND', 'That administrator no longer exists.');
      const groupIds = input.role === 'admin' ? [...new Set(input.groupIds)].sort((a, b) => a - b) : [];
      const known = new Set((await groupsDb.listGroups(tx)).map((group) => group.id));
      if (groupIds.some((id) => !known.has(id))) throw new DomainError('NOT_FOUND', 'A technician group no longer exists.', { groupIds: 'missing' });
      const wasActiveMaster = before.role === 'master_admin' && before.enabled;
      const staysActiveMaster = input.role === 'master_admin' && input.enabled;
      if (wasActiveMaster && !staysActiveMaster && (await admins.countEnabledMasters(tx)) <= 1) throw new DomainError('LAST_MASTER_ADMIN', 'The workspace needs an enabled Master Administrator.');
      const now = this.now().toISOString();
      const assignedBefore = await groupsDb.assignedGroupIds(tx, input.id);
      await admins.updateRoleAndStatus(tx, input.id, input.role, input.enabled, now);
      await groupsDb.replaceAssignments(tx, input.id, groupIds);
      const changes = diff({ role: before.role, enabled: before.enabled, groupIds: assignedBefore }, { role: input.role, enabled: input.enabled, groupIds });
      if (Object.keys(changes).length) await appendAudit(tx, 'org.administrator_changed', principal.id, now, { id: input.id, name: before.name, changes });
    });
    return listWithGroups(this.org.workspaceReader());
  }

  private async checkGroups(groupIds: readonly number[]): Promise<void> {
    const known = new Set((await groupsDb.listGroups(this.org.workspaceReader())).map((group) => group.id));
    if (groupIds.some((id) => !known.has(id))) throw new DomainError('NOT_FOUND', 'A technician group no longer exists.', { groupIds: 'missing' });
  }
}

async function listWithGroups(db: SqlReader): Promise<Administrator[]> {
  const assignments = await groupsDb.allAssignments(db);
  return (await admins.listAdministrators(db)).map((admin) => ({
    id: admin.id,
    name: admin.name,
    email: admin.email,
    role: admin.role,
    enabled: admin.enabled,
    groupIds: assignments.filter((assignment) => assignment.adminId === admin.id).map((assignment) => assignment.groupId),
    lastSignInAt: admin.lastSignInAt,
    mustChangePassword: admin.mustChangePassword,
  }));
}
