import type { Operations } from '../../access/operations';
import type { EventHub } from '../../base/event-hub';
import type { DomainHandlers } from './types';

export function importHandlers(imports: Operations['imports'], events: EventHub): DomainHandlers<'import'> {
  return {
    lastFilter: ({ psa }, { caller }) => imports.lastFilter(caller, psa),
    start: ({ psa, filter }, { caller }) => imports.start(caller, psa, filter),
    reconciliation: ({ sessionId }, { caller }) => imports.reconciliation(caller, sessionId),
    contacts: ({ sessionId, psaCompanyId, managedCompanyId }, { caller }) => imports.contacts(caller, sessionId, psaCompanyId, managedCompanyId),
    apply: ({ sessionId, plan }, { caller }) =>
      imports.apply(caller, sessionId, plan, (done, total) => events.emit(caller.sessionKey, 'importProgress', { sessionId, done, total })),
    retryFailed: ({ sessionId }, { caller }) =>
      imports.retryFailed(caller, sessionId, (done, total) => events.emit(caller.sessionKey, 'importProgress', { sessionId, done, total })),
    cancel: async ({ sessionId }, { caller }) => {
      await imports.cancel(caller, sessionId);
      return null;
    },
    kept: (_input, { caller }) => imports.kept(caller),
    resume: ({ snapshotId }, { caller }) => imports.resume(caller, snapshotId),
    saveDraft: async ({ sessionId, draft }, { caller }) => ({ kept: await imports.saveDraft(caller, sessionId, draft) }),
  };
}

export function historyHandlers(history: Operations['history']): DomainHandlers<'history'> {
  return {
    list: (_input, { caller }) => history.list(caller),
    detail: ({ id }, { caller }) => history.detail(caller, id),
    changes: ({ id }, { caller }) => history.changes(caller, id),
    undo: ({ id }, { caller }) => history.undo(caller, id),
  };
}

export function lockHandlers(locks: Operations['locks']): DomainHandlers<'locks'> {
  return {
    holder: ({ psa }, { caller }) => locks.holder(caller, psa),
    status: ({ psa }, { caller }) => locks.status(caller, psa),
    forceRelease: ({ psa }, { caller }) => locks.forceRelease(caller, psa),
  };
}
