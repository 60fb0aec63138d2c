/**
 * Kill the apply at random points in a child process, check the workspace is consistent, then finish the job.
 * SQLite only (not in `unit-postgres`): it is about a SQLite file a killed process was writing (WAL recovery,
 * integrity_check); the same on a team database is the multi-process PostgreSQL suite's SIGKILL test.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { applyImport } from '../../electron/main/import/apply-import';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import { syntheticImport } from '../support/import-fixtures';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const COMPANIES = 1500;
const PER_COMPANY = 5;

/** Starts the runner and SIGKILLs it `afterMs` after it began applying; resolves with whether it had finished. */
async function runAndKill(file: string, afterMs: number): Promise<boolean> {
  // Node itself, not the tsx wrapper: SIGKILL must reach the process doing the work.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/apply-runner.ts', file, String(COMPANIES), String(PER_COMPANY)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let finished = false;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'started') setTimeout(() => child.kill('SIGKILL'), afterMs);
    if (line === 'finished') finished = true;
  }
  await exited;
  return finished;
}

function integrity(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
      importedWithoutMapping: db.prepare("SELECT COUNT(*) FROM managed_companies WHERE origin = 'psa-import' AND id NOT IN (SELECT managed_company_id FROM company_mappings)").pluck().get(),
      usersWithoutMapping: db.prepare('SELECT COUNT(*) FROM managed_users WHERE id NOT IN (SELECT user_id FROM contact_mappings)').pluck().get(),
      companies: db.prepare('SELECT COUNT(*) FROM managed_companies').pluck().get() as number,
      users: db.prepare('SELECT COUNT(*) FROM managed_users').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('crash safety of the apply', () => {
  it('stays consistent when killed at random points, and a re-run finishes without duplicates', async () => {
    const file = join(tempDir(), 'workspace.sqlite');
    await (await SqliteWorkspace.open({ file })).workspace.close();
    const seen: number[] = [];
    for (const afterMs of [20 + Math.random() * 150, 150 + Math.random() * 250, 300 + Math.random() * 400]) {
      const finished = await runAndKill(file, afterMs);
      const state = integrity(file);
      expect(state).toMatchObject({ integrity: 'ok', foreignKeyViolations: 0, importedWithoutMapping: 0, usersWithoutMapping: 0 });
      // Whole companies only: a batch is all or nothing, and every company brings its users.
      expect(state.users).toBe(state.companies * PER_COMPANY);
      seen.push(state.companies);
      console.log(`[crash test] killed after ${Math.round(afterMs)} ms: ${state.companies} of ${COMPANIES} companies applied${finished ? ' (had finished)' : ''}`);
      if (finished) break;
    }
    expect(seen.some((companies) => companies > 0 && companies < COMPANIES)).toBe(true);

    const { workspace } = await SqliteWorkspace.open({ file });
    const locks = new IntegrationLocks(workspace);
    await locks.forceRelease('autotask', 'master'); // the killed runner never released its lock
    const acquired = await locks.acquire('autotask', { adminId: 'admin-1', name: 'Ann', session: 'rerun' });
    if (!acquired.ok) throw new Error('lock');
    const { fetched, plan } = syntheticImport(COMPANIES, PER_COMPANY);
    const results = await applyImport(plan, fetched, { workspace, locks, lock: acquired.lock, session: 'rerun', actorId: 'admin-1', psa: 'autotask' });
    await workspace.close();
    expect(results.companies.every((c) => c.outcome === 'created' || c.outcome === 'mapped')).toBe(true);
    expect(results.companies.filter((c) => c.outcome === 'mapped')).toHaveLength(seen.at(-1)!);
    expect(integrity(file)).toMatchObject({ integrity: 'ok', foreignKeyViolations: 0, companies: COMPANIES, users: COMPANIES * PER_COMPANY });
  }, 60_000);
});
