/** The sync log as CSV, as a Dutch or English reader opens it: every change, problem and failure in words. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../electron/main/preview/main-translator';
import type { SyncLogEntry, SyncRun } from '../../shared/directory-sync/schemas';
import { syncLogCsv } from '../../shared/directory-sync/sync-log-csv';

const base: SyncRun = {
  id: 'run-1',
  startedAt: '2026-12-01T09:00:00.000Z',
  finishedAt: '2026-12-01T09:00:02.000Z',
  trigger: 'service',
  by: 'service on sync01',
  dryRun: false,
  outcome: 'succeeded',
  counts: { created: 0, updated: 0, disabled: 1, unchanged: 0, problems: 0, users: 1 },
  failure: null,
};
const change: SyncLogEntry = {
  runId: 'run-1',
  at: base.finishedAt,
  kind: 'change',
  code: 'disable',
  name: 'Bram Jansen',
  email: 'bram@example.com',
  userDn: 'CN=Bram,DC=example,DC=com',
  detail: JSON.stringify({ group: 'Service desk', fields: { enabled: { from: true, to: false }, mobileLicense: { from: true, to: false } }, reason: 'removed-from-group', releasesMobileLicense: true }),
};
const failed: SyncRun = {
  ...base,
  id: 'run-2',
  outcome: 'failed',
  counts: { created: 0, updated: 0, disabled: 0, unchanged: 0, problems: 0, users: 0 },
  failure: { code: 'DIRECTORY_UNREACHABLE', detail: 'connect ECONNREFUSED 10.0.0.5:636', fields: { host: 'dc01.example.com:636' } },
};
const failure: SyncLogEntry = { runId: 'run-2', at: failed.finishedAt, kind: 'failure', code: 'DIRECTORY_UNREACHABLE', name: '', email: '', userDn: '', detail: 'connect ECONNREFUSED 10.0.0.5:636' };

async function rows(language: 'en' | 'nl') {
  const { t } = await translatorFor(language);
  const text = syncLogCsv(
    [
      { run: base, entries: [change] },
      { run: failed, entries: [failure] },
      // A corrupt detail reads as no changes, not as a crash or raw JSON.
      { run: { ...base, id: 'run-3' }, entries: [{ ...change, runId: 'run-3', detail: '{not json' }] },
    ],
    t,
    (iso) => iso,
  );
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}

describe('sync log CSV', () => {
  it('writes a change’s fields, reason and license, and a failure as its message with the server named', async () => {
    const [disabled, unreachable, corrupt] = await rows('en');
    expect(disabled).toMatchObject({ What: 'Disabled', Name: 'Bram Jansen', 'Technician group': 'Service desk', 'Started by': 'Service' });
    expect(disabled?.['Changes']).toBe('Enabled: yes → no; Mobile license: yes → no; no longer in a source group; mobile license released');
    expect(unreachable?.['What']).toBe('The directory server dc01.example.com:636 does not answer. Check the host name and port, and that this computer can reach it (firewall, VPN).');
    expect(unreachable?.['Outcome']).toBe('Failed, nothing changed');
    expect(corrupt).toMatchObject({ What: 'Disabled', Changes: '' });
  });

  it('is in Dutch for a Dutch reader', async () => {
    const [disabled, unreachable] = await rows('nl');
    expect(disabled?.['Wat']).toBe('Uitgeschakeld');
    expect(unreachable?.['Wat']).toBe('De directoryserver dc01.example.com:636 antwoordt niet. Controleer de hostnaam en poort, en of deze computer de server kan bereiken (firewall, VPN).');
  });
});
