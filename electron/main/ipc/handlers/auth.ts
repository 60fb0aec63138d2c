import type { AuthService } from '../../auth/auth-service';
import type { DomainHandlers } from './types';

/** `onSignOut`: what else ends with the window's session (its import wizards and their locks). */
export function authHandlers(auth: AuthService, onSignOut: (windowId: string) => Promise<void>): DomainHandlers<'auth'> {
  return {
    status: (_input, { windowId }) => auth.status(windowId),
    passwordPolicy: () => auth.passwordPolicy(),
    createFirstAdmin: (input, { windowId }) => auth.createFirstAdmin(windowId, input),
    signIn: (input, { windowId }) => auth.signIn(windowId, input),
    signOut: async (_input, { windowId }) => {
      await onSignOut(windowId);
      await auth.signOut(windowId);
      return null;
    },
    changePassword: (input, { windowId }) => auth.changePassword(windowId, input),
  };
}
