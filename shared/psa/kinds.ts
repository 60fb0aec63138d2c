import { z } from 'zod';

export const PSA_KINDS = ['autotask', 'connectwise'] as const;
export const PsaKindSchema = z.enum(PSA_KINDS);
export type PsaKind = z.infer<typeof PsaKindSchema>;
