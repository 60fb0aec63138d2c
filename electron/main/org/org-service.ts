/**
 * The Rescue seed's organisation: the tree of technician groups with their technicians, the Organization tab's
 * Configuration page, moving technicians, group access rights, technician licenses and the Global settings.
 * Every call checks the caller here (access/access-control.ts and org-scope.ts); screens only mirror it.
 */
import { randomUUID } from 'node:crypto';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import { effectiveRights, type Right } from '../../../shared/org/rights';
import type { NewTechnician, OrgSettings, OrgTree, TechnicianChanges, TechnicianDetail, TechnicianLicenses } from '../../../shared/org/schemas';
import type { AccessControl, Principal } from '../access/access-control';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../base/clock';
import { DomainError } from '../base/domain-error';
import { RESOURCES } from '../base/resources';
import { appendAudit, type AuditValue } from '../db/repositories/audit-log';
import * as groupsDb from '../db/repositories/technician-groups';
import * as techniciansDb from '../db/repositories/technicians';
import { writeSetting } from '../db/repositories/workspace-settings';
import type { SqlReader, SqlWriter, Workspace } from '../db/workspace';
import { ORG_SETTINGS_KEY, PASSWORD_POLICY_KEY, TECHNICIAN_SEATS_KEY, readOrgSettings, readPasswordPolicy, readTechnicianSeats } from './org-settings';
import { administratorScope, isSelfOrBelow, masterScope, NO_SCOPE, type Scope } from './org-scope';
import { ClaimedIdentities, LicenseLedger, withLicenseRule, type Refusal } from './technician-rules';

export interface OrgServiceDeps {
  readonly workspace: Workspace;
  readonly access: AccessControl;
  readonly auth: AuthService;
  readonly clock: Clock;
}

export function refuse(refusal: Refusal, message: string): never {
  throw new DomainError(refusal.code, message, refusal.fields);
}

