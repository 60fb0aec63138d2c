/** The page worker's answer to one job (page-worker.ts ↔ page-decoder.ts). */
import type { PsaErrorKind } from '../../../../shared/psa/errors';

export type PageReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly kind: PsaErrorKind; readonly detail: string; readonly status: number | undefined };
