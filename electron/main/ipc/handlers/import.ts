import type { EventHub } from '../../base/event-hub';
import type { ImportHistory } from '../../import/import-history';
import { lockSessionOf, type ImportSessions } from '../../import/import-sessions';
import type { IntegrationLocks, LockInfo, LockState } from '../../locks/integration-locks';
import { actorOf, type DomainHandlers } from './types';

export function importHandlers(imports: ImportSessions, events: EventHub): DomainHandlers<'import'> {
  return {
    lastFilter: ({ psa }) => imports.lastFilter(psa),
    start: ({ psa, filter }, context) => imports.start(context.caller, actorOf(context), psa, filter),
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
  };
}

export function historyHandlers(history: ImportHistory): DomainHandlers<'history'> {
  return {
    list: () => history.list(),
    detail: ({ id }) => history.detail(id),
    changes: ({ id }) => history.changes(id),
    // The lock is held by this session for the undo alone: never the session of its own import wizard.
    undo: ({ id }, context) => history.undo(id, actorOf(context), `${context.caller.sessionKey}:undo`),
  };
}

export function lockHandlers(locks: IntegrationLocks, imports: ImportSessions, events: EventHub): DomainHandlers<'locks'> {
  return {
    holder: ({ psa }) => locks.holder(psa),
    status: async ({ psa }, context) => {
      const actor = actorOf(context);
      const state = await locks.state(psa);
      if (!state) return null;
      const holder = state.holderSession === lockSessionOf(context.caller, psa) ? 'this-window' : state.holderAdminId === actor.adminId ? 'you-elsewhere' : 'someone-else';
      return { holderName: state.holderName, since: state.since, expiresAtMs: state.expiresAtMs, holder };
    },
    forceRelease: async ({ psa }, context) => {
      const actor = actorOf(context);
      const released = await locks.forceRelease(psa, actor.adminId);
      if (!released) return null;
      // Only the holder's session is told, at once: its wizard ends there and says by whom.
      const holder = await imports.lockTakenAway(released);
      if (holder) events.emit(holder.sessionKey, 'lockReleased', { psa, byName: actor.name, byYou: actor.adminId === released.holderAdminId });
      return infoOf(released);
    },
  };
}

function infoOf(state: LockState): LockInfo {
  return { holderName: state.holderName, holderAdminId: state.holderAdminId, since: state.since, expiresAtMs: state.expiresAtMs };
}
