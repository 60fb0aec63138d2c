/**
 * A promise that is started now and awaited later — or never, when the fetch
 * fails first or no page needs it (a lookup only record mapping uses, a count
 * beside the first pages). Without a handler, its rejection in the meantime is
 * an unhandled rejection, which kills the process. This marks it handled at
 * once; whoever awaits it later still gets the rejection.
 *
 * Every promise derived from it (`.then`, `.finally`) is a new promise: wrap
 * that one too, or derive it inside an async function that is awaited.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
