/** What the page worker says (page-worker.ts → page-decoder.ts): that it is ready, or its answer to one job. */
import type { PsaErrorKind } from '../../../../shared/psa/errors';

export type PageReply =
  | { readonly type: 'ready' }
  | { readonly type: 'page'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'page'; readonly id: number; readonly ok: false; readonly kind: PsaErrorKind; readonly detail: string; readonly status: number | undefined };
