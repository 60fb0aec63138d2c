/**
 * The workstation script (team-workstation.ts) bundled once into one ES module that plain Node runs: a dozen
 * workstations each compiling the TypeScript sources through tsx would spend seconds of CPU apiece before
 * doing anything, on a machine with two cores. Packages stay external (resolved from node_modules).
 */
import { build } from 'esbuild';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { WorkstationConnection } from './team-workstation';

const ROOT = resolve(import.meta.dirname, '../..');

/** Bundles the workstation and returns the file to run with `node <file> <connection JSON> <role> …`. */
export async function bundleWorkstation(): Promise<string> {
  const dir = join(ROOT, '.tmp', 'workstation');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `team-workstation-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test/support/team-workstation.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export interface Workstation {
  readonly child: ChildProcessWithoutNullStreams;
  /** The next line it prints (lines are queued until asked for). */
  next(): Promise<string>;
  /** The next line, parsed. */
  json<T>(): Promise<T>;
  /** Tells it to start its role. */
  go(): void;
  readonly exited: Promise<number | null>;
}

/** Starts a workstation process (the bundled `script`) in `role`; resolves once its services are open (it printed `ready`). */
export async function startWorkstation(script: string, connection: WorkstationConnection, role: string, ...args: Array<string | number>): Promise<Workstation> {
  // Node itself on the bundled script: signals reach the process doing the work, and it starts in a blink.
  const child = spawn(process.execPath, [script, JSON.stringify(connection), role, ...args.map(String)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const queued: string[] = [];
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  let ended = false;
  const fail = () => new Error(`workstation ${role} ended without answering: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!.resolve(line) : queued.push(line)));
  lines.on('close', () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter.reject(fail());
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = () => (queued.length > 0 ? Promise.resolve(queued.shift()!) : ended ? Promise.reject(fail()) : new Promise<string>((resolve, reject) => waiting.push({ resolve, reject })));
  const first = await next();
  if (first !== 'ready') throw new Error(`workstation ${role} said ${first} instead of ready`);
  return { child, next, json: async <T>() => JSON.parse(await next()) as T, go: () => void child.stdin.write('go\n'), exited };
}
