/**
 * The headless CLI on team workspaces, against a real PostgreSQL server: `workspace info | migrate | check`
 * on a postgres:// URL, `create-team`, `move-to-team`, and one clear line for each way a connection fails.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../electron/main/cli/cli-error';
import { runCli, type CliIo } from '../../electron/main/cli/run-cli';
import { connectionFailureLine } from '../../electron/main/cli/connection-failures';
import { parseTeamUrl } from '../../electron/main/cli/team-url';
import { MIGRATIONS } from '../../electron/main/db/migrations';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { WorkspaceError, type Workspace } from '../../electron/main/db/workspace';
import { workspaceChecksums } from '../../electron/main/db/workspace-copy';
import { createFileLogger, Redactor } from '../../electron/main/logging/logger';
import { createMemoryStore } from '../../electron/main/preferences/memory-store';
import { createServices } from '../../electron/main/services/create-services';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { startCore } from '../support/core';
import { TEST_PASSWORD_HASH_COST } from '../support/password-cost';
import { usePgCluster } from '../support/postgres/use-cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const ADMIN_PASSWORD = 'Harbour-Lantern-Quiet-49!';

const cluster = usePgCluster();

const urlOf = (database: string, query = 'sslmode=disable', port = cluster().port) => `postgres://${cluster().user}@127.0.0.1:${port}/${database}?${query}`;

function ioWith(env: Record<string, string>, stdin = ''): CliIo {
  return { env, readStdin: async () => stdin };
}

async function cli(io: CliIo, ...args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(args, (text) => lines.push(text), io);
  return { code, text: lines.join('\n') };
}

/** The CLI's one line for a refusal (a CliError), with its exit code. */
async function refusal(io: CliIo, ...args: string[]): Promise<{ exitCode: number; message: string }> {
  const error = await cli(io, ...args).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CliError);
  const { exitCode, message } = error as CliError;
  return { exitCode, message };
}

const withDbPassword = () => ioWith({ PGPASSWORD: cluster().password });

async function teamWorkspace(database: string): Promise<Workspace> {
  return (await PostgresWorkspace.open({ connection: { host: cluster().host, port: cluster().port, user: cluster().user, password: cluster().password, database }, migrate: false })).workspace;
}

async function signIn(workspace: Workspace, email: string, password: string) {
  const dataDir = tempDir();
  const redactor = new Redactor();
  const services = createServices({ workspace, cipher: new EphemeralCipher(), settings: createMemoryStore(), log: createFileLogger({ dataDir, redactor, echo: false }), redactor, dataDir, passwordHashCost: TEST_PASSWORD_HASH_COST });
  try {
    return { session: await services.auth.signIn({ sessionKey: 'check' }, { email, password }), companies: await services.directory.list() };
  } finally {
    await services.close();
  }
}

