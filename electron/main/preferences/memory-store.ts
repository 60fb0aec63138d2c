import type { KeyValueStore } from './preferences-store';

/** Settings that live only as long as the process: for headless runs, which have no machine preferences to keep. */
export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}
