#!/usr/bin/env node
// The installed command: runs the bundled CLI that `npm run build` leaves in out/main/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/main/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('The MSP Roster CLI is not built yet: run `npm run build` first (or `npm run cli -- <command>` in a checkout).\n');
  process.exit(1);
}
await import(bundle);