function run(args: readonly string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/cli/main.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PGPASSWORD: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('msp-roster workspace on a PostgreSQL URL', () => {
  it('info, check and migrate: an empty database says to migrate, migrate applies every step once, then check passes', async () => {
    const database = await cluster().createDatabase('cli');
    const url = urlOf(database);
    const io = withDbPassword();
    const info = await cli(io, 'workspace', 'info', '--workspace', url);
    expect(info.text).toContain(`${cluster().user}@127.0.0.1:${cluster().port}/${database} (team, PostgreSQL)`);
    expect(info.text).toContain(`step 0 of ${MIGRATIONS.length}: run "workspace migrate"`);
    expect(await cli(io, 'workspace', 'check', '--workspace', url)).toMatchObject({ code: 1, text: expect.stringContaining('run "workspace migrate"') as unknown });
    expect((await cli(io, 'workspace', 'migrate', '--workspace', url)).text).toContain(`applied schema steps ${MIGRATIONS.map((step) => step.id).join(', ')}; now at step ${MIGRATIONS.length}`);
    expect((await cli(io, 'workspace', 'migrate', '--workspace', url)).text).toContain('nothing to do');
    const check = await cli(io, 'workspace', 'check', '--workspace', url);
    expect(check).toMatchObject({ code: 0, text: expect.stringContaining('No problems found.') as unknown });
    expect(check.text).toMatch(/managed_companies\s+0/);
    const json = JSON.parse((await cli(io, 'workspace', 'info', '--workspace', url, '--json')).text) as { location: unknown; contents: { counts: Record<string, number> } };
    expect(json.location).toEqual({ kind: 'postgres', connection: { host: '127.0.0.1', port: cluster().port, database, user: cluster().user, tls: 'disable', caFile: null }, connectTimeoutMs: null });
    expect(JSON.stringify(json)).not.toContain(cluster().password);
    expect(json.contents.counts).toMatchObject({ administrators: 0, managed_companies: 0 });
  }, 60_000);

  it('check on a team workspace finds licenses beyond the seats', async () => {
    const database = await cluster().createDatabase('cli');
    const io = withDbPassword();
    await cli(io, 'workspace', 'migrate', '--workspace', urlOf(database));
    await cluster().sql(
      database,
      `INSERT INTO managed_companies VALUES ('c1', 'Bakker', 'now', NULL, 'manual');
       INSERT INTO managed_users VALUES ('u1', 'c1', 'Ann', 'ann@x.nl', 'ann@x.nl', 'active', 1, 'now', 'now');
       INSERT INTO workspace_settings VALUES ('license_seats', '0');`,
    );
    const { code, text } = await cli(io, 'workspace', 'check', '--workspace', urlOf(database));
    expect(code).toBe(1);
    expect(text).toContain('1 users hold a license, but the workspace has 0 seats.');
  }, 30_000);
});

describe('msp-roster workspace create-team', () => {
  it('migrates an empty database and creates the first Master Administrator, who then signs in through the services', async () => {
    const database = await cluster().createDatabase('team');
    const io = ioWith({ PGPASSWORD: cluster().password, MSP_ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const { code, text } = await cli(io, 'workspace', 'create-team', '--workspace', urlOf(database), '--admin-name', 'Mira de Vries', '--admin-email', 'mira@example.com');
    expect(code).toBe(0);
    expect(text).toContain(`created at schema step ${MIGRATIONS.length}, with Master Administrator Mira de Vries <mira@example.com>`);
    const team = await teamWorkspace(database);
    const { session, companies } = await signIn(team, 'MIRA@example.com', ADMIN_PASSWORD);
    expect(session).toMatchObject({ name: 'Mira de Vries', role: 'master_admin', mustChangePassword: false });
    expect(companies).toEqual([]);
    await team.close();
    // Once is enough: the database now holds a workspace with an administrator.
    const again = await refusal(io, 'workspace', 'create-team', '--workspace', urlOf(database), '--admin-name', 'Eva', '--admin-email', 'eva@example.com');
    expect(again).toMatchObject({ exitCode: 1, message: expect.stringMatching(/^Refused: the database .* is not empty \(it has administrator_groups, administrators, audit_log/) as unknown });
  }, 60_000);

  it('refuses a database with other tables, and a weak administrator password before touching the database', async () => {
    const database = await cluster().createDatabase('team');
    const io = ioWith({ PGPASSWORD: cluster().password, MSP_ROSTER_ADMIN_PASSWORD: 'password1' });
    const weak = await refusal(io, 'workspace', 'create-team', '--workspace', urlOf(database), '--admin-name', 'Mira', '--admin-email', 'mira@example.com');
    expect(weak.message).toMatch(/does not meet the password policy: at least 10 characters/);
    expect((await cluster().sql(database, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]).toEqual({ n: 0 });
    await cluster().sql(database, 'CREATE TABLE invoices (id INT)');
    const strong = ioWith({ PGPASSWORD: cluster().password, MSP_ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const other = await refusal(strong, 'workspace', 'create-team', '--workspace', urlOf(database), '--admin-name', 'Mira', '--admin-email', 'mira@example.com');
    expect(other).toMatchObject({ exitCode: 1, message: expect.stringContaining('is not empty (it has invoices)') as unknown });
    expect((await refusal(strong, 'workspace', 'create-team', '--workspace', urlOf(database), '--admin-name', 'Mira', '--admin-email', 'not-an-email')).message).toContain('Enter a valid email address');
  }, 30_000);

  it('runs as a command with both passwords on stdin (--password-stdin), so neither is on the command line', async () => {
    const database = await cluster().createDatabase('team');
    const args = ['workspace', 'create-team', '--workspace', urlOf(database), '--password-stdin', '--admin-name', 'Joost', '--admin-email', 'joost@example.com'];
    const result = await run(args, {}, `${cluster().password}\n${ADMIN_PASSWORD}\n`);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('with Master Administrator Joost <joost@example.com>') as unknown });
    const team = await teamWorkspace(database);
    expect((await signIn(team, 'joost@example.com', ADMIN_PASSWORD)).session.name).toBe('Joost');
    await team.close();
  }, 60_000);
});

/** A workspace the app made: one Master Administrator, three companies, 7 seats. */
async function appWorkspace(): Promise<{ dataDir: string; file: string }> {
  const dataDir = tempDir();
  const core = await startCore(dataDir);
  const admin = await core.auth.createFirstAdmin({ sessionKey: 'setup' }, { name: 'Mira', email: 'mira@example.com', password: ADMIN_PASSWORD });
  for (const name of ['Bakker Bouw', 'Çelik Transport', 'De Vries & Zn']) await core.directory.create(name, admin.adminId);
  await core.licenses.setSeats(7);
  await core.close();
  return { dataDir, file: join(dataDir, 'workspace.sqlite') };
}

describe('msp-roster workspace move-to-team', () => {
  it('copies the local workspace into an empty database, prints the verified table report, keeps a backup; the team then signs in with the same administrator', async () => {
    const { dataDir, file } = await appWorkspace();
    const database = await cluster().createDatabase('move');
    const progress: string[] = [];
    const { code, text } = await cli({ ...withDbPassword(), progress: (line) => progress.push(line) }, 'workspace', 'move-to-team', '--from', dataDir, '--workspace', urlOf(database));
    expect(code).toBe(0);
    expect(progress[0]).toMatch(/^\rCopying… 0% \(0 of \d+ rows\)$/);
    expect(progress.at(-1)).toMatch(/^\rCopying… 100% \((\d+) of \1 rows\)\n$/);
    expect(text).toContain(`Moved ${file} (local, SQLite) into ${cluster().user}@127.0.0.1:${cluster().port}/${database} (team, PostgreSQL)`);
    expect(text).toMatch(/managed_companies\s+3\s+[0-9a-f]{16}/);
    expect(text).toMatch(/administrators\s+1\s+[0-9a-f]{16}/);
    const backup = /kept as a backup: (.+)$/m.exec(text)?.[1];
    expect(backup).toMatch(/workspace\.before-team-\d{8}-\d{6}\.sqlite$/);
    expect(existsSync(backup!)).toBe(true);

    const { workspace: local } = await SqliteWorkspace.open({ file, migrate: false });
    const { workspace: copy } = await SqliteWorkspace.open({ file: backup!, migrate: false });
    const team = await teamWorkspace(database);
    const sums = await workspaceChecksums(local);
    expect(await workspaceChecksums(team)).toEqual(sums);
    expect(await workspaceChecksums(copy)).toEqual(sums);
    const { session, companies } = await signIn(team, 'mira@example.com', ADMIN_PASSWORD);
    expect(session.role).toBe('master_admin');
    expect(companies.map((company) => company.name).sort()).toEqual(['Bakker Bouw', 'De Vries & Zn', 'Çelik Transport']);
    const signedIn = await workspaceChecksums(team);
    await Promise.all([local.close(), copy.close(), team.close()]);

    // A second move into the same (now filled) database is refused and changes nothing.
    const again = await refusal(withDbPassword(), 'workspace', 'move-to-team', '--from', file, '--workspace', urlOf(database));
    expect(again).toMatchObject({ exitCode: 1, message: expect.stringContaining('is not empty') as unknown });
    const after = await teamWorkspace(database);
    expect(await workspaceChecksums(after)).toEqual(signedIn);
    await after.close();
  }, 60_000);

  it('takes a migrated but unused team workspace as empty (an earlier run that stopped before writing anything)', async () => {
    const { file } = await appWorkspace();
    const database = await cluster().createDatabase('move');
    await cli(withDbPassword(), 'workspace', 'migrate', '--workspace', urlOf(database));
    expect((await cli(withDbPassword(), 'workspace', 'move-to-team', '--from', file, '--workspace', urlOf(database))).code).toBe(0);
  }, 60_000);

  it('refuses a local workspace on an older schema before touching the team database', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const { workspace } = await SqliteWorkspace.open({ file, migrations: MIGRATIONS.slice(0, 3) });
    await workspace.close();
    const database = await cluster().createDatabase('move');
    const old = await refusal(withDbPassword(), 'workspace', 'move-to-team', '--from', file, '--workspace', urlOf(database));
    expect(old).toMatchObject({ exitCode: 1, message: `The local workspace is at schema step 3 of ${MIGRATIONS.length}: run "workspace migrate --workspace ${file}" (or open it in MSP Roster) first.` });
    expect((await cluster().sql(database, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]).toEqual({ n: 0 });
  }, 30_000);

  it('runs as a command: exit code 1 and one line on stderr when the target is not empty', async () => {
    const { file } = await appWorkspace();
    const database = await cluster().createDatabase('move');
    await cluster().sql(database, 'CREATE TABLE invoices (id INT)');
    const result = await run(['workspace', 'move-to-team', '--from', file, '--workspace', urlOf(database)], { PGPASSWORD: cluster().password });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('is not empty (it has invoices)');
    expect(existsSync(join(file, '..'))).toBe(true);
  }, 60_000);
});

describe('connecting to a team workspace', () => {
  it('says in one line why it cannot: authentication failed, unreachable, database missing, TLS failure', async () => {
    const database = await cluster().createDatabase('conn');
    const wrong = await refusal(ioWith({ PGPASSWORD: 'not-the-password' }), 'workspace', 'info', '--workspace', urlOf(database));
    expect(wrong).toMatchObject({ exitCode: 1, message: expect.stringMatching(new RegExp(`^Authentication failed for user "${cluster().user}" on 127.0.0.1:${cluster().port}/${database}`)) as unknown });
    const closedPort = cluster().port === 1 ? 2 : 1;
    expect((await refusal(withDbPassword(), 'workspace', 'info', '--workspace', urlOf(database, 'sslmode=disable', closedPort))).message).toMatch(
      new RegExp(`^Unreachable: no PostgreSQL server answers at 127.0.0.1:${closedPort}`),
    );
    expect((await refusal(withDbPassword(), 'workspace', 'check', '--workspace', urlOf('no_such_db'))).message).toMatch(/^Database missing: .* has no database "no_such_db"/);
    expect((await refusal(withDbPassword(), 'workspace', 'info', '--workspace', urlOf(database, 'sslmode=require'))).message).toMatch(/^TLS failure connecting to 127.0.0.1/);
    for (const message of [wrong.message]) expect(message).not.toContain('\n');
  }, 30_000);

  it('says so when the schema is newer than this app, or the server too old', async () => {
    const database = await cluster().createDatabase('conn');
    await cli(withDbPassword(), 'workspace', 'migrate', '--workspace', urlOf(database));
    await cluster().sql(database, "INSERT INTO schema_migrations VALUES (99, 'from-the-future', 'x', 'now')");
    expect((await refusal(withDbPassword(), 'workspace', 'info', '--workspace', urlOf(database))).message).toMatch(/^Schema newer than this app: .* was last opened by a newer version of MSP Roster/);
    const team = parseTeamUrl(urlOf(database)).connection;
    const tooOld = new WorkspaceError('The PostgreSQL server is version 12.4; team workspaces need PostgreSQL 13 or newer.', 'server-too-old');
    expect(connectionFailureLine(team, tooOld)).toBe(`Server too old: The PostgreSQL server is version 12.4; team workspaces need PostgreSQL 13 or newer. Upgrade the server at 127.0.0.1:${cluster().port}, or use another one.`);
  }, 30_000);

  it('refuses a password in the URL, and asks for one when none is given', async () => {
    const database = await cluster().createDatabase('conn');
    const inUrl = await refusal(withDbPassword(), 'workspace', 'info', '--workspace', `postgres://${cluster().user}:${cluster().password}@127.0.0.1:${cluster().port}/${database}?sslmode=disable`);
    expect(inUrl).toMatchObject({ exitCode: 2, message: expect.stringContaining('Leave the password out of the workspace URL') as unknown });
    expect(inUrl.message).toContain('PGPASSWORD');
    expect(inUrl.message).not.toContain(cluster().password);
    expect(await refusal(ioWith({}), 'workspace', 'info', '--workspace', urlOf(database))).toMatchObject({ exitCode: 2, message: expect.stringContaining('set the PGPASSWORD') as unknown });
    // --password-stdin reads it from stdin instead.
    expect((await cli(ioWith({}, `${cluster().password}\n`), 'workspace', 'info', '--password-stdin', '--workspace', urlOf(database))).code).toBe(0);
  }, 30_000);

  it('runs as a command: a wrong password is one line on stderr and exit code 1', async () => {
    const database = await cluster().createDatabase('conn');
    const result = await run(['workspace', 'check', '--workspace', urlOf(database)], { PGPASSWORD: 'wrong' });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^Authentication failed for user .*\n$/);
  }, 30_000);
});

describe('reading a team workspace URL', () => {
  it('takes user, host, port, database and the TLS mode and CA file; the password never', () => {
    expect(parseTeamUrl('postgres://roster@db.example.nl/msp_roster')).toEqual({
      connection: { host: 'db.example.nl', port: 5432, database: 'msp_roster', user: 'roster', tls: 'verify-full', caFile: null },
      connectTimeoutMs: null,
    });
    expect(parseTeamUrl('postgresql://app%40corp@[::1]:6543/team%20db?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=5')).toEqual({
      connection: { host: '::1', port: 6543, database: 'team db', user: 'app@corp', tls: 'verify-full', caFile: '/etc/ca.pem' },
      connectTimeoutMs: 5000,
    });
    expect(parseTeamUrl('postgres://u@h/d?sslmode=require').connection.tls).toBe('require');
    for (const [url, message] of [
      ['postgres://u:secret@h/d', 'Leave the password out'],
      ['postgres://h/d', 'Name the database user'],
      ['postgres://u@h/', 'Name one database'],
      ['postgres://u@h/d?sslmode=prefer', 'sslmode=prefer is not supported'],
      ['postgres://u@h/d?sslmode=require&sslrootcert=/ca.pem', 'sslrootcert is used with sslmode=verify-full only'],
      ['postgres://u@h/d?options=-c', 'Unknown option "options"'],
      ['postgres://u@h/d?connect_timeout=soon', 'connect_timeout is a whole number'],
    ] as const) {
      expect(() => parseTeamUrl(url), url).toThrow(message);
    }
  });
});
