/**
 * Keeps the import wizard's decisions in the workspace as they change (import:saveDraft), so they survive closing the
 * app and a resumed import starts with them. Saves a short while after the last change; the download is kept in the
 * background once it completes, so a save that finds it not kept yet is tried again a little later.
 */
import type { StoreApi } from 'zustand';
import { api, unwrap } from '../api/client';
import type { AppState } from './index';
import type { WizardChoices } from '../screens/import/plan-builder';

/** After the last change: a burst of clicks is one save. */
const SAVE_AFTER_MS = 800;
/** While the download is being kept: how often, and how many times, a save is tried again. */
const RETRY_MS = 1_000;
const RETRIES = 60;

/** Saves at once what is waiting for its moment (before a sign-out ends the session); nothing when nothing waits. */
let flushPending: () => Promise<void> = () => Promise.resolve();
export function flushDraft(): Promise<void> {
  return flushPending();
}

export function keepDraftsWhileEditing(store: Pick<StoreApi<AppState>, 'getState' | 'subscribe'>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSaved: { sessionId: string; choices: WizardChoices } | null = null;
  let waiting: { sessionId: string; choices: WizardChoices } | null = null;

  const save = (sessionId: string, choices: WizardChoices, retriesLeft: number): Promise<void> => {
    timer = undefined;
    waiting = null;
    return unwrap(api().import.saveDraft({ sessionId, draft: choices })).then(
      ({ kept }) => {
        if (kept) lastSaved = { sessionId, choices };
        else if (retriesLeft > 0 && current()?.choices === choices) timer = setTimeout(() => void save(sessionId, choices, retriesLeft - 1), RETRY_MS);
      },
      // The session ended meanwhile (cancel, a lock released): nothing to keep; the next change tries again.
      () => undefined,
    );
  };

  const current = () => {
    const wizard = store.getState().wizard;
    return wizard?.session && wizard.view && (wizard.step === 'companies' || wizard.step === 'users') ? { sessionId: wizard.session.sessionId, choices: wizard.choices } : null;
  };

  const unsubscribe = store.subscribe(() => {
    const now = current();
    if (!now) return;
    // A session's first look is what it started with (nothing yet, or the decisions it resumed with): nothing to save.
    if (lastSaved?.sessionId !== now.sessionId) {
      lastSaved = now;
      return;
    }
    if (lastSaved.choices === now.choices) return;
    if (timer !== undefined) clearTimeout(timer);
    waiting = now;
    timer = setTimeout(() => void save(now.sessionId, now.choices, RETRIES), SAVE_AFTER_MS);
  });
  flushPending = () => {
    if (!waiting) return Promise.resolve();
    if (timer !== undefined) clearTimeout(timer);
    return save(waiting.sessionId, waiting.choices, 0);
  };
  // Closing the window within the wait: the save is sent (main finishes it; the page does not wait for the answer).
  const onUnload = () => void flushPending();
  window.addEventListener('beforeunload', onUnload);
  return () => {
    unsubscribe();
    window.removeEventListener('beforeunload', onUnload);
    flushPending = () => Promise.resolve();
    if (timer !== undefined) clearTimeout(timer);
  };
}
