import { useEffect, type RefObject } from 'react';

/** How long a closing menu may still hand focus back to the row it was opened on. */
const MENU_RESTORE_WINDOW_MS = 1500;

/**
 * Puts the keyboard on the form's first field when `active` turns on, and keeps it there while the menu that started
 * the work closes. React Aria's menu hands focus back to its tree row when its popover unmounts, which can be a few
 * frames later on a busy machine (its exit runs after ours); a fixed number of frames lost that race. So for a short
 * while, focus that lands back in the tree is moved on to the field. A click elsewhere in the page is left alone.
 */
export function useFocusAfterMenu(form: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const focusFirstField = () => form.current?.querySelector<HTMLElement>('input')?.focus();
    const frame = requestAnimationFrame(focusFirstField);
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Element && event.target.closest('[role="treegrid"]')) focusFirstField();
    };
    document.addEventListener('focusin', onFocusIn);
    const stop = setTimeout(() => document.removeEventListener('focusin', onFocusIn), MENU_RESTORE_WINDOW_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(stop);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [form, active]);
}
