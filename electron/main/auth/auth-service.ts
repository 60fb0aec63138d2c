/**
 * Administrators signing in and out. The core decides everything here: policy,
 * hashing, sessions. The renderer only sends what the user typed.
 */
import { randomUUID } from 'node:crypto';
import { evaluatePassword } from '../../../shared/auth/password-strength';
import { type AuthStatus, type PasswordPolicy, type Session } from '../../../shared/ipc/schemas';
import { DomainError } from '../base/domain-error';
import { RESOURCES } from '../base/resources';
import type { EventHub } from '../base/event-hub';
import { rightsOf } from '../access/access-control';
import { emailInUse, findAccountByEmail, findAccountById, type Account } from '../db/repositories/accounts';
import * as admins from '../db/repositories/administrators';
import { recordTechnicianSignIn, setTechnicianPassword } from '../db/repositories/technicians';
import { appendAudit } from '../db/repositories/audit-log';
import { readPasswordPolicy } from '../org/org-settings';
import type { SqlWriter, Workspace } from '../db/workspace';
import type { Logger } from '../logging/logger';
import { DEFAULT_COST, dummyHash, hashPassword, verifyPassword, type ScryptCost } from './password-hash';
import { toSessionView, type SessionState, type SessionStore } from './session-store';
import type { Caller } from '../base/caller';

export interface AuthServiceDeps {
  readonly workspace: Workspace;
  readonly sessions: SessionStore;
  readonly events: EventHub;
  readonly log: Logger;
  /** Added to every failed sign-in, so guessing is slow and timing says nothing. */
  readonly failureDelayMs: number;
  readonly now?: () => Date;
  /** What new password hashes cost: the production cost (DEFAULT_COST) unless a test lowers it. */
  readonly passwordHashCost?: ScryptCost;
}

export interface NewAdministrator {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly role: admins.AdminRole;
  readonly mustChangePassword: boolean;
}


