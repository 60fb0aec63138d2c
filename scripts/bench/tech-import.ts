/**
 * `npm run bench:tech-import [-- --json]`: Import technicians through the real core and its IPC edge (the
 * request validated, the file read in the import worker, the rows checked, written in one transaction, the
 * summary returned): the whole wait a Master Administrator has, request in → summary out, on a local workspace.
 *
 *  1. a 500-row CSV of new technicians, with production's password policy (zxcvbn) and scrypt cost (N=2^15);
 *     the time spent scoring and hashing passwords is printed apart from the rest;
 *  2. the same file again: every row already present, nothing to score or hash;
 *  3. a 50 MB file of junk (refused unread by its size) and a 4 MB one (the largest read: refused as not a file of technicians).
 *
 * Meanwhile the main event loop's delay is sampled (perf_hooks.monitorEventLoopDelay). Goals: validate and apply
 * 500 rows ≤ 150 ms, refuse 50 MB of junk ≤ 300 ms, event-loop delay p99 ≤ 20 ms.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../../electron/main/core/create-core';
import { WORKSPACE_FILE } from '../../electron/main/db/workspace-files';
import type { SenderInfo } from '../../electron/main/ipc/sender-check';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { TECHNICIAN_FILE_HEADERS } from '../../shared/org/technician-import';
import { printReport } from './report';

const ORIGIN = 'http://127.0.0.1:5999';
const sender: SenderInfo = { windowId: 'bench', frameUrl: `${ORIGIN}/index.html`, origin: ORIGIN, isTopFrame: true };
const rowsArg = process.argv.indexOf('--rows');
/** 500 (the seed's limit); `-- --rows N` for a quicker look. */
const ROWS = rowsArg >= 0 ? Number(process.argv[rowsArg + 1]) : 500;
const quiet = process.argv.includes('--json');
const say = (line: string) => {
  if (!quiet) process.stderr.write(`${line}\n`);
};

const dir = mkdtempSync(join(tmpdir(), 'msp-roster-bench-tech-import-'));
const core = await createCore({
  workspace: { kind: 'local', file: join(dir, WORKSPACE_FILE) },
  dataDir: dir,
  host: 'browser-bridge',
  appVersion: '0.0.0-bench',
  cipher: new EphemeralCipher(),
  settings: createConfStore(dir),
  allowedOrigins: [ORIGIN],
});

async function call<T>(channel: string, payload?: unknown): Promise<{ ok: true; value: T } | { ok: false; code: string; fields: Record<string, string> }> {
  const result = await core.registrar.invoke(channel, payload, sender);
  return result.ok ? { ok: true, value: result.value as T } : { ok: false, code: result.error.code, fields: result.error.fields ?? {} };
}

/** The whole wait of one call, and the main event loop's delay while it ran (p99 and max, in ms). */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; p99: number; max: number; value: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  histogram.disable();
  return { ms, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, value };
}

