import type { PsaErrorKind, PsaErrorView } from '../../../shared/psa/errors';

/** A classified PSA failure. `detail` is technical and must never contain credentials. */
export class PsaError extends Error {
  override readonly name = 'PsaError';
  readonly kind: PsaErrorKind;
  readonly status: number | undefined;

  constructor(kind: PsaErrorKind, detail: string, status?: number) {
    super(detail);
    this.kind = kind;
    this.status = status;
  }

  view(): PsaErrorView {
    return { kind: this.kind, detail: this.message.slice(0, 2000) };
  }
}

/** The user cancelled: not an error to show, but the job must stop and hand nothing on. */
export class PsaCancelled extends Error {
  override readonly name = 'PsaCancelled';
  constructor() {
    super('Cancelled');
  }
}

export function toPsaError(error: unknown): PsaError {
  if (error instanceof PsaError) return error;
  return new PsaError('unknown', error instanceof Error ? error.message : String(error));
}
