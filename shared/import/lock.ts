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

/**
 * What the PSA page and the wizard's start show before anyone fills in a filter: who holds the lock, since when,
 * and whether that is this window, the caller in another window, or another administrator.
 */
export const LockStatusSchema = z.strictObject({
  holderName: z.string(),
  since: z.string(),
  expiresAtMs: z.number(),
  holder: z.enum(['this-window', 'you-elsewhere', 'someone-else']),
});
export type LockStatus = z.output<typeof LockStatusSchema>;
