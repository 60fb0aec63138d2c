/** The renderer's only way to the core: `window.api`, typed from the shared contract. */
import type { AppApi } from '../../shared/ipc/api';
import type { ErrorCode, IpcError, IpcResult } from '../../shared/ipc/result';

declare global {
  interface Window {
    readonly api: AppApi;
  }
}

export function api(): AppApi {
  return window.api;
}

/** A failed call, carrying the core's error code for translation. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly fields: Readonly<Record<string, string>>;

  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.fields ?? {};
  }
}

export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ApiError ? error.code : 'INTERNAL';
}
