import type { Operations } from '../../access/operations';
import type { DomainHandlers } from './types';

export function previewHandlers(previews: Operations['previews']): DomainHandlers<'preview'> {
  return {
    recent: (_input, { caller }) => previews.recent(caller),
    open: ({ from }, { caller }) => previews.open(caller, from),
    saveFromImport: ({ sessionId, draft }, { caller }) => previews.saveFromImport(caller, sessionId, draft),
    reconciliation: ({ reviewId }, { caller }) => previews.reconciliation(caller, reviewId),
    contacts: ({ reviewId, psaCompanyId }, { caller }) => previews.contacts(caller, reviewId, psaCompanyId),
    save: ({ reviewId, draft }, { caller }) => previews.save(caller, reviewId, draft),
    close: async ({ reviewId }, { caller }) => {
      await previews.close(caller, reviewId);
      return null;
    },
    checkApply: ({ reviewId, draft }, { caller }) => previews.checkApply(caller, reviewId, draft),
    export: ({ reviewId, draft, format }, { caller }) => previews.export(caller, reviewId, draft, format),
    refresh: ({ reviewId }, { caller }) => previews.refresh(caller, reviewId),
  };
}
