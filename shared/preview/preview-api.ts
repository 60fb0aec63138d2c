/**
 * What the renderer and main say to each other about import preview files (issue 12): the recent list, an opened
 * preview under review (no PSA connection, no lock), saving, apply-later with its drift, exports, and what changed
 * in the PSA since. Paths are chosen in main (a native dialog, the recent list, the file the OS opened the app
 * with): the renderer never names a file main has not handed it first.
 */
import { z } from 'zod';
import { ImportDraftSchema } from '../import/draft';
import { DriftSchema } from '../import/drift';
import { LockInfoSchema } from '../import/lock';
import { ReconciliationSchema } from '../import/session';
import { IntegrationIdentitySchema } from '../import/snapshot';
import { PsaFilterSchema } from '../psa/filters';
import { PsaKindSchema } from '../psa/kinds';

const Id = z.string().min(1).max(100);
const FilePath = z.string().min(1).max(4096);
const Count = z.number().int().nonnegative();

/** A preview file saved or opened on this workstation (kept with the non-secret settings), newest first. */
export const RecentPreviewSchema = z.strictObject({
  path: FilePath,
  fileName: z.string().max(1000),
  psa: PsaKindSchema,
  companies: Count,
  createdByName: z.string().max(500),
  /** When the preview was saved (its `createdAt`, or the last Save of a review). */
  savedAt: z.string(),
  /** When this workstation last saved or opened it. */
  usedAt: z.string(),
});
export type RecentPreview = z.infer<typeof RecentPreviewSchema>;

/** An opened preview, as its header and the review page show it. */
export const PreviewSummarySchema = z.strictObject({
  reviewId: Id,
  path: FilePath,
  fileName: z.string().max(1000),
  psa: PsaKindSchema,
  integration: IntegrationIdentitySchema,
  filter: PsaFilterSchema,
  createdBy: z.strictObject({ adminId: z.string(), name: z.string() }),
  createdAt: z.string(),
  fetchedAt: z.string(),
  companies: Count,
  contacts: Count,
  /** Opened from an older schema version and migrated (it is saved in the current one). */
  migratedFrom: z.number().int().positive().nullable(),
});
export type PreviewSummary = z.infer<typeof PreviewSummarySchema>;

/** Where Open preview takes its file from: the native dialog, or an entry of the recent list (or the OS's hand-off, which main put there). */
export const PreviewSourceSchema = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('dialog') }), z.strictObject({ kind: z.literal('recent'), path: FilePath })]);
export type PreviewSource = z.infer<typeof PreviewSourceSchema>;

export const OpenPreviewResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('opened'), preview: PreviewSummarySchema, draft: ImportDraftSchema }),
  /** The dialog was closed without a file. */
  z.strictObject({ outcome: z.literal('cancelled') }),
]);
export type OpenPreviewResult = z.infer<typeof OpenPreviewResultSchema>;

/** A save (of a running import, of a review, or an export): where it went, or that the dialog was closed. */
export const SavedFileResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('saved'), path: FilePath, fileName: z.string().max(1000), savedAt: z.string() }),
  z.strictObject({ outcome: z.literal('cancelled') }),
]);
export type SavedFileResult = z.infer<typeof SavedFileResultSchema>;

/**
 * Apply later, first step: the lock is taken in the workspace open now (as a start takes it) and a session opened on
 * the preview's download; the same download is reconciled against the workspace now, and every drift listed.
 */
export const ApplyCheckResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('started'), sessionId: Id, view: ReconciliationSchema, drift: z.array(DriftSchema) }),
  z.strictObject({ outcome: z.literal('locked'), heldBy: LockInfoSchema }),
]);
export type ApplyCheckResult = z.infer<typeof ApplyCheckResultSchema>;

export const ExportFormatSchema = z.enum(['csv', 'html']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

const Named = z.strictObject({ psaId: z.string(), name: z.string() });
/** What changed in the PSA since the preview's download: companies and contacts added, removed and renamed. */
export const PsaChangesSchema = z.strictObject({
  fetchedAt: z.string(),
  companies: z.strictObject({
    added: z.array(Named),
    removed: z.array(Named),
    renamed: z.array(z.strictObject({ psaId: z.string(), before: z.string(), now: z.string() })),
  }),
  contacts: z.strictObject({
    added: z.array(Named.extend({ companyPsaId: z.string() })),
    removed: z.array(Named.extend({ companyPsaId: z.string() })),
    renamed: z.array(z.strictObject({ psaId: z.string(), companyPsaId: z.string(), before: z.string(), now: z.string() })),
  }),
});
export type PsaChanges = z.infer<typeof PsaChangesSchema>;
