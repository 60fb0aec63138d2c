import { useState } from 'react';
import type { ErrorCode } from '../../shared/ipc/result';
import { errorCodeOf } from '../api/client';

/** Pending and error state for one form: runs the action, keeps the error code for <ErrorAlert>. */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const run = async (action: () => Promise<void>) => {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorCodeOf(caught));
    } finally {
      setPending(false);
    }
  };
  return { pending, error, setError, run };
}
