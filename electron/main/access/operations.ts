/**
 * Every operation a signed-in person starts in the PSA import, the directory, the history, the locks and the
 * settings, each checking the caller first (access-control.ts): the role, and for technicians the right their
 * group grants. The edges (the Electron IPC edge, the development bridge) reach these services only through here;
 * the organisation's services (org/) check their callers themselves. The services below stay unchecked for the
 * core's own use (an import reaching its PSA, the CLI working on a workspace file it was handed).
 */
import type { ConnectionTest, PsaConnectionStatus, PsaCredentials, PsaStoredFields } from '../../../shared/psa/credentials';
import type { z } from 'zod';
import type { CompanyCountResult, FilterAttributesResultSchema } from '../../../shared/psa/fetch-events';
import type { PsaFilter } from '../../../shared/psa/filters';
import { PSA_KINDS, type PsaKind } from '../../../shared/psa/kinds';
import type { ImportCycle, ImportCycleDetail, CycleChangeRow } from '../../../shared/import/history';
import type { ImportDraft } from '../../../shared/import/draft';
import type { ImportPlan, ImportResults } from '../../../shared/import/plan';
import type { SnapshotSummary } from '../../../shared/import/snapshot';
import type { ApplyCheckResult, ExportFormat, OpenPreviewResult, PreviewSource, PsaChanges, RecentPreview, SavedFileResult } from '../../../shared/preview/preview-api';
import type { ImportContactRow, ReconciliationView } from '../../../shared/import/session';
import type { LockStatus } from '../../../shared/import/lock';
import type { ManagedCompany, ManagedUser } from '../../../shared/directory/schemas';
import type { VaultStatus } from '../../../shared/ipc/schemas';
import type { Caller } from '../base/caller';
import { DomainError } from '../base/domain-error';
import type { EventHub } from '../base/event-hub';
import type { DirectoryService } from '../directory/directory-service';
import type { Licenses, LicensePool } from '../directory/licenses';
import type { ImportHistory } from '../import/import-history';
import { lockSessionOf, type ImportSessions, type StartResult } from '../import/import-sessions';
import { resumeImport, type ResumeResult } from '../import/resume-import';
import type { ImportSnapshots } from '../import/import-snapshots';
import type { IntegrationLocks, LockInfo, LockState } from '../locks/integration-locks';
import type { CompanyCounts } from '../psa/company-counts';
import type { PsaConnections } from '../psa/psa-connections';
import { toPsaError } from '../psa/psa-error';
import type { PreviewReviews } from '../preview/preview-reviews';
import type { SecretVault } from '../vault/secret-vault';
import type { SessionState } from '../auth/session-store';
import type { AccessControl, Principal } from './access-control';

export interface OperationsDeps {
  readonly access: AccessControl;
  readonly events: EventHub;
  readonly directory: DirectoryService;
  readonly history: ImportHistory;
  readonly imports: ImportSessions;
  readonly snapshots: ImportSnapshots;
  readonly locks: IntegrationLocks;
  readonly psa: PsaConnections;
  readonly counts: CompanyCounts;
  readonly licenses: LicensePool;
  readonly vault: SecretVault;
  readonly previews: PreviewReviews;
}

type Progress = (done: number, total: number) => void;
type FilterAttributesResult = z.input<typeof FilterAttributesResultSchema>;

