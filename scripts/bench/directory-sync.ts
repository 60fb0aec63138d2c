/**
 * `npm run bench:directory-sync [-- --json]`: a directory sync of 2,000 users in 20 groups from a real slapd (AD-shaped
 * entries over LDAPS, 20 source group → technician group pairs), through the real core and its IPC edge as *Sync now*
 * calls it (`directorySync:syncNow`): the whole wait — connect, bind, the paged reads, the plan, 2,000 technicians
 * written with the log in one transaction. Local workspace.
 *
 * Baseline, measured in the same run: a bare ldapts client doing what any sync must at least do — connect over LDAPS,
 * bind, and one paged search (1,000 per page) of the same 2,020 entries (users and groups) with the attributes the sync
 * reads, then unbind. Goals: the first sync ≤ 2 × the baseline; a second sync with nothing changed writes no technician
 * and takes ≤ 1.2 × the baseline. Medians of 15 interleaved rounds each, after 2 uncounted warm-up rounds; every first sync on a fresh workspace.
 *
 * A second sync with nothing changed finds the directory's change mark where the first sync left it and plans from
 * that read (read-cache.ts). So the figures also show a third sync after a change elsewhere in the directory (an
 * entry no source group holds): the mark moved, everything is read again, and still no technician is written —
 * what a sync costs when the directory is busy with other things.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'ldapts';
import { createCore, type Core } from '../../electron/main/core/create-core';
import { WORKSPACE_FILE } from '../../electron/main/db/workspace-files';
import type { SenderInfo } from '../../electron/main/ipc/sender-check';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import type { SyncReport } from '../../shared/directory-sync/schemas';
import { bulkAdDirectory } from '../../test/support/ldap/ad-fixture';
import { startSlapd, type Slapd } from '../../test/support/ldap/slapd';
import { TEST_PASSWORD_HASH_COST } from '../../test/support/password-cost';
import { printReport } from './report';

const USERS = 2_000;
const GROUPS = 20;
const RUNS = 15;
/** Rounds run first and not counted, so the sync's code is as warm as the bare client's (JIT, TLS, slapd's caches). */
const WARM_UP = 2;
const ORIGIN = 'http://127.0.0.1:5999';
const sender: SenderInfo = { windowId: 'bench', frameUrl: `${ORIGIN}/index.html`, origin: ORIGIN, isTopFrame: true };
const quiet = process.argv.includes('--json');
const say = (line: string) => {
  if (!quiet) process.stderr.write(`${line}\n`);
};

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const result = await core.registrar.invoke(channel, payload, sender);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The least a sync can do: one bound LDAPS client, one paged search of the same entries, unbind. */
async function bareSearch(slapd: Slapd): Promise<{ ms: number; entries: number }> {
  const started = performance.now();
  const client = new Client({ url: `ldaps://${slapd.host}:${slapd.ldapsPort}`, tlsOptions: { ca: slapd.caPem, minVersion: 'TLSv1.2' } });
  try {
    await client.bind(slapd.bindDn, slapd.bindPassword);
    const { searchEntries } = await client.search(slapd.baseDn, {
      scope: 'sub',
      filter: '(|(objectClass=user)(objectClass=group))',
      attributes: ['objectGUID', 'displayName', 'cn', 'mail', 'userAccountControl', 'member'],
      explicitBufferAttributes: ['objectGUID'],
      paged: { pageSize: 1_000 },
    });
    return { ms: performance.now() - started, entries: searchEntries.length };
  } finally {
    await client.unbind();
  }
}

async function freshCore(slapd: Slapd, groups: readonly { dn: string }[]): Promise<{ core: Core; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'msp-roster-bench-directory-sync-'));
  const core = await createCore({
    workspace: { kind: 'local', file: join(dir, WORKSPACE_FILE) },
    dataDir: dir,
    host: 'browser-bridge',
    appVersion: '0.0.0-bench',
    cipher: new EphemeralCipher(),
    settings: createConfStore(dir),
    allowedOrigins: [ORIGIN],
    // The administrator's and the default password's hashes are set-up, not the sync: made cheaply.
    passwordHashCost: TEST_PASSWORD_HASH_COST,
  });
  await call(core, 'auth:createFirstAdmin', { name: 'Bench', email: 'bench@example.com', password: 'Bench-Harbour-Lantern-71' });
  await call(core, 'org:setLicenseSeats', { standard: USERS, mobile: USERS });
  const pairs = [];
  for (const [index, group] of groups.entries()) {
    const { id } = await call<{ id: number }>(core, 'org:createGroup', { name: `Team ${index + 1}`, parentId: null });
    pairs.push({ sourceDn: group.dn, sourceName: `Team ${index + 1}`, groupId: id });
  }
  await call(core, 'directorySync:save', {
    config: {
      connection: { kind: 'active-directory', host: slapd.host, port: slapd.ldapsPort, security: 'ldaps', caCertificate: slapd.caPem, bindDn: slapd.bindDn, baseDn: slapd.baseDn, disabledAttribute: null, disabledValue: '' },
      pairs,
      schedule: { everyMinutes: null },
      newTechnicianLicenses: { standard: true, mobile: false },
    },
    bindPassword: slapd.bindPassword,
  });
  await call(core, 'directorySync:setDefaultPassword', { password: 'Welcome-Cedar-Harbour-2026' });
  return { core, dir };
}