try {
  const first = await call('auth:createFirstAdmin', { name: 'Bench Admin', email: 'bench@example.com', password: 'Harbour-Lantern-Quiet-49!' });
  if (!first.ok) throw new Error(`createFirstAdmin: ${first.code}`);
  const group = await call<{ id: number }>('org:createGroup', { name: 'Service desk', parentId: null });
  if (!group.ok) throw new Error(`createGroup: ${group.code}`);
  await call('org:setLicenseSeats', { standard: 1000, mobile: 1000 });

  const lines = [TECHNICIAN_FILE_HEADERS.join(';')];
  for (let i = 0; i < ROWS; i++) {
    const password = `${randomBytes(9).toString('base64url')}-Lantern-${i}`;
    lines.push(`Technician ${i};T${i};tech${i}@bench.example.com;;"Imported; bench";${password};ja;ja;${i % 3 === 0 ? 'ja' : 'nee'};${group.value.id}`);
  }
  const csv = Buffer.from(lines.join('\r\n'), 'utf8');
  const request = (bytes: Buffer, fileName = 'technicians.csv') => ({ fileName, contentBase64: bytes.toString('base64'), targetGroupId: null, delimiter: ';' as const });

  // Warm the worker (the page does so when it opens) so the runs measure the import, not a thread's start.
  await core.technicianImport.warm();
  const csvRequest = request(csv);

  say(`Importing ${ROWS} new technicians (production password policy and scrypt cost: this takes a while)…`);
  const fresh = await measured(() => call<{ created: number; failed: number }>('org:importTechnicians', csvRequest));
  if (!fresh.value.ok) throw new Error(`import: ${fresh.value.code} ${JSON.stringify(fresh.value.fields)}`);
  const timings = core.technicianImport.lastTimings;
  if (!timings) throw new Error('no timings');
  const withoutPasswords = timings.readMs + timings.checkMs + timings.writeMs;

  say('Importing the same file again (every row already present)…');
  const again = await measured(() => call<{ created: number; present: number }>('org:importTechnicians', csvRequest));
  if (!again.value.ok) throw new Error(`re-import: ${again.value.code}`);
  const againTimings = core.technicianImport.lastTimings ?? timings;

  say('Refusing 50 MB and 4 MB of junk…');
  // Made only now, and collected before measuring, so their allocation's garbage collection is not counted against the import.
  const junk50Request = request(randomBytes(50 * 1024 * 1024), 'junk.csv');
  const junk4 = Buffer.alloc(4 * 1024 * 1024 - 16);
  for (let i = 0; i < junk4.length; i++) junk4[i] = 32 + ((i * 7919) % 90);
  const junk4Request = request(junk4, 'junk.csv');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const refuse50 = await measured(() => call('org:importTechnicians', junk50Request));
  const refuse4 = await measured(() => call('org:importTechnicians', junk4Request));
  const problem = (result: typeof refuse50.value) => (result.ok ? 'accepted!' : `${result.code} ${result.fields['problem'] ?? ''}`);

  const created = fresh.value.value.created;
  const p99 = Math.max(fresh.p99, again.p99, refuse50.p99, refuse4.p99);
  printReport({
    name: `bench:tech-import — Import technicians, ${ROWS} rows, local workspace, through the IPC edge`,
    figures: {
      'new file: technicians created': created,
      'new file: whole wait (ms)': Math.round(fresh.ms),
      '  reading the file in the worker (ms)': Math.round(timings.readMs),
      '  checking rows against the workspace (ms)': Math.round(timings.checkMs),
      '  scoring passwords against the policy, zxcvbn in the worker (ms)': Math.round(timings.strengthMs),
      '  hashing passwords, scrypt N=2^15 on libuv, beyond the scoring it overlaps (ms)': Math.round(timings.hashMs),
      '  writing in one transaction (ms)': Math.round(timings.writeMs),
      'new file: validate and apply, without password scoring and hashing (ms)': Math.round(withoutPasswords),
      'same file again: already present': again.value.value.present,
      'same file again: whole wait (ms)': Math.round(again.ms),
      '  reading / checking / writing (ms)': `${Math.round(againTimings.readMs)} / ${Math.round(againTimings.checkMs)} / ${Math.round(againTimings.writeMs)}`,
      '50 MB junk: refused as': problem(refuse50.value),
      '50 MB junk: whole wait (ms)': Math.round(refuse50.ms),
      '4 MB junk: refused as': problem(refuse4.value),
      '4 MB junk: whole wait (ms)': Math.round(refuse4.ms),
      'event-loop delay p99, new file (ms)': fresh.p99,
      'event-loop delay p99, same file again (ms)': again.p99,
      'event-loop delay p99, 50 MB junk (ms)': refuse50.p99,
      'event-loop delay p99, 4 MB junk (ms)': refuse4.p99,
      'event-loop delay max over all runs (ms)': Math.max(fresh.max, again.max, refuse50.max, refuse4.max),
    },
    goals: {
      // The goal is the whole wait of a new file. Scoring and hashing 500 new passwords at the production
      // policy and scrypt cost takes far longer; that part is printed, and the goal fails honestly, until the
      // password work moves ahead of "Start import" (see the closing note of issue 11).
      validateAndApply: { description: `validate and apply ${ROWS} new rows, whole wait ≤ 150 ms (${Math.round(fresh.ms)} ms; without the password work ${Math.round(withoutPasswords)} ms)`, pass: fresh.ms <= 150 && created === ROWS },
      reimport: { description: `the same ${ROWS} rows again, whole wait ≤ 150 ms (${Math.round(again.ms)} ms)`, pass: again.ms <= 150 && again.value.value.present === ROWS },
      refuseJunk: { description: `refuse 50 MB of junk, whole wait ≤ 300 ms (${Math.round(refuse50.ms)} ms)`, pass: refuse50.ms <= 300 && !refuse50.value.ok },
      eventLoop: { description: `main event-loop delay p99 ≤ 20 ms throughout (${p99.toFixed(1)} ms)`, pass: p99 <= 20 },
    },
  });
} finally {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}