export class OrgService {
  constructor(private readonly deps: OrgServiceDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  workspaceReader(): SqlReader {
    return this.deps.workspace.read;
  }

  /** At the workspace's cost (AuthService's: tests lower it, the app keeps password-hash's default). */
  hash(password: string): Promise<string> {
    return this.deps.auth.hashPassword(password);
  }

  /** What `principal` may see and manage, read in `db` (a transaction's, when the caller then writes). */
  async scopeOf(db: SqlReader, principal: Principal): Promise<Scope> {
    const groups = await groupsDb.listGroups(db);
    if (principal.role === 'master_admin') return masterScope(groups);
    if (principal.role !== 'admin') return NO_SCOPE;
    const settings = await readOrgSettings(db);
    return administratorScope(groups, await groupsDb.assignedGroupIds(db, principal.id), settings.showGroupsOnlyToAssigned);
  }

  private async manageableGroup(db: SqlReader, principal: Principal, groupId: number): Promise<groupsDb.GroupRow> {
    const group = await groupsDb.findGroup(db, groupId);
    const scope = await this.scopeOf(db, principal);
    if (!group || !scope.visible.has(groupId)) throw new DomainError('NOT_FOUND', 'That technician group no longer exists.', { groupId: 'missing' });
    if (!scope.manageable.has(groupId)) throw new DomainError('GROUP_NOT_IN_SCOPE', 'You are not assigned to this technician group.');
    return group;
  }

  // ── The tree ──────────────────────────────────────────────────────────────

  async tree(caller: { sessionKey: string }): Promise<OrgTree> {
    const principal = await this.deps.access.administrator(caller);
    const db = this.deps.workspace.read;
    const scope = await this.scopeOf(db, principal);
    const groups = (await groupsDb.listGroups(db)).filter((group) => scope.visible.has(group.id));
    const technicians = (await techniciansDb.listTechnicians(db)).filter((technician) => scope.visible.has(technician.groupId));
    return {
      groups: groups.map((group) => ({
        id: group.id,
        // A group whose parent the caller may not see is shown at the top of their tree.
        parentId: group.parentId !== null && scope.visible.has(group.parentId) ? group.parentId : null,
        name: group.name,
        description: group.description,
        rights: group.rights,
        manageable: scope.manageable.has(group.id),
      })),
      technicians: technicians.map(({ id, groupId, name, email, enabled, standardLicense, mobileLicense }) => ({ id, groupId, name, email, enabled, standardLicense, mobileLicense })),
      canCreateTopLevel: principal.role === 'master_admin',
    };
  }

  async createGroup(caller: { sessionKey: string }, input: { name: string; parentId: number | null }): Promise<number> {
    const principal = await this.deps.access.administrator(caller);
    return this.write(async (tx) => {
      await tx.lockResource(RESOURCES.orgTree);
      const parent = input.parentId === null ? null : await this.manageableGroup(tx, principal, input.parentId);
      if (!parent && principal.role !== 'master_admin') throw new DomainError('GROUP_NOT_IN_SCOPE', 'Only a Master Administrator creates groups at the top of the tree.');
      await this.checkSiblingName(tx, input.parentId, input.name, null);
      // A subgroup starts with its parent's rights: what a new team under "Service desk" does is usually the same.
      const rights = parent?.rights ?? [];
      const id = await groupsDb.insertGroup(tx, { name: input.name, parentId: input.parentId, description: '', rights }, this.now());
      await appendAudit(tx, 'org.group_created', principal.id, this.now(), { id, name: input.name, parentId: input.parentId, rights });
      return id;
    });
  }

  async updateGroup(caller: { sessionKey: string }, input: { id: number; name: string; description: string; rights: readonly Right[] }): Promise<void> {
    const principal = await this.deps.access.administrator(caller);
    await this.write(async (tx) => {
      await tx.lockResource(RESOURCES.orgTree);
      const group = await this.manageableGroup(tx, principal, input.id);
      if (group.name.toLowerCase() !== input.name.toLowerCase()) await this.checkSiblingName(tx, group.parentId, input.name, group.id);
      const changes = diff({ name: group.name, description: group.description, rights: group.rights }, { name: input.name, description: input.description, rights: [...input.rights] });
      if (!Object.keys(changes).length) return;
      await groupsDb.updateGroup(tx, group.id, { name: input.name, description: input.description, rights: input.rights }, this.now());
      await appendAudit(tx, 'org.group_changed', principal.id, this.now(), { id: group.id, name: input.name, changes });
    });
  }

  /** Nests a group under another (or at the top, for Master Administrators); never inside itself. */
  async moveGroup(caller: { sessionKey: string }, input: { id: number; parentId: number | null }): Promise<void> {
    const principal = await this.deps.access.administrator(caller);
    await this.write(async (tx) => {
      await tx.lockResource(RESOURCES.orgTree);
      const group = await this.manageableGroup(tx, principal, input.id);
      if (input.parentId === group.parentId) return;
      if (input.parentId === null) {
        if (principal.role !== 'master_admin') throw new DomainError('GROUP_NOT_IN_SCOPE', 'Only a Master Administrator places groups at the top of the tree.');
      } else {
        await this.manageableGroup(tx, principal, input.parentId);
        if (isSelfOrBelow(await groupsDb.listGroups(tx), group.id, input.parentId)) throw new DomainError('GROUP_CYCLE', 'A group cannot be nested inside itself.');
      }
      await this.checkSiblingName(tx, input.parentId, group.name, group.id);
      await groupsDb.updateGroup(tx, group.id, { parentId: input.parentId }, this.now());
      await appendAudit(tx, 'org.group_changed', principal.id, this.now(), { id: group.id, name: group.name, changes: { parentId: { from: group.parentId, to: input.parentId } } });
    });
  }

  async deleteGroup(caller: { sessionKey: string }, input: { id: number }): Promise<void> {
    const principal = await this.deps.access.administrator(caller);
    await this.write(async (tx) => {
      await tx.lockResource(RESOURCES.orgTree);
      const group = await this.manageableGroup(tx, principal, input.id);
      const technicians = await techniciansDb.countTechniciansInGroup(tx, group.id);
      const subgroups = await groupsDb.countSubgroups(tx, group.id);
      if (technicians || subgroups) throw new DomainError('GROUP_NOT_EMPTY', 'Only an empty group can be deleted.', { technicians: String(technicians), subgroups: String(subgroups) });
      await groupsDb.deleteGroup(tx, group.id);
      await appendAudit(tx, 'org.group_deleted', principal.id, this.now(), { id: group.id, name: group.name });
    });
  }

  private async checkSiblingName(db: SqlReader, parentId: number | null, name: string, exceptId: number | null): Promise<void> {
    const taken = (await groupsDb.listGroups(db)).some((group) => group.parentId === parentId && group.id !== exceptId && group.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new DomainError('GROUP_NAME_TAKEN', 'Another group at this level has this name.', { name: 'taken' });
  }

  // ── Technicians ───────────────────────────────────────────────────────────

  async technician(caller: { sessionKey: string }, id: string): Promise<TechnicianDetail> {
    const principal = await this.deps.access.administrator(caller);
    const db = this.deps.workspace.read;
    const technician = await techniciansDb.findTechnician(db, id);
    const scope = await this.scopeOf(db, principal);
    if (!technician || !scope.visible.has(technician.groupId)) throw new DomainError('NOT_FOUND', 'That technician no longer exists.');
    const group = await groupsDb.findGroup(db, technician.groupId);
    const { name, nickname, email, ssoId, description, enabled, standardLicense, mobileLicense, groupId, mustChangePassword, createdAt, updatedAt, lastSignInAt } = technician;
    return {
      id,
      name,
      nickname,
      email,
      ssoId,
      description,
      enabled,
      standardLicense,
      mobileLicense,
      groupId,
      effectiveRights: effectiveRights(group?.rights ?? []),
      mustChangePassword,
      createdAt,
      updatedAt,
      lastSignInAt,
      manageable: scope.manageable.has(groupId),
    };
  }

  /** Create Technician (Technicus maken) on a group, then Save changes on its Configuration page. */
  async createTechnician(caller: { sessionKey: string }, input: NewTechnician): Promise<string> {
    const principal = await this.deps.access.administrator(caller);
    await this.deps.auth.enforcePolicy(input.password, [input.name, input.email]);
    const passwordHash = await this.hash(input.password);
    const id = randomUUID();
    await this.write(async (tx) => {
      await tx.lockResource(RESOURCES.accounts);
      await tx.lockResource(RESOURCES.technicianLicenses);
      await this.manageableGroup(tx, principal, input.groupId);
      const fields = withLicenseRule(input);
      const taken = await new ClaimedIdentities().refusal(tx, fields.email, fields.ssoId, null);
      if (taken) refuse(taken, 'The email address or single sign-on ID is taken.');
      const ledger = await LicenseLedger.read(tx, await readTechnicianSeats(tx));
      const short = ledger.take({ standardLicense: false, mobileLicense: false }, fields);
      if (short) refuse(short, 'No license of that kind is left.');
      const now = this.now();
      const policy = await readPasswordPolicy(tx);
      await techniciansDb.insertTechnicians(tx, [{ ...fields, id, passwordHash, mustChangePassword: policy.adminChangesForceChange, createdAt: now, updatedAt: now, lastSignInAt: null }]);
      await appendAudit(tx, 'org.technician_created', principal.id, now, { id, groupId: input.groupId, ...auditFields(fields) });
    });
    return id;
  }

  /** Save changes on the Configuration page; a new password is checked against the policy and never logged. */
  async updateTechnician(caller: { sessionKey: string }, input: TechnicianChanges): Promise<TechnicianDetail> {
    const principal = await this.deps.access.administrator(caller);
    const before = await techniciansDb.findTechnician(this.deps.workspace.read, input.id);
    if (!before) throw new DomainError('NOT_FOUND', 'That technician no longer exists.');
    if (input.newPassword !== null) await this.deps.auth.enforcePolicy(input.newPassword, [input.name, input.email], 'newPassword');
    const passwordHash = input.newPassword === null ? null : await this.hash(input.newPassword);
    await this.write(async (tx) => {
      await tx.lockResource(RESOURCES.accounts);
      await tx.lockResource(RESOURCES.technicianLicenses);
      const current = await techniciansDb.findTechnician(tx, input.id);
      if (!current) throw new DomainError('NOT_FOUND', 'That technician no longer exists.');
      await this.manageableGroup(tx, principal, current.groupId);
      const fields = withLicenseRule({ name: input.name, nickname: input.nickname, email: input.email, ssoId: input.ssoId, description: input.description, enabled: input.enabled, standardLicense: input.standardLicense, mobileLicense: input.mobileLicense });
      const taken = await new ClaimedIdentities().refusal(tx, fields.email, fields.ssoId, current.id);
      if (taken) refuse(taken, 'The email address or single sign-on ID is taken.');
      const short = (await LicenseLedger.read(tx, await readTechnicianSeats(tx))).take(current, fields);
      if (short) refuse(short, 'No license of that kind is left.');
      const now = this.now();
      const changes: Record<string, AuditValue> = diff(auditFields(current), auditFields(fields));
      await techniciansDb.updateTechnician(tx, current.id, fields, now);
      if (passwordHash !== null) {
        const policy = await readPasswordPolicy(tx);
        await techniciansDb.setTechnicianPassword(tx, current.id, passwordHash, policy.adminChangesForceChange, now);
        changes.password = 'set by an administrator';
      }
      if (Object.keys(changes).length) await appendAudit(tx, 'org.technician_changed', principal.id, now, { id: current.id, name: fields.name, changes });
    });
    return this.technician(caller, input.id);
  }

  /** Dragged onto another group, or Move to Technician Group (Naar technicusgroep verplaatsen). */
  async moveTechnician(caller: { sessionKey: string }, input: { id: string; groupId: number }): Promise<void> {
    const principal = await this.deps.access.administrator(caller);
    await this.write(async (tx) => {
      const technician = await techniciansDb.findTechnician(tx, input.id);
      if (!technician) throw new DomainError('NOT_FOUND', 'That technician no longer exists.');
      await this.manageableGroup(tx, principal, technician.groupId);
      await this.manageableGroup(tx, principal, input.groupId);
      if (technician.groupId === input.groupId) return;
      await techniciansDb.moveTechnician(tx, technician.id, input.groupId, this.now());
      await appendAudit(tx, 'org.technician_moved', principal.id, this.now(), { id: technician.id, name: technician.name, changes: { groupId: { from: technician.groupId, to: input.groupId } } });
    });
  }

  // ── Licenses and Global settings ──────────────────────────────────────────

  async licenses(caller: { sessionKey: string }): Promise<TechnicianLicenses> {
    await this.deps.access.administrator(caller);
    return readLicenses(this.deps.workspace.read);
  }

  /** Never below what is assigned now (SEATS_BELOW_IN_USE, field `kind`). */
  async setLicenseSeats(caller: { sessionKey: string }, seats: { standard: number; mobile: number }): Promise<TechnicianLicenses> {
    const principal = await this.deps.access.masterAdministrator(caller);
    return this.write(async (tx) => {
      await tx.lockResource(RESOURCES.technicianLicenses);
      const inUse = await techniciansDb.licensesInUse(tx);
      for (const kind of ['standard', 'mobile'] as const) {
        if (seats[kind] < inUse[kind]) throw new DomainError('SEATS_BELOW_IN_USE', `${inUse[kind]} ${kind} licenses are assigned.`, { kind, inUse: String(inUse[kind]) });
      }
      const before = await readTechnicianSeats(tx);
      await writeSetting(tx, TECHNICIAN_SEATS_KEY, seats);
      await appendAudit(tx, 'org.licenses_changed', principal.id, this.now(), { changes: diff(before, seats) });
      return readLicenses(tx);
    });
  }

  async settings(caller: { sessionKey: string }): Promise<{ passwordPolicy: PasswordPolicy; org: OrgSettings }> {
    await this.deps.access.administrator(caller);
    const db = this.deps.workspace.read;
    return { passwordPolicy: await readPasswordPolicy(db), org: await readOrgSettings(db) };
  }

  async setSettings(caller: { sessionKey: string }, input: { passwordPolicy: PasswordPolicy; org: OrgSettings }): Promise<{ passwordPolicy: PasswordPolicy; org: OrgSettings }> {
    const principal = await this.deps.access.masterAdministrator(caller);
    await this.write(async (tx) => {
      const before = { ...(await readPasswordPolicy(tx)), ...(await readOrgSettings(tx)) };
      await writeSetting(tx, PASSWORD_POLICY_KEY, input.passwordPolicy);
      await writeSetting(tx, ORG_SETTINGS_KEY, input.org);
      const changes = diff(before, { ...input.passwordPolicy, ...input.org });
      if (Object.keys(changes).length) await appendAudit(tx, 'org.settings_changed', principal.id, this.now(), { changes });
    });
    return this.settings(caller);
  }

  /** Every organisation write: one transaction, and every workstation's tree refreshes once it commits. */
  write<T>(work: (tx: SqlWriter) => Promise<T>): Promise<T> {
    return this.deps.workspace.transaction(async (tx) => {
      const result = await work(tx);
      await tx.notifyChange('org');
      return result;
    });
  }
}

export async function readLicenses(db: SqlReader): Promise<TechnicianLicenses> {
  const seats = await readTechnicianSeats(db);
  const inUse = await techniciansDb.licensesInUse(db);
  return { standard: { seats: seats.standard, inUse: inUse.standard }, mobile: { seats: seats.mobile, inUse: inUse.mobile } };
}

/** The audit log's view of a technician: every field but the password. */
function auditFields(fields: { name: string; nickname: string; email: string; ssoId: string; description: string; enabled: boolean; standardLicense: boolean; mobileLicense: boolean }): Record<string, AuditValue> {
  const { name, nickname, email, ssoId, description, enabled, standardLicense, mobileLicense } = fields;
  return { name, nickname, email, ssoId, description, enabled, standardLicense, mobileLicense };
}

/** `{ field: { from, to } }` for every field whose value differs. */
export function diff(before: Readonly<Record<string, AuditValue>>, after: Readonly<Record<string, AuditValue>>): Record<string, AuditValue> {
  const changes: Record<string, AuditValue> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}
