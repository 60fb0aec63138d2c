import { PsaCancelled } from './psa-error';

/**
 * Runs `tasks` side by side. The first failure cancels the others, so nothing
 * keeps running (or keeps the PSA busy) behind a call that has already failed,
 * and it is the failure the caller gets. Cancelling `signal` cancels them all.
 */
export async function sideBySide<T>(tasks: ReadonlyArray<(signal: AbortSignal) => Promise<T>>, signal?: AbortSignal): Promise<T[]> {
  const inner = new AbortController();
  const forward = () => inner.abort(new PsaCancelled());
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    return await Promise.all(tasks.map((task) => task(inner.signal)));
  } catch (error) {
    inner.abort(new PsaCancelled());
    throw signal?.aborted ? new PsaCancelled() : error;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