export function createOperations(deps: OperationsDeps) {
  const { access } = deps;
  return {
    directory: {
      listCompanies: async (caller: Caller): Promise<ManagedCompany[]> => {
        await access.withRight(caller, 'companies:view');
        return deps.directory.list();
      },
      users: async (caller: Caller, managedCompanyId: string): Promise<ManagedUser[]> => {
        await access.withRight(caller, 'companies:view');
        return deps.directory.users(managedCompanyId);
      },
      createCompany: async (caller: Caller, name: string): Promise<ManagedCompany> => {
        const principal = await access.withRight(caller, 'companies:manage');
        return deps.directory.create(name, principal.id);
      },
      /** Removing a company (its users, its mappings) is for Master Administrators, as before technicians existed. */
      removeCompany: async (caller: Caller, id: string): Promise<void> => {
        const principal = await access.masterAdministrator(caller);
        await deps.directory.remove(id, principal.id);
      },
    },
    history: {
      list: async (caller: Caller): Promise<ImportCycle[]> => {
        await access.withRight(caller, 'companies:view');
        return deps.history.list();
      },
      detail: async (caller: Caller, id: string): Promise<ImportCycleDetail> => {
        await access.withRight(caller, 'companies:view');
        return deps.history.detail(id);
      },
      /** The CSV export of what an import changed. */
      changes: async (caller: Caller, id: string): Promise<CycleChangeRow[]> => {
        await access.withRight(caller, 'companies:view');
        await access.withRight(caller, 'export');
        return deps.history.changes(id);
      },
      /** Changes the directory under the PSA's lock: managing companies, and importing from that PSA. */
      undo: async (caller: Caller, id: string): Promise<ImportCycle> => {
        await access.withRight(caller, 'companies:manage');
        const { cycle } = await deps.history.detail(id);
        const principal = await access.importer(caller, cycle.psa);
        // The lock is held by this session for the undo alone: never the session of its own import wizard.
        return deps.history.undo(id, actorOf(principal), `${caller.sessionKey}:undo`);
      },
    },
    imports: {
      lastFilter: async (caller: Caller, psa: PsaKind): Promise<PsaFilter | null> => {
        await access.importer(caller, psa);
        return deps.imports.lastFilter(psa);
      },
      start: async (caller: Caller, psa: PsaKind, filter: PsaFilter): Promise<StartResult> => {
        const principal = await access.importer(caller, psa);
        // The window closed (and its work ended) while this was checked: nothing may take the lock for it now.
        if (!access.stillSignedIn(caller)) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
        return deps.imports.start(caller, actorOf(principal), psa, filter);
      },
      reconciliation: async (caller: Caller, sessionId: string): Promise<ReconciliationView> => {
        await access.importer(caller, deps.imports.psaOf(caller, sessionId));
        return deps.imports.reconciliation(caller, sessionId);
      },
      contacts: async (caller: Caller, sessionId: string, psaCompanyId: string, managedCompanyId: string | null): Promise<ImportContactRow[]> => {
        await access.importer(caller, deps.imports.psaOf(caller, sessionId));
        return deps.imports.contacts(caller, sessionId, psaCompanyId, managedCompanyId);
      },
      // Checked inside the session once it is marked as applying (ImportSessions' `authorize`): a check here first
      // would leave a gap in which a start from the same window could replace the session being applied.
      apply: (caller: Caller, sessionId: string, plan: ImportPlan, onProgress: Progress): Promise<ImportResults> => deps.imports.apply(caller, sessionId, plan, onProgress),
      retryFailed: (caller: Caller, sessionId: string, onProgress: Progress): Promise<ImportResults> => deps.imports.retryFailed(caller, sessionId, onProgress),
      kept: async (caller: Caller): Promise<SnapshotSummary[]> => {
        const principal = await access.principal(caller);
        const mayImport = new Map<PsaKind, boolean>();
        for (const psa of PSA_KINDS) mayImport.set(psa, await access.importer(caller, psa).then(() => true, () => false));
        return (await deps.snapshots.list(principal.id)).filter((snapshot) => snapshot.appliedAt === null && mayImport.get(snapshot.psa));
      },
      resume: async (caller: Caller, snapshotId: string): Promise<ResumeResult> => {
        const principal = await access.principal(caller);
        // Whose it is and its PSA come from the snapshot; the right to import from that PSA is checked before the lock.
        const kept = (await deps.snapshots.list(principal.id)).find((snapshot) => snapshot.id === snapshotId);
        if (!kept) throw new DomainError('NOT_FOUND', 'That download is no longer kept in the workspace; download the companies again.');
        await access.importer(caller, kept.psa);
        return resumeImport(deps.imports, deps.snapshots, caller, actorOf(principal), snapshotId);
      },
      saveDraft: async (caller: Caller, sessionId: string, draft: ImportDraft): Promise<boolean> => {
        await access.importer(caller, deps.imports.psaOf(caller, sessionId));
        return deps.imports.saveDraft(caller, sessionId, draft);
      },
      /** Writes nothing and releases the lock: allowed even after the right was taken away meanwhile. */
      cancel: async (caller: Caller, sessionId: string): Promise<void> => {
        await access.principal(caller);
        await deps.imports.cancel(caller, sessionId);
      },
    },
    locks: {
      holder: async (caller: Caller, psa: PsaKind): Promise<LockInfo | null> => {
        await access.importer(caller, psa);
        return deps.locks.holder(psa);
      },
      /** Who holds the lock, told apart from the caller's own window and the caller in another window. */
      status: async (caller: Caller, psa: PsaKind): Promise<LockStatus | null> => {
        const principal = await access.importer(caller, psa);
        const state = await deps.locks.state(psa);
        if (!state) return null;
        const holder = state.holderSession === lockSessionOf(caller, psa) ? 'this-window' : state.holderAdminId === principal.id ? 'you-elsewhere' : 'someone-else';
        return { holderName: state.holderName, since: state.since, expiresAtMs: state.expiresAtMs, holder };
      },
      forceRelease: async (caller: Caller, psa: PsaKind): Promise<LockInfo | null> => {
        const principal = await access.masterAdministrator(caller);
        const released = await deps.locks.forceRelease(psa, principal.id);
        if (!released) return null;
        // Only the holder's session is told, at once: its wizard ends there and says by whom.
        const holder = await deps.imports.lockTakenAway(released);
        if (holder) deps.events.emit(holder.sessionKey, 'lockReleased', { psa, byName: principal.name, byYou: principal.id === released.holderAdminId });
        return infoOf(released);
      },
    },
    psa: {
      /** Every signed-in person sees which PSAs are connected (never a secret); what they may do with one is checked per call. */
      connections: async (caller: Caller): Promise<PsaConnectionStatus[]> => {
        await access.principal(caller);
        return Promise.all(PSA_KINDS.map((psa) => deps.psa.status(psa)));
      },
      storedFields: async (caller: Caller, psa: PsaKind): Promise<PsaStoredFields | null> => {
        await access.masterAdministrator(caller);
        return deps.psa.storedFields(psa);
      },
      /** Typed credentials are the connection form (Master Administrators); the stored ones, anyone who imports from it. */
      test: async (caller: Caller, psa: PsaKind, credentials: PsaCredentials | null): Promise<ConnectionTest> => {
        if (credentials) await access.masterAdministrator(caller);
        else await access.importer(caller, psa);
        return deps.psa.test(psa, credentials);
      },
      connect: async (caller: Caller, credentials: PsaCredentials): Promise<{ test: ConnectionTest; status: PsaConnectionStatus }> => {
        await access.masterAdministrator(caller);
        return deps.psa.connect(credentials);
      },
      disconnect: async (caller: Caller, psa: PsaKind): Promise<PsaConnectionStatus> => {
        await access.masterAdministrator(caller);
        return deps.psa.disconnect(psa);
      },
      filterAttributes: async (caller: Caller, psa: PsaKind): Promise<FilterAttributesResult> => {
        await access.importer(caller, psa);
        try {
          const connector = await deps.psa.connector(psa);
          return { outcome: 'ok', attributes: await connector.filterAttributes() };
        } catch (error) {
          return { outcome: 'failed', error: toPsaError(error).view() };
        }
      },
      countCompanies: async (caller: Caller, psa: PsaKind, filter: PsaFilter): Promise<CompanyCountResult> => {
        await access.importer(caller, psa);
        return deps.counts.count(caller, psa, filter);
      },
    },
    settings: {
      /** The managed-user seats: the import's users step counts them for whoever imports. */
      licenses: async (caller: Caller): Promise<Licenses> => {
        await access.principal(caller);
        return deps.licenses.read();
      },
      setLicenseSeats: async (caller: Caller, seats: number): Promise<Licenses> => {
        await access.masterAdministrator(caller);
        return deps.licenses.setSeats(seats);
      },
    },
    /**
     * Import previews: the service checks each caller itself, since the PSA whose import right is needed is the
     * preview file's (known once it is read) or the review's (see preview/preview-reviews.ts).
     */
    previews: {
      recent: (caller: Caller): Promise<RecentPreview[]> => deps.previews.recent(caller),
      open: (caller: Caller, from: PreviewSource): Promise<OpenPreviewResult> => deps.previews.open(caller, from),
      saveFromImport: (caller: Caller, sessionId: string, draft: ImportDraft): Promise<SavedFileResult> => deps.previews.saveFromImport(caller, sessionId, draft),
      reconciliation: (caller: Caller, reviewId: string): Promise<ReconciliationView> => deps.previews.reconciliation(caller, reviewId),
      contacts: (caller: Caller, reviewId: string, psaCompanyId: string): Promise<ImportContactRow[]> => deps.previews.contacts(caller, reviewId, psaCompanyId),
      save: (caller: Caller, reviewId: string, draft: ImportDraft): Promise<SavedFileResult> => deps.previews.save(caller, reviewId, draft),
      close: (caller: Caller, reviewId: string): Promise<void> => deps.previews.close(caller, reviewId),
      checkApply: (caller: Caller, reviewId: string, draft: ImportDraft): Promise<ApplyCheckResult> => deps.previews.checkApply(caller, reviewId, draft),
      export: (caller: Caller, reviewId: string, draft: ImportDraft, format: ExportFormat): Promise<SavedFileResult> => deps.previews.export(caller, reviewId, draft, format),
      refresh: (caller: Caller, reviewId: string): Promise<PsaChanges> => deps.previews.refresh(caller, reviewId),
    },
    vault: {
      status: async (caller: Caller): Promise<VaultStatus> => {
        await access.administrator(caller);
        return deps.vault.status();
      },
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;

/** The acting person as the import and history services record them (a principal has changed any forced password). */
function actorOf(principal: Principal): SessionState {
  return { adminId: principal.id, name: principal.name, email: principal.email, role: principal.role, mustChangePassword: false, rights: principal.rights };
}

function infoOf(state: LockState): LockInfo {
  return { holderName: state.holderName, holderAdminId: state.holderAdminId, since: state.since, expiresAtMs: state.expiresAtMs };
}