export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  private get hashCost(): ScryptCost {
    return this.deps.passwordHashCost ?? DEFAULT_COST;
  }

  /** Hashes a password set by an administrator (a technician's), at this workspace's cost. */
  hashPassword(password: string): Promise<string> {
    return hashPassword(password, this.hashCost);
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  async status(caller: Caller): Promise<AuthStatus> {
    const count = await admins.countAdministrators(this.deps.workspace.read);
    const session = this.deps.sessions.get(caller.sessionKey);
    return { initialized: count > 0, session: session ? toSessionView(session) : null };
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    return readPasswordPolicy(this.deps.workspace.read);
  }

  /** Only on an empty workspace; the new Master Administrator is signed in at once. */
  async createFirstAdmin(caller: Caller, input: { name: string; email: string; password: string }): Promise<Session> {
    await this.enforcePolicy(input.password, [input.name, input.email]);
    const passwordHash = await hashPassword(input.password, this.hashCost);
    const admin: admins.Administrator = {
      id: randomUUID(),
      name: input.name,
      email: input.email,
      role: 'master_admin',
      passwordHash,
      mustChangePassword: false,
      enabled: true,
    };
    await this.deps.workspace.transaction(async (tx) => {
      // Checked inside the write transaction, holding the administrators, so two windows (or workstations) racing cannot both become the first admin.
      await tx.lockResource(RESOURCES.accounts);
      if ((await admins.countAdministrators(tx)) > 0) {
        throw new DomainError('ALREADY_INITIALIZED', 'The workspace already has a Master Administrator.');
      }
      const now = this.now();
      await admins.insertAdministrator(tx, admin, now);
      await appendAudit(tx, 'workspace.initialized', admin.id, now);
    });
    this.deps.log.info('First Master Administrator created', { adminId: admin.id });
    return this.startSession(caller, { kind: 'administrator', ...admin });
  }

  /** Creates another administrator: the Administrators page (org/administrators-service.ts checks who may) and tests. */
  async createAdministrator(input: NewAdministrator, options: { skipPolicy?: boolean; alsoWrite?: (tx: SqlWriter, id: string) => Promise<void> } = {}): Promise<string> {
    if (!options.skipPolicy) await this.enforcePolicy(input.password, [input.name, input.email]);
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password, this.hashCost);
    await this.deps.workspace.transaction(async (tx) => {
      await tx.lockResource(RESOURCES.accounts);
      if (await emailInUse(tx, input.email, null)) throw new DomainError('EMAIL_TAKEN', 'Another account already uses this email address.', { email: 'taken' });
      await admins.insertAdministrator(tx, { id, name: input.name, email: input.email, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword, enabled: true }, this.now());
      await options.alsoWrite?.(tx, id);
    });
    return id;
  }

  async signIn(caller: Caller, input: { email: string; password: string }): Promise<Session> {
    const account = await findAccountByEmail(this.deps.workspace.read, input.email);
    // Unknown emails are checked against a dummy hash so both failures cost the same.
    const valid = await verifyPassword(input.password, account?.passwordHash ?? (await dummyHash(this.hashCost)));
    if (!account || !valid) {
      await this.deps.workspace.transaction((tx) => appendAudit(tx, 'auth.sign_in_failed', account?.id ?? null, this.now()));
      this.deps.log.info('Sign-in failed');
      await delay(this.deps.failureDelayMs);
      throw new DomainError('INVALID_CREDENTIALS', 'The email address or password is incorrect.');
    }
    // Said only to someone who knows the password: a disabled account is not a guessing oracle.
    if (!account.enabled) {
      await this.deps.workspace.transaction((tx) => appendAudit(tx, 'auth.sign_in_disabled', account.id, this.now()));
      throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled.');
    }
    await this.deps.workspace.transaction(async (tx) => {
      const now = this.now();
      if (account.kind === 'administrator') await admins.recordSignIn(tx, account.id, now);
      else await recordTechnicianSignIn(tx, account.id, now);
      await appendAudit(tx, 'auth.signed_in', account.id, now);
    });
    this.deps.log.info('Signed in', { adminId: account.id, role: account.role });
    return this.startSession(caller, account);
  }

  async signOut(caller: Caller): Promise<void> {
    const session = this.deps.sessions.get(caller.sessionKey);
    if (!session) return;
    this.deps.sessions.clear(caller.sessionKey);
    await this.deps.workspace.transaction((tx) => appendAudit(tx, 'auth.signed_out', session.adminId, this.now()));
    this.deps.log.info('Signed out', { adminId: session.adminId });
    this.deps.events.emit(caller.sessionKey, 'sessionChanged', await this.status(caller));
  }

  async changePassword(caller: Caller, input: { currentPassword: string; newPassword: string }): Promise<Session> {
    const session = this.requireSession(caller);
    const admin = await findAccountById(this.deps.workspace.read, session.adminId);
    if (!admin) throw new DomainError('NOT_SIGNED_IN', 'Your account no longer exists.');
    if (!admin.enabled) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled.');
    if (!(await verifyPassword(input.currentPassword, admin.passwordHash))) {
      await delay(this.deps.failureDelayMs);
      throw new DomainError('INVALID_CREDENTIALS', 'The current password is incorrect.', { currentPassword: 'incorrect' });
    }
    if (input.newPassword === input.currentPassword) {
      throw new DomainError('PASSWORD_UNCHANGED', 'The new password must differ from the current one.', { newPassword: 'unchanged' });
    }
    await this.enforcePolicy(input.newPassword, [admin.name, admin.email], 'newPassword');
    const passwordHash = await hashPassword(input.newPassword, this.hashCost);
    await this.deps.workspace.transaction(async (tx) => {
      const now = this.now();
      if (admin.kind === 'administrator') await admins.updatePassword(tx, admin.id, passwordHash, false, now);
      else await setTechnicianPassword(tx, admin.id, passwordHash, false, now);
      await appendAudit(tx, 'auth.password_changed', admin.id, now);
    });
    this.deps.log.info('Password changed', { adminId: admin.id });
    return this.startSession(caller, { ...admin, mustChangePassword: false });
  }

  private requireSession(caller: Caller): SessionState {
    const session = this.deps.sessions.get(caller.sessionKey);
    if (!session) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
    return session;
  }

  /** Refuses a password below the workspace's policy (WEAK_PASSWORD, the problems under `field`). */
  async enforcePolicy(password: string, userInputs: string[], field = 'password'): Promise<void> {
    const policy = await this.passwordPolicy();
    const evaluation = evaluatePassword(password, policy, userInputs);
    if (!evaluation.meetsPolicy) {
      throw new DomainError(
        'WEAK_PASSWORD',
        `The password does not meet the password policy: at least ${policy.minLength} characters and strength ${policy.minScore} of 4 (this one: ${evaluation.score}).`,
        { [field]: evaluation.problems.join(',') },
      );
    }
  }

  private async startSession(caller: Caller, account: Account): Promise<Session> {
    const rights = await rightsOf(this.deps.workspace.read, account.role, account.kind === 'technician' ? account.groupId : null);
    const state: SessionState = { adminId: account.id, name: account.name, email: account.email, role: account.role, mustChangePassword: account.mustChangePassword, rights };
    this.deps.sessions.set(caller.sessionKey, state);
    this.deps.events.emit(caller.sessionKey, 'sessionChanged', await this.status(caller));
    return toSessionView(state);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
