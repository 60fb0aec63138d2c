/**
 * Administrators signing in and out. The core decides everything here: policy,
 * hashing, sessions. The renderer only sends what the user typed.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '../../../shared/auth/password-strength';
import { PasswordPolicySchema, type AuthStatus, type PasswordPolicy, type Role, type Session } from '../../../shared/ipc/schemas';
import { DomainError } from '../base/domain-error';
import { RESOURCES } from '../base/resources';
import type { EventHub } from '../base/event-hub';
import * as admins from '../db/repositories/administrators';
import { appendAudit } from '../db/repositories/audit-log';
import { readSetting } from '../db/repositories/workspace-settings';
import type { Workspace } from '../db/workspace';
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
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

const POLICY_KEY = 'password_policy';

export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  private get hashCost(): ScryptCost {
    return this.deps.passwordHashCost ?? DEFAULT_COST;
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
    return readSetting(this.deps.workspace.read, POLICY_KEY, PasswordPolicySchema, DEFAULT_PASSWORD_POLICY);
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
    };
    await this.deps.workspace.transaction(async (tx) => {
      // Checked inside the write transaction, holding the administrators, so two windows (or workstations) racing cannot both become the first admin.
      await tx.lockResource(RESOURCES.administrators);
      if ((await admins.countAdministrators(tx)) > 0) {
        throw new DomainError('ALREADY_INITIALIZED', 'The workspace already has a Master Administrator.');
      }
      const now = this.now();
      await admins.insertAdministrator(tx, admin, now);
      await appendAudit(tx, 'workspace.initialized', admin.id, now);
    });
    this.deps.log.info('First Master Administrator created', { adminId: admin.id });
    return this.startSession(caller, admin);
  }

  /**
   * Creates another administrator (used by the core and tests now; the screens
   * for managing administrators come with the technicians issue).
   */
  async createAdministrator(input: NewAdministrator, options: { skipPolicy?: boolean } = {}): Promise<string> {
    if (!options.skipPolicy) await this.enforcePolicy(input.password, [input.name, input.email]);
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password, this.hashCost);
    await this.deps.workspace.transaction(async (tx) => {
      await tx.lockResource(RESOURCES.administrators);
      if (await admins.findAdministratorByEmail(tx, input.email)) throw new DomainError('EMAIL_TAKEN', 'Another administrator already uses this email address.');
      await admins.insertAdministrator(tx, { id, name: input.name, email: input.email, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword }, this.now());
    });
    return id;
  }

  async signIn(caller: Caller, input: { email: string; password: string }): Promise<Session> {
    const admin = await admins.findAdministratorByEmail(this.deps.workspace.read, input.email);
    // Unknown emails are checked against a dummy hash so both failures cost the same.
    const valid = await verifyPassword(input.password, admin?.passwordHash ?? (await dummyHash(this.hashCost)));
    if (!admin || !valid) {
      await this.deps.workspace.transaction((tx) => appendAudit(tx, 'auth.sign_in_failed', admin?.id ?? null, this.now()));
      this.deps.log.info('Sign-in failed');
      await delay(this.deps.failureDelayMs);
      throw new DomainError('INVALID_CREDENTIALS', 'The email address or password is incorrect.');
    }
    await this.deps.workspace.transaction(async (tx) => {
      const now = this.now();
      await admins.recordSignIn(tx, admin.id, now);
      await appendAudit(tx, 'auth.signed_in', admin.id, now);
    });
    this.deps.log.info('Signed in', { adminId: admin.id });
    return this.startSession(caller, admin);
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
    const admin = await admins.findAdministratorById(this.deps.workspace.read, session.adminId);
    if (!admin) throw new DomainError('NOT_SIGNED_IN', 'Your account no longer exists.');
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
      await admins.updatePassword(tx, admin.id, passwordHash, false, now);
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

  private async enforcePolicy(password: string, userInputs: string[], field = 'password'): Promise<void> {
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

  private async startSession(caller: Caller, admin: admins.Administrator): Promise<Session> {
    const state: SessionState = { adminId: admin.id, name: admin.name, email: admin.email, role: admin.role, mustChangePassword: admin.mustChangePassword };
    this.deps.sessions.set(caller.sessionKey, state);
    this.deps.events.emit(caller.sessionKey, 'sessionChanged', await this.status(caller));
    return toSessionView(state);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
