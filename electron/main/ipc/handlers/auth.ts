import type { AuthService } from '../../auth/auth-service';
import type { Caller } from '../../base/caller';
import type { DomainHandlers } from './types';

/** `onSignOut`: what else ends with the window's session (its import wizards and their locks). */
export function authHandlers(auth: AuthService, onSignOut: (caller: Caller) => Promise<void>): DomainHandlers<'auth'> {
  return {
    status: (_input, { caller }) => auth.status(caller),
    passwordPolicy: () => auth.passwordPolicy(),
    createFirstAdmin: (input, { caller }) => auth.createFirstAdmin(caller, input),
    signIn: (input, { caller }) => auth.signIn(caller, input),
    signOut: async (_input, { caller }) => {
      await onSignOut(caller);
      await auth.signOut(caller);
      return null;
    },
    changePassword: (input, { caller }) => auth.changePassword(caller, input),
  };
}
