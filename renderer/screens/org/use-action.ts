import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { SaveProblem } from './org-model';

/**
 * Pending state and the core's refusal (its code and fields, for messages that name a right, a license kind or a
 * number) for one action of the Technicians area. Resolves true when the action succeeded.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const busy = useRef(false);
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setPending(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setProblem(caught instanceof ApiError ? { code: caught.code, fields: caught.fields } : { code: 'INTERNAL', fields: {} });
      return false;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { pending, problem, setProblem, run };
}

/**
 * For a dialog opened from a menu: once the menu has closed and given focus back, focus moves to the dialog's
 * first field (a ref on the dialog's form), so the keyboard starts where the work is.
 */
export function useFirstFieldFocus() {
  const container = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => container.current?.querySelector<HTMLElement>('input, select, textarea')?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  return container;
}
