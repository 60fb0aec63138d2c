import { useCallback, useRef, useState } from 'react';
import type { ErrorCode } from '../../shared/ipc/result';
import { errorCodeOf } from '../api/client';

/**
 * Pending and error state for one form or action: runs the action, keeps the error code for <ErrorAlert>.
 * `run` keeps its identity across renders, so effects may depend on it without re-running.
 */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const busy = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorCodeOf(caught));
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}
