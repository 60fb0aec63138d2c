import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { useAppStore } from '../store';

/** A burst of changes (another workstation's import, batch after batch) refetches once per this long at most. */
export const DIRECTORY_REFETCH_EVERY_MS = 250;

/**
 * Calls `refetch` when main says the directory changed — here or on another workstation of a team workspace —
 * so an open list follows without a reload. Bursts are coalesced (one call per quarter second at most); while
 * this window's own import applies, nothing is refetched per batch: once, when the apply ends.
 */
export function useDirectoryChanged(refetch: () => void): void {
  const latest = useRef(refetch);
  const applying = useAppStore((state) => state.wizard?.step === 'applying');
  const applyingNow = useRef(applying);
  const missed = useRef(false);

  useEffect(() => {
    latest.current = refetch;
  }, [refetch]);

  useEffect(() => {
    applyingNow.current = applying;
    if (!applying && missed.current) {
      missed.current = false;
      latest.current();
    }
  }, [applying]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = Number.NEGATIVE_INFINITY;
    const off = api().on('directoryChanged', () => {
      if (applyingNow.current) {
        missed.current = true;
        return;
      }
      if (timer !== undefined) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          last = Date.now();
          latest.current();
        },
        Math.max(0, last + DIRECTORY_REFETCH_EVERY_MS - Date.now()),
      );
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
}
