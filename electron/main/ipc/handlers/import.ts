import type { EventHub } from '../../core/event-hub';
import type { ImportHistory } from '../../import/import-history';
import { lockSessionOf, type ImportSessions } from '../../import/import-sessions';
import type { IntegrationLocks, LockInfo, LockState } from '../../locks/integration-locks';
import { actorOf, type DomainHandlers } from './types';

export function importHandlers(imports: ImportSessions, events: EventHub): DomainHandlers<'import'> {
  return {
    lastFilter: ({ psa }) => imports.lastFilter(psa),
    start: ({ psa, filter }, context) => imports.start(context.windowId, actorOf(context), psa, filter),
    reconciliation: ({ sessionId }, { windowId }) => imports.reconciliation(windowId, sessionId),
    contacts: ({ sessionId, psaCompanyId, managedCompanyId }, { windowId }) => imports.contacts(windowId, sessionId, psaCompanyId, managedCompanyId),
    apply: ({ sessionId, plan }, { windowId }) =>
      imports.apply(windowId, sessionId, plan, (done, total) => events.emit(windowId, 'importProgress', { sessionId, done, total })),
    retryFailed: ({ sessionId }, { windowId }) =>
      imports.retryFailed(windowId, sessionId, (done, total) => events.emit(windowId, 'importProgress', { sessionId, done, total })),
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

export function lockHandlers(locks: IntegrationLocks, imports: ImportSessions, events: EventHub): DomainHandlers<'locks'> {
  return {
    holder: ({ psa }) => locks.holder(psa),
    status: async ({ psa }, context) => {
      const actor = actorOf(context);
      const state = await locks.state(psa);
      if (!state) return null;
      const holder = state.holderSession === lockSessionOf(context.windowId, psa) ? 'this-window' : state.holderAdminId === actor.adminId ? 'you-elsewhere' : 'someone-else';
      return { holderName: state.holderName, since: state.since, expiresAtMs: state.expiresAtMs, holder };
    },
    forceRelease: async ({ psa }, context) => {
      const actor = actorOf(context);
      const released = await locks.forceRelease(psa, actor.adminId);
      if (!released) return null;
      // Only the holder's window is told, at once: its wizard ends there and says by whom.
      const holderWindow = await imports.lockTakenAway(released);
      if (holderWindow) events.emit(holderWindow, 'lockReleased', { psa, byName: actor.name, byYou: actor.adminId === released.holderAdminId });
      return infoOf(released);
    },
  };
}

function infoOf(state: LockState): LockInfo {
  return { holderName: state.holderName, holderAdminId: state.holderAdminId, since: state.since, expiresAtMs: state.expiresAtMs };
}
