/**
 * Who the caller is and what they may do, read from the workspace on every call: a role changed, a group's rights
 * changed or an account disabled by someone else (on any workstation) counts from the caller's next call. Every
 * service that acts for a caller asks here first; the IPC edge's access levels only mirror the coarse part.
 */
import { TECHNICIAN_RIGHTS, effectiveRights, importRight, type Right } from '../../../shared/org/rights';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { Role } from '../../../shared/ipc/schemas';
import type { SessionStore } from '../auth/session-store';
import type { Caller } from '../base/caller';
import { DomainError } from '../base/domain-error';
import { findAccountById } from '../db/repositories/accounts';
import { findGroup } from '../db/repositories/technician-groups';
import type { SqlReader, Workspace } from '../db/workspace';

export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly rights: readonly Right[];
  /** A technician's group. */
  readonly groupId: number | null;
}

/** What a role, or a technician's group, allows. */
export async function rightsOf(db: SqlReader, role: Role, groupId: number | null): Promise<Right[]> {
  if (role !== 'technician') return [...TECHNICIAN_RIGHTS];
  const group = groupId === null ? undefined : await findGroup(db, groupId);
  return group ? effectiveRights(group.rights) : [];
}

export class AccessControl {
  constructor(
    private readonly workspace: Workspace,
    private readonly sessions: SessionStore,
  ) {}

  /** The signed-in, enabled account behind `caller`, who has changed any password they were told to. */
  async principal(caller: Caller, options: { allowPasswordChange?: boolean } = {}): Promise<Principal> {
    const session = this.sessions.get(caller.sessionKey);
    if (!session) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
    const db = this.workspace.read;
    const account = await findAccountById(db, session.adminId);
    if (!account) {
      this.sessions.clear(caller.sessionKey);
      throw new DomainError('NOT_SIGNED_IN', 'Your account no longer exists.');
    }
    if (!account.enabled) {
      this.sessions.clear(caller.sessionKey);
      throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled.');
    }
    if (account.mustChangePassword && !options.allowPasswordChange) throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Change your password before you continue.');
    const groupId = account.kind === 'technician' ? account.groupId : null;
    return { id: account.id, name: account.name, email: account.email, role: account.role, rights: await rightsOf(db, account.role, groupId), groupId };
  }

  /**
   * Whether the caller is still signed in, now: work that holds something past its caller (an import's lock)
   * asks again right before it starts, because a window can close while its check was reading the workspace.
   */
  stillSignedIn(caller: Caller): boolean {
    return this.sessions.get(caller.sessionKey) !== undefined;
  }

  /** A Master Administrator or an Administrator. */
  async administrator(caller: Caller): Promise<Principal> {
    const principal = await this.principal(caller);
    if (principal.role === 'technician') throw new DomainError('PERMISSION_DENIED', 'Only administrators can do this.');
    return principal;
  }

  async masterAdministrator(caller: Caller): Promise<Principal> {
    const principal = await this.principal(caller);
    if (principal.role !== 'master_admin') throw new DomainError('PERMISSION_DENIED', 'Only a Master Administrator can do this.');
    return principal;
  }

  /** Anyone whose rights include `right` (administrators hold them all). */
  async withRight(caller: Caller, right: Right): Promise<Principal> {
    const principal = await this.principal(caller);
    if (!principal.rights.includes(right)) throw new DomainError('RIGHT_MISSING', `Your technician group does not have the right ${right}.`, { right });
    return principal;
  }

  importer(caller: Caller, psa: PsaKind): Promise<Principal> {
    return this.withRight(caller, importRight(psa));
  }
}
