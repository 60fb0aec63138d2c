/**
 * The workstation script (team-workstation.ts) bundled once into one ES module that plain Node runs: a dozen
 * workstations each compiling the TypeScript sources through tsx would spend seconds of CPU apiece before
 * doing anything, on a machine with two cores. Packages stay external (resolved from node_modules).
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
