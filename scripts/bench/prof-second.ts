// TEMP (not committed): profile only second syncs or only bare searches.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'ldapts';
import { createCore, type Core } from '../../electron/main/core/create-core';
import { WORKSPACE_FILE } from '../../electron/main/db/workspace-files';
import type { SenderInfo } from '../../electron/main/ipc/sender-check';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { bulkAdDirectory } from '../../test/support/ldap/ad-fixture';
import { startSlapd, type Slapd } from '../../test/support/ldap/slapd';
import { TEST_PASSWORD_HASH_COST } from '../../test/support/password-cost';
const ORIGIN = 'http://127.0.0.1:5999';
const sender: SenderInfo = { windowId: 'bench', frameUrl: `${ORIGIN}/index.html`, origin: ORIGIN, isTopFrame: true };
async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const result = await core.registrar.invoke(channel, payload, sender);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
async function bareSearch(slapd: Slapd) {
  const client = new Client({ url: `ldaps://${slapd.host}:${slapd.ldapsPort}`, tlsOptions: { ca: slapd.caPem, minVersion: 'TLSv1.2' } });
  try {
    await client.bind(slapd.bindDn, slapd.bindPassword);
    const { searchEntries } = await client.search(slapd.baseDn, { scope: 'sub', filter: '(|(objectClass=user)(objectClass=group))', attributes: ['objectGUID', 'displayName', 'cn', 'mail', 'userAccountControl', 'member'], explicitBufferAttributes: ['objectGUID'], paged: { pageSize: 1_000 } });
    return searchEntries.length;
  } finally { await client.unbind(); }
}
const mode = process.argv[2] ?? "sync";
const SQLT0 = new Map<string, number>(); if (mode === "first") (globalThis as unknown as { SQLT?: Map<string, number> }).SQLT = SQLT0;
const N = Number(process.argv[3] ?? 30);
const bulk = bulkAdDirectory({ baseDn: 'dc=example,dc=com', users: 2000, groups: 20, disabledEvery: 50 });
const slapd = await startSlapd({ seed: bulk.entries });
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const core = await createCore({ workspace: { kind: 'local', file: join(dir, WORKSPACE_FILE) }, dataDir: dir, host: 'browser-bridge', appVersion: '0', cipher: new EphemeralCipher(), settings: createConfStore(dir), allowedOrigins: [ORIGIN], passwordHashCost: TEST_PASSWORD_HASH_COST });
await call(core, 'auth:createFirstAdmin', { name: 'Bench', email: 'bench@example.com', password: 'Bench-Harbour-Lantern-71' });
await call(core, 'org:setLicenseSeats', { standard: 2000, mobile: 2000 });
const pairs = [];
for (const [index, group] of bulk.groups.entries()) {
  const { id } = await call<{ id: number }>(core, 'org:createGroup', { name: `Team ${index + 1}`, parentId: null });
  pairs.push({ sourceDn: group.dn, sourceName: `Team ${index + 1}`, groupId: id });
}
await call(core, 'directorySync:save', { config: { connection: { kind: 'active-directory', host: slapd.host, port: slapd.ldapsPort, security: 'ldaps', caCertificate: slapd.caPem, bindDn: slapd.bindDn, baseDn: slapd.baseDn, disabledAttribute: null, disabledValue: '' }, pairs, schedule: { everyMinutes: null }, newTechnicianLicenses: { standard: true, mobile: false } }, bindPassword: slapd.bindPassword });
await call(core, 'directorySync:setDefaultPassword', { password: 'Welcome-Cedar-Harbour-2026' });
const tf = performance.now(); await call(core, 'directorySync:syncNow'); console.log('first', (performance.now() - tf).toFixed(1));
for (const [k, v] of [...SQLT0].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(v.toFixed(2).padStart(7), k);
const times: number[] = [];
const SQLT = new Map<string, number>(); (globalThis as unknown as { SQLT?: Map<string, number> }).SQLT = SQLT;
for (let i = 0; i < N; i++) {
  const t = performance.now();
  if (mode === 'sync') await call(core, 'directorySync:syncNow'); else await bareSearch(slapd);
  times.push(performance.now() - t);
}
for (const [k, v] of [...SQLT].sort((a, b) => b[1] - a[1])) console.log((v / N).toFixed(2).padStart(7), k);
times.sort((a, b) => a - b);
console.log(mode, 'median', times[Math.floor(N / 2)]!.toFixed(1), 'mean', (times.reduce((a, b) => a + b, 0) / N).toFixed(1));
await core.close(); await slapd.stop();
