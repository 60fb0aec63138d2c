import type { EventHub } from '../../core/event-hub';
import type { ImportHistory } from '../../import/import-history';
import type { ImportSessions } from '../../import/import-sessions';
import type { IntegrationLocks } from '../../locks/integration-locks';
import { actorOf, type DomainHandlers } from './types';

export function importHandlers(imports: ImportSessions, events: EventHub): DomainHandlers<'import'> {
  return {
    lastFilter: ({ psa }) => imports.lastFilter(psa),
    start: ({ psa, filter }, context) => imports.start(context.windowId, actorOf(context), psa, filter),
    reconciliation: ({ sessionId }, { windowId }) => imports.reconciliation(windowId, sessionId),
    contacts: ({ sessionId, psaCompanyId, managedCompanyId }, { windowId }) => imports.contacts(windowId, sessionId, psaCompanyId, managedCompanyId),
    apply: ({ sessionId, plan }, { windowId }) =>
      imports.apply(windowId, sessionId, plan, (done, total) => events.emit(windowId, 'importProgress', { sessionId, done, total })),
    cancel: async ({ sessionId }, { windowId }) => {
      await imports.cancel(windowId, sessionId);
      return null;
    },
  };
}

export function historyHandlers(history: ImportHistory): DomainHandlers<'history'> {
  return {
    list: () => history.list(),
    detail: ({ id }) => history.detail(id),
    changes: ({ id }) => history.changes(id),
    // The lock is held by this window for the undo alone: never the session of its own import wizard.
    undo: ({ id }, context) => history.undo(id, actorOf(context), `${context.windowId}:undo`),
  };
}

export function lockHandlers(locks: IntegrationLocks): DomainHandlers<'locks'> {
  return {
    holder: ({ psa }) => locks.holder(psa),
    forceRelease: ({ psa }, context) => locks.forceRelease(psa, actorOf(context).adminId),
  };
}
