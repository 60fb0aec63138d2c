import { useMemo } from 'react';
import { useAppStore } from '../../store';
import { configFromDraft, type FieldErrors } from './sync-draft';

const NONE: FieldErrors = {};

/** What is wrong with the form, once Test or Save was tried (until then the user is still typing: nothing is marked). */
export function useFieldErrors(): FieldErrors {
  const draft = useAppStore((state) => state.dsDraft);
  const passwordSaved = useAppStore((state) => state.dsSettings?.bindPasswordSaved ?? false);
  const show = useAppStore((state) => state.dsShowErrors);
  return useMemo(() => {
    if (!draft || !show) return NONE;
    const checked = configFromDraft(draft, passwordSaved);
    return checked.ok ? NONE : checked.errors;
  }, [draft, passwordSaved, show]);
}
