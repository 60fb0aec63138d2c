/**
 * A lazily run async lookup (zone, codebase, picklists) shared by every caller
 * until it fails; a failure is not cached, so the next caller tries again.
 */
export function onceAsync<T>(load: (signal?: AbortSignal) => Promise<T>): (signal?: AbortSignal) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (signal) => {
    pending ??= load(signal).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
