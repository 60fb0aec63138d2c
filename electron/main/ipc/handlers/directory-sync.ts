import type { DirectorySyncService } from '../../directory-sync/directory-sync-service';
import type { DomainHandlers } from './types';

export function directorySyncHandlers(sync: DirectorySyncService): DomainHandlers<'directorySync'> {
  return {
    settings: (_input, { caller }) => sync.settings(caller),
    save: (input, { caller }) => sync.save(caller, input),
    setDefaultPassword: ({ password }, { caller }) => sync.setDefaultPassword(caller, password),
    test: (input, { caller }) => sync.test(caller, input),
    groups: (input, { caller }) => sync.groups(caller, input),
    dryRun: (_input, { caller }) => sync.dryRun(caller),
    syncNow: (_input, { caller }) => sync.syncNow(caller),
    cancel: async (_input, { caller }) => ({ cancelled: await sync.cancel(caller) }),
    runs: (_input, { caller }) => sync.runs(caller),
    entries: ({ runId }, { caller }) => sync.entries(caller, runId),
    exportLog: ({ runId }, { caller }) => sync.exportLog(caller, runId),
    generateToken: (_input, { caller }) => sync.generateToken(caller),
    revokeToken: (_input, { caller }) => sync.revokeToken(caller),
  };
}
