/**
 * Import previews under review (issue 12), per caller (a window's session): opened from a file chosen in a dialog or
 * from the recent list, reviewed with no PSA connection and no lock, saved back, applied later, exported, refreshed.
 * Every call checks its caller here (the import right for the preview's PSA); every review ends with its caller's
 * work (sign-out, window closed, quit), as imports do. The work of each step is in the files beside this one.
 */
import { basename } from 'node:path';
import type { ImportDraft } from '../../../shared/import/draft';
import type { ImportContactRow, ReconciliationView } from '../../../shared/import/session';
import type { IntegrationIdentity } from '../../../shared/import/snapshot';
import type { ApplyCheckResult, ExportFormat, OpenPreviewResult, PreviewSource, PsaChanges, RecentPreview, SavedFileResult } from '../../../shared/preview/preview-api';
import { PREVIEW_SCHEMA_VERSION } from '../../../shared/preview/preview-document';
import { decisionsToDraft, draftToDecisions } from '../../../shared/preview/preview-draft';
import type { Drift } from '../../../shared/import/drift';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { AccessControl, Principal } from '../access/access-control';
import type { SessionState } from '../auth/session-store';
import type { Caller } from '../base/caller';
import type { Clock } from '../base/clock';
import { DomainError } from '../base/domain-error';
import { newId } from '../base/ids';
import type { Workspace } from '../db/workspace';
import type { LicensePool } from '../directory/licenses';
import type { ImportSessions } from '../import/import-sessions';
import type { Logger } from '../logging/logger';
import type { PreferencesStore } from '../preferences/preferences-store';
import type { PsaConnections } from '../psa/psa-connections';
import type { FileDialogs } from './file-dialogs';
import { checkApply } from './preview-apply';
import { exportPreview } from './preview-exports';
import { saveFromImport } from './preview-from-import';
import { readPreviewFile, wholePreviewDocument, writePreviewFile, type PreviewOpened } from './preview-file';
import { PreviewFileError } from './preview-file-error';
import type { PreviewRecents } from './preview-recents';
import { refreshFromPsa } from './preview-refresh';

export interface PreviewDeps {
  readonly workspace: Workspace;
  readonly access: AccessControl;
  readonly imports: ImportSessions;
  readonly psa: PsaConnections;
  readonly licenses: LicensePool;
  readonly recents: PreviewRecents;
  readonly dialogs: FileDialogs;
  readonly preferences: PreferencesStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** The PSA tenant this workspace imports from, once recorded (an apply-later takes only previews of that tenant). */
  readonly tenants: { recorded(psa: PsaKind): Promise<string | null> };
  /** The integration's non-secret identity as this workstation connects to it (what a saved preview records). */
  readonly integrationOf: (psa: PsaKind) => Promise<IntegrationIdentity>;
}

/** An opened preview: its file, the document as read (contacts kept out of it, see PreviewOpened), and its decisions now. */
export interface Review {
  readonly id: string;
  readonly caller: Caller;
  readonly path: string;
  opened: PreviewOpened;
  /** The drift listed by the last apply check (the export's drift table); null before one. */
  lastDrift: Drift[] | null;
}

/** A PreviewFileError as the renderer sees it: PREVIEW_FILE_REFUSED, `fields.problem` naming why. */
export function refused(error: unknown): unknown {
  if (!(error instanceof PreviewFileError)) return error;
  return new DomainError('PREVIEW_FILE_REFUSED', `The preview file was refused: ${error.problem}.`, { problem: error.problem, ...(error.version === undefined ? {} : { version: String(error.version) }) });
}

/** The acting person as the import sessions record them. */
export function actorOf(principal: Principal): SessionState {
  return { adminId: principal.id, name: principal.name, email: principal.email, role: principal.role, mustChangePassword: false, rights: principal.rights };
}

export class PreviewReviews {
  private readonly reviews = new Map<string, Review>();

  constructor(readonly deps: PreviewDeps) {}

  /** The recent list: anyone signed in on this workstation. */
  async recent(caller: Caller): Promise<RecentPreview[]> {
    await this.deps.access.principal(caller);
    return this.deps.recents.list();
  }

