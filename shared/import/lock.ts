import { z } from 'zod';

/** Who holds an integration's lock, for "Another administrator is already working with this integration". */
export const LockInfoSchema = z.strictObject({
  holderName: z.string(),
  holderAdminId: z.string(),
  since: z.string(),
  expiresAtMs: z.number(),
});

export const StartImportResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('started'), sessionId: z.string(), jobId: z.string() }),
  z.strictObject({ outcome: z.literal('locked'), heldBy: LockInfoSchema }),
]);
