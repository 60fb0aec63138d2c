/**
 * "Save preview" on the import's companies and users steps: the running session's download, its reconciliation
 * against the workspace now, every contact's match (as "Manage users" would show it for the decisions so far), the
 * decisions, who saved it and from which integration (its non-secret identity only) — to a file chosen in a dialog,
 * written atomically, then first in the recent list. No credentials, tokens or password hashes go in: the document
 * has no field for one (shared/preview/preview-document.ts) and the integration is the account hint and API address.
 */
import { basename } from 'node:path';
import type { ImportDraft } from '../../../shared/import/draft';
import type { SavedFileResult } from '../../../shared/preview/preview-api';
import { PREVIEW_FILE_EXTENSION, type PreviewDocument } from '../../../shared/preview/preview-document';
import { draftToDecisions } from '../../../shared/preview/preview-draft';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { Caller } from '../base/caller';
import { contactMatchesOf, contactTargetsOf } from '../import/contact-matches';
import { writePreviewFile } from './preview-file';
import type { PreviewDeps } from './preview-reviews';
import { refused } from './preview-reviews';

const PSA_NAMES: Record<PsaKind, string> = { autotask: 'Autotask', connectwise: 'ConnectWise' };

/** The name the save dialog offers: the PSA and the day, e.g. "Autotask preview 2026-12-01.msp-preview". */
export function suggestedPreviewName(psa: PsaKind, at: Date): string {
  return `${PSA_NAMES[psa]} preview ${at.toISOString().slice(0, 10)}${PREVIEW_FILE_EXTENSION}`;
}

export async function saveFromImport(deps: PreviewDeps, caller: Caller, sessionId: string, draft: ImportDraft): Promise<SavedFileResult> {
  const psa = deps.imports.psaOf(caller, sessionId);
  const principal = await deps.access.importer(caller, psa);
  // Refused before the dialog when there is nothing to save yet (the download still running).
  deps.imports.download(caller, sessionId);
  const now = deps.clock.now();
  const path = await deps.dialogs.chooseSaveFile(caller, { suggestedName: suggestedPreviewName(psa, now), extension: PREVIEW_FILE_EXTENSION });
  if (path === null) return { outcome: 'cancelled' };
  // Read again after the dialog: the session may have ended while it was open.
  const { filter, fetched, fetchedAt } = deps.imports.download(caller, sessionId);
  const view = await deps.imports.reconciliation(caller, sessionId);
  const contactMatches = await contactMatchesOf(deps.workspace.read, psa, fetched, contactTargetsOf(view.inPsa, draft));
  const integration = await deps.integrationOf(psa);
  const document: PreviewDocument = {
    createdBy: { adminId: principal.id, name: principal.name },
    createdAt: now.toISOString(),
    psa,
    integration,
    filter,
    fetchedAt,
    snapshot: { companies: [...fetched.companies], contacts: [...fetched.contacts] },
    reconciliation: { inPsa: view.inPsa, notInPsa: view.notInPsa, contactMatches },
    decisions: draftToDecisions(
      draft,
      fetched.companies.map((company) => company.psaId),
    ),
  };
  await writePreviewFile(path, document).catch((error: unknown) => {
    throw refused(error);
  });
  deps.recents.add({ path, psa, companies: document.snapshot.companies.length, createdByName: principal.name, savedAt: document.createdAt });
  deps.log.info('Preview saved from an import', { psa, companies: document.snapshot.companies.length, contacts: document.snapshot.contacts.length });
  return { outcome: 'saved', path, fileName: basename(path), savedAt: document.createdAt };
}