  /**
   * Opens a preview for review: a file chosen in the dialog (cancelled: nothing happens), or a path of the recent
   * list (any other path: NOT_FOUND). The file is read and checked (refused: PREVIEW_FILE_REFUSED with
   * `fields.problem`); the caller needs the import right for its PSA. The file goes first in the recent list.
   */
  async open(caller: Caller, from: PreviewSource): Promise<OpenPreviewResult> {
    await this.deps.access.principal(caller);
    let path: string | null;
    if (from.kind === 'dialog') path = await this.deps.dialogs.chooseOpenFile(caller);
    else if (this.deps.recents.allows(from.path)) path = from.path;
    else throw new DomainError('NOT_FOUND', 'That preview is not in the recent list (or its file is gone); open it with Open preview.');
    if (path === null) return { outcome: 'cancelled' };
    const opened = await readPreviewFile(path).catch((error: unknown) => {
      throw refused(error);
    });
    const { document } = opened;
    await this.deps.access.importer(caller, document.psa);
    if (!this.deps.access.stillSignedIn(caller)) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
    const review: Review = { id: newId(), caller, path, opened, lastDrift: null };
    this.reviews.set(review.id, review);
    this.deps.recents.add({ path, psa: document.psa, companies: document.snapshot.companies.length, createdByName: document.createdBy.name, savedAt: document.createdAt });
    this.deps.log.info('Preview opened', { psa: document.psa, companies: document.snapshot.companies.length, contacts: opened.contacts.count });
    return {
      outcome: 'opened',
      preview: {
        reviewId: review.id,
        path,
        fileName: basename(path),
        psa: document.psa,
        integration: document.integration,
        filter: document.filter,
        createdBy: document.createdBy,
        createdAt: document.createdAt,
        fetchedAt: document.fetchedAt,
        companies: document.snapshot.companies.length,
        contacts: opened.contacts.count,
        migratedFrom: opened.schemaVersion < PREVIEW_SCHEMA_VERSION ? opened.schemaVersion : null,
      },
      draft: decisionsToDraft(document.decisions),
    };
  }

  /** The reconciliation as it was saved. */
  async reconciliation(caller: Caller, reviewId: string): Promise<ReconciliationView> {
    const review = await this.checked(caller, reviewId);
    const { inPsa, notInPsa } = review.opened.document.reconciliation;
    return { inPsa, notInPsa };
  }

  /** A company's contacts as saved, matched as they were then (unknown company: none). */
  async contacts(caller: Caller, reviewId: string, psaCompanyId: string): Promise<ImportContactRow[]> {
    const review = await this.checked(caller, reviewId);
    return review.opened.contacts.rowsForCompany(psaCompanyId);
  }

  /**
   * Save: the decisions and notes written back to the review's file, atomically; the rest of the document as it was
   * read (who saved it first, when, the snapshot, the reconciliation). Decisions for companies not in the preview
   * are left out. A draft the file's checks refuse (a user choice for a contact of another company) is
   * PREVIEW_FILE_REFUSED and the file stays as it was.
   */
  async save(caller: Caller, reviewId: string, draft: ImportDraft): Promise<SavedFileResult> {
    const review = await this.checked(caller, reviewId);
    const { document } = review.opened;
    const decisions = draftToDecisions(
      draft,
      document.snapshot.companies.map((company) => company.psaId),
    );
    const whole = await wholePreviewDocument(review.opened);
    await writePreviewFile(review.path, { ...whole, decisions }).catch((error: unknown) => {
      throw refused(error);
    });
    review.opened = { ...review.opened, document: { ...document, decisions } };
    const savedAt = this.deps.clock.now().toISOString();
    this.deps.recents.add({ path: review.path, psa: document.psa, companies: document.snapshot.companies.length, createdByName: document.createdBy.name, savedAt });
    return { outcome: 'saved', path: review.path, fileName: basename(review.path), savedAt };
  }

  /** Done with a review: forgotten (an unknown one: nothing happens). */
  async close(caller: Caller, reviewId: string): Promise<void> {
    await this.deps.access.principal(caller);
    const review = this.reviews.get(reviewId);
    if (review && review.caller.sessionKey === caller.sessionKey) this.reviews.delete(reviewId);
  }

  async saveFromImport(caller: Caller, sessionId: string, draft: ImportDraft): Promise<SavedFileResult> {
    return saveFromImport(this.deps, caller, sessionId, draft);
  }

  async checkApply(caller: Caller, reviewId: string, draft: ImportDraft): Promise<ApplyCheckResult> {
    const review = await this.checked(caller, reviewId);
    const result = await checkApply(this.deps, review, draft);
    if (result.outcome === 'started') review.lastDrift = result.drift;
    return result;
  }

  async export(caller: Caller, reviewId: string, draft: ImportDraft, format: ExportFormat): Promise<SavedFileResult> {
    const review = await this.checked(caller, reviewId);
    return exportPreview(this.deps, review, draft, format);
  }

  async refresh(caller: Caller, reviewId: string): Promise<PsaChanges> {
    const review = await this.checked(caller, reviewId);
    return refreshFromPsa(this.deps, review);
  }

  /** The OS opened the app with a preview file: the window may open it like a recent one. */
  handOff(path: string): void {
    this.deps.recents.handOff(path);
  }

  /** The caller's work ended (sign-out, window closed): its reviews are forgotten. */
  endSession(caller: Caller): void {
    for (const [id, review] of this.reviews) if (review.caller.sessionKey === caller.sessionKey) this.reviews.delete(id);
  }

  closeAll(): void {
    this.reviews.clear();
  }

  /** One of the caller's reviews (NOT_FOUND otherwise), the caller still allowed to import from its PSA. */
  private async checked(caller: Caller, reviewId: string): Promise<Review> {
    await this.deps.access.principal(caller);
    const review = this.reviews.get(reviewId);
    if (!review || review.caller.sessionKey !== caller.sessionKey) throw new DomainError('NOT_FOUND', 'This preview is no longer open; open it again.');
    await this.deps.access.importer(caller, review.opened.document.psa);
    return review;
  }
}
