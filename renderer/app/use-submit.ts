import { useCallback, useRef, useState } from 'react';
import type { ErrorCode } from '../../shared/ipc/result';
import { ApiError, errorCodeOf } from '../api/client';

/**
 * Pending and error state for one form or action: runs the action, keeps the error code for <ErrorAlert>.
 * `run` keeps its identity across renders, so effects may depend on it without re-running.
 */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  /** The error's fields (what its message names: a preview file's problem, say). */
  const [fields, setFields] = useState<Readonly<Record<string, string>> | null>(null);
  const busy = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    setFields(null);
    try {
      await action();
    } catch (caught) {
      setError(errorCodeOf(caught));
      setFields(caught instanceof ApiError ? caught.fields : null);
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { pending, error, fields, setError, run };
}
