import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

/**
 * Runs the built, sandbox-ready preload bundle (out/preload/index.cjs) in a
 * fresh context whose only module is a recording `electron`, and returns what
 * it exposed to the page — the Electron side of the api-surface comparison.
 */
export function loadBuiltPreload(root: string): Record<string, unknown> {
  const exposed: Record<string, unknown> = {};
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on: () => undefined, removeListener: () => undefined },
  };
  const code = readFileSync(join(root, 'out/preload/index.cjs'), 'utf8');
  const module = { exports: {} };
  const required: string[] = [];
  const requireStub = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`The sandboxed preload may not require ${name}`);
  };
  runInNewContext(code, { require: requireStub, module, exports: module.exports, console });
  if (required.some((name) => name !== 'electron')) throw new Error(`preload required ${required.join(', ')}`);
  return exposed;
}