/** Technicians a run changed: every change, not only the first ones the report carries to the screen. */
const changed = (report: SyncReport) => report.changes.length + report.more.changes;

async function timedSync(core: Core): Promise<{ ms: number; report: SyncReport }> {
  const started = performance.now();
  const report = await call<SyncReport>(core, 'directorySync:syncNow');
  return { ms: performance.now() - started, report };
}

const bulk = bulkAdDirectory({ baseDn: 'dc=example,dc=com', users: USERS, groups: GROUPS, disabledEvery: 50 });
say(`Starting slapd with ${USERS} users in ${GROUPS} groups …`);
const slapd = await startSlapd({ seed: bulk.entries });
const cleanup: string[] = [];
try {
  await bareSearch(slapd); // Warm-up: slapd's caches, TLS session set-up code paths.
  /** The bare search at the start of each round, and again between its first and second sync. */
  const bareBefore: number[] = [];
  const bareBetween: number[] = [];
  let entries = 0;
  const first: number[] = [];
  const again: number[] = [];
  const reread: number[] = [];
  let created = 0;
  let changedAgain = 0;
  let againFromMark = 0;
  let changedReread = 0;
  let rereadFromMark = 0;
  for (let run = -WARM_UP; run < RUNS; run++) {
    const search = await bareSearch(slapd);
    if (run >= 0) bareBefore.push(search.ms);
    entries = search.entries;
    const { core, dir } = await freshCore(slapd, bulk.groups);
    cleanup.push(dir);
    try {
      const one = await timedSync(core);
      // The baseline again where the second sync stands: after a first sync, with the garbage it leaves.
      const between = await bareSearch(slapd);
      const two = await timedSync(core);
      // A change no source group sees (the service account's own entry): the mark moves, the sync reads in full.
      await slapd.modify(slapd.bindDn, { description: `Bench round ${run}` });
      const three = await timedSync(core);
      if (run < 0) {
        say(`  warm-up: bare ${search.ms.toFixed(0)} ms, first sync ${one.ms.toFixed(0)} ms, bare ${between.ms.toFixed(0)} ms, again ${two.ms.toFixed(0)} ms, re-read ${three.ms.toFixed(0)} ms`);
        continue;
      }
      bareBetween.push(between.ms);
      first.push(one.ms);
      created = one.report.run.counts.created;
      again.push(two.ms);
      changedAgain = Math.max(changedAgain, changed(two.report));
      if (two.report.directoryUnchangedSince !== null) againFromMark += 1;
      reread.push(three.ms);
      changedReread = Math.max(changedReread, changed(three.report));
      if (three.report.directoryUnchangedSince !== null) rereadFromMark += 1;
      say(
        `  run ${run + 1}: bare ${search.ms.toFixed(0)} ms, first sync ${one.ms.toFixed(0)} ms (${created} created), bare ${between.ms.toFixed(0)} ms, again ${two.ms.toFixed(0)} ms (${changed(two.report)} changes), re-read ${three.ms.toFixed(0)} ms (${changed(three.report)} changes)`,
      );
    } finally {
      await core.close();
    }
  }
  const base = median([...bareBefore, ...bareBetween]);
  const firstRatio = median(first) / base;
  const againRatio = median(again) / base;
  const rereadRatio = median(reread) / base;
  printReport({
    name: `bench:directory-sync — ${USERS.toLocaleString('en-GB')} users in ${GROUPS} groups from slapd over LDAPS, local workspace, through the IPC edge (medians of ${RUNS})`,
    figures: {
      'baseline: bare ldapts bind + paged search of the same entries (ms)': Math.round(base),
      '  at the start of a round (ms)': Math.round(median(bareBefore)),
      '  between a first and a second sync (ms)': Math.round(median(bareBetween)),
      '  entries read': entries,
      'first sync, whole wait (ms)': Math.round(median(first)),
      '  technicians created': created,
      '  against the baseline (×)': Number(firstRatio.toFixed(2)),
      'second sync, nothing changed (ms)': Math.round(median(again)),
      '  technicians changed': changedAgain,
      '  against the baseline (×) ': Number(againRatio.toFixed(2)),
      '  runs that planned from the kept read (mark unchanged)': againFromMark,
      'third sync, after a change outside the source groups: read in full (ms)': Math.round(median(reread)),
      '  technicians changed ': changedReread,
      '  runs that planned from the kept read (should be 0)': rereadFromMark,
      '  against the baseline (×)  ': Number(rereadRatio.toFixed(2)),
    },
    goals: {
      firstSync: { description: `first sync ≤ 2 × the bare search (${firstRatio.toFixed(2)} ×)`, pass: firstRatio <= 2 && created === USERS },
      secondSync: { description: `a second sync writes no technician (${changedAgain} changed) and takes ≤ 1.2 × the bare search (${againRatio.toFixed(2)} ×)`, pass: changedAgain === 0 && againRatio <= 1.2 },
      rereadCorrect: { description: `after a change elsewhere in the directory the sync reads in full (${rereadFromMark} of ${RUNS} did not) and writes no technician (${changedReread} changed)`, pass: rereadFromMark === 0 && changedReread === 0 },
    },
  });
} finally {
  await slapd.stop();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
}
