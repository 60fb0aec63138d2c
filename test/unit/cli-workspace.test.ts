/**
 * The headless CLI on real workspace files: what `workspace info`, `migrate` and `check` tell an administrator.
 * SQLite only (not in `unit-postgres`): it opens, ages and corrupts workspace files with better-sqlite3 directly.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../electron/main/cli/cli-error';
import { runCli } from '../../electron/main/cli/run-cli';
import { defaultDataDir } from '../../electron/main/cli/workspace-location';
import { MIGRATIONS } from '../../electron/main/db/migrations';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';

async function cli(...args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(args, (text) => lines.push(text));
  return { code, text: lines.join('\n') };
}

/** A workspace the app made: one Master Administrator, two companies, 7 seats. */
async function appWorkspace(): Promise<string> {
  const dataDir = tempDir();
  const core = await startCore(dataDir);
  const admin = await core.auth.createFirstAdmin({ sessionKey: 'setup' }, { name: 'Mira', email: 'mira@example.com', password: PASSWORD });
  await core.directory.create('Bakker Bouw', admin.adminId);
  await core.directory.create('Çelik Transport', admin.adminId);
  await core.licenses.setSeats(7);
  await core.close();
  return join(dataDir, 'workspace.sqlite');
}

describe('msp-roster workspace', () => {
  it('info names the file, the schema step and what it holds, as text and as JSON', async () => {
    const file = await appWorkspace();
    const { code, text } = await cli('workspace', 'info', '--workspace', file);
    expect(code).toBe(0);
    expect(text).toContain(`${file} (local, SQLite)`);
    expect(text).toContain(`step ${MIGRATIONS.length} (up to date)`);
    expect(text).toMatch(/Licenses\s+0 of 7 seats in use/);
    expect(text).toMatch(/managed_companies\s+2/);
    expect(text).toMatch(/Lock autotask\s+free/);
    const json = JSON.parse((await cli('workspace', 'info', '--workspace', file, '--json')).text) as { contents: { counts: Record<string, number> } };
    expect(json.contents.counts).toMatchObject({ administrators: 1, managed_companies: 2, managed_users: 0 });
  });

  it('a folder stands for the workspace file inside it', async () => {
    const file = await appWorkspace();
    expect((await cli('workspace', 'check', '--workspace', join(file, '..'))).code).toBe(0);
  });

  it('an older schema: info and check say to migrate and change nothing, migrate applies the missing steps once, then check passes', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const { workspace } = await SqliteWorkspace.open({ file, migrations: MIGRATIONS.slice(0, 3) });
    await workspace.close();
    expect((await cli('workspace', 'info', '--workspace', file)).text).toContain(`step 3 of ${MIGRATIONS.length}: run "workspace migrate"`);
    const before = await cli('workspace', 'check', '--workspace', file);
    expect(before.code).toBe(1);
    expect(before.text).toContain('run "workspace migrate"');
    expect((await cli('workspace', 'migrate', '--workspace', file)).text).toContain(`applied schema steps ${MIGRATIONS.slice(3).map((step) => step.id).join(', ')}; now at step ${MIGRATIONS.length}`);
    expect((await cli('workspace', 'migrate', '--workspace', file)).text).toContain('nothing to do');
    expect(await cli('workspace', 'check', '--workspace', file)).toMatchObject({ code: 0, text: expect.stringContaining('No problems found.') as unknown });
  });

  it('check finds rows that point at nothing and licenses beyond the seats, one line each', async () => {
    const file = await appWorkspace();
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO managed_users (id, managed_company_id, name, email, email_key, status, has_license, created_at, updated_at) VALUES ('u1', 'gone', 'Ann', 'ann@x.nl', 'ann@x.nl', 'active', 1, 'now', 'now')").run();
    db.prepare("UPDATE workspace_settings SET value = '0' WHERE key = 'license_seats'").run();
    db.close();
    const { code, text } = await cli('workspace', 'check', '--workspace', file);
    expect(code).toBe(1);
    expect(text).toContain('2 problem(s)');
    expect(text).toContain('managed_users row');
    expect(text).toContain('1 users hold a license, but the workspace has 0 seats.');
  });

  it('refuses, in one line, a missing file, a newer schema and a command it does not know', async () => {
    const missing = join(tempDir(), 'nope.sqlite');
    await expect(cli('workspace', 'info', '--workspace', missing)).rejects.toThrow(`No workspace at ${missing}`);
    const file = await appWorkspace();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (99, 'from-the-future', 'x', 'now')").run();
    db.close();
    await expect(cli('workspace', 'check', '--workspace', file)).rejects.toThrow(/newer version of MSP Roster/);
    await expect(cli('workspace', 'explode')).rejects.toMatchObject({ exitCode: 2 } satisfies Partial<CliError>);
    await expect(cli('workspace', 'info', '--workspace', 'postgres://mira:secret@db.example/roster')).rejects.toThrow(/Leave the password out of the workspace URL/);
  });

  it('finds the local workspace where Electron keeps the app data on each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/MSP Roster');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/MSP Roster');
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/MSP Roster');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toContain('MSP Roster');
  });

  it('runs as a command: exit code 1 and the problem on stdout when check fails, 2 for a bad command line', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const { workspace } = await SqliteWorkspace.open({ file, migrations: MIGRATIONS.slice(0, 2) });
    await workspace.close();
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    expect(await run('workspace', 'check', '--workspace', file)).toMatchObject({ code: 1, stdout: expect.stringContaining('run "workspace migrate"') as unknown });
    expect(await run('workspace', 'frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command') as unknown });
  }, 30_000);
});
