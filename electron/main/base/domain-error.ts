import type { ErrorCode } from '../../../shared/ipc/result';

/** An expected failure with a code the renderer can translate. Anything else is INTERNAL. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}
