/** A download kept in the workspace (an import snapshot), as lists and the start page show it: never its records. */
import { z } from 'zod';
import { ImportDraftSchema } from './draft';
import { LockInfoSchema } from './lock';
import { PsaFilterSchema } from '../psa/filters';
import { PsaKindSchema } from '../psa/kinds';

/** Which integration a download came from, without a secret: the account and the API address the connection shows. */
export const IntegrationIdentitySchema = z.strictObject({
  accountHint: z.string().max(500).nullable(),
  apiBaseUrl: z.string().max(2_000).nullable(),
  /**
   * The PSA tenant the workspace imports from (Autotask's tenant id, ConnectWise's site and company id: not secret),
   * as recorded when the download was made; absent in what was kept before it was recorded.
   */
  tenant: z.string().max(500).nullable().optional(),
});
export type IntegrationIdentity = z.infer<typeof IntegrationIdentitySchema>;

export const SnapshotSummarySchema = z.strictObject({
  id: z.string().uuid(),
  psa: PsaKindSchema,
  integration: IntegrationIdentitySchema,
  filter: PsaFilterSchema,
  createdBy: z.strictObject({ adminId: z.string(), name: z.string() }),
  fetchedAt: z.string(),
  companies: z.number().int().nonnegative(),
  contacts: z.number().int().nonnegative(),
  /** When the decisions were last kept; null while none were made. */
  draftUpdatedAt: z.string().nullable(),
  /** When its plan was applied; null while it waits. */
  appliedAt: z.string().nullable(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

/** Resuming an import from a kept download: a session on it with the decisions kept, or who holds the lock. */
export const ResumeImportResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('started'), sessionId: z.string(), psa: PsaKindSchema, filter: PsaFilterSchema, draft: ImportDraftSchema.nullable() }),
  z.strictObject({ outcome: z.literal('locked'), heldBy: LockInfoSchema }),
]);
