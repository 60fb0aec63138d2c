/**
 * Directory sync end to end in the core, against a real OpenLDAP slapd (AD-shaped entries, LDAPS with a throwaway
 * CA) — on a local SQLite workspace and, through the unit-postgres project, on a team PostgreSQL workspace. Each test
 * has its own OU in the one server of this file, so tests do not see each other's users.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { runCli, type CliIo } from '../../electron/main/cli/run-cli';
import type { SourcesRead } from '../../electron/main/directory-sync/directory-reader';
import { openDirectory } from '../../electron/main/directory-sync/ldap/ldap-directory';
import { acquireSyncLock } from '../../electron/main/directory-sync/sync-lock';
import { SyncRunner, type OpenDirectory, type SyncRequest } from '../../electron/main/directory-sync/sync-runner';
import { Redactor } from '../../electron/main/logging/redactor';
import { SyncSchedule } from '../../electron/main/directory-sync/sync-schedule';
import { systemClock } from '../../electron/main/base/clock';
import type { DirectoryConnection, SyncPair } from '../../shared/directory-sync/schemas';
import { adGroup, adUser, organizationalUnit } from '../support/ldap/ad-fixture';
import { startSlapd, type Slapd } from '../support/ldap/slapd';
import { startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';
import { testWorkspaceTarget } from '../support/workspaces';

const tempDir = useTempDirs();
const ADMIN_PASSWORD = 'Harbour-Lantern-Quiet-49!';
const DEFAULT_PASSWORD = 'Welcome-Cedar-Harbour-2026';
const master = { sessionKey: 'master' };

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd();
}, 30_000);
afterAll(async () => {
  await slapd?.stop();
});

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

let ouCount = 0;

/** A fresh OU in the directory with People and Groups under it, and a core whose sync reads it. */
async function setUp(options: { pairs?: (ou: Directory) => SyncPair[]; connection?: Partial<DirectoryConnection>; mobile?: boolean } = {}) {
  const ou = organizationalUnit(slapd.baseDn, `t${process.pid}-${++ouCount}-${Date.now()}`);
  const people = organizationalUnit(ou.dn, 'People');
  const groups = organizationalUnit(ou.dn, 'Groups');
  await slapd.add([ou, people, groups]);
  const dataDir = tempDir();
  core = await startCore(dataDir);
  await core.auth.createFirstAdmin(master, { name: 'Mira', email: 'mira@example.com', password: ADMIN_PASSWORD });
  const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
  const field = await core.org.createGroup(master, { name: 'Field', parentId: null });
  const directory: Directory = { base: ou.dn, people: people.dn, groups: groups.dn, desk, field, deskDn: `cn=Desk,${groups.dn}`, fieldDn: `cn=Field,${groups.dn}` };
  const connection: DirectoryConnection = {
    kind: 'active-directory',
    host: slapd.host,
    port: slapd.ldapsPort,
    security: 'ldaps',
    caCertificate: slapd.caPem,
    bindDn: slapd.bindDn,
    baseDn: ou.dn,
    disabledAttribute: null,
    disabledValue: '',
    ...options.connection,
  };
  const pairs = options.pairs?.(directory) ?? [{ sourceDn: directory.deskDn, sourceName: 'Desk', groupId: desk }];
  await core.directorySync.save(master, {
    config: { connection, pairs, schedule: { everyMinutes: null }, newTechnicianLicenses: { standard: true, mobile: options.mobile ?? true } },
    bindPassword: slapd.bindPassword,
  });
  await core.directorySync.setDefaultPassword(master, DEFAULT_PASSWORD);
  return { core, directory, dataDir, connection };
}

interface Directory {
  readonly base: string;
  readonly people: string;
  readonly groups: string;
  readonly desk: number;
  readonly field: number;
  readonly deskDn: string;
  readonly fieldDn: string;
}

async function technicians(running: Core) {
  const tree = await running.org.tree(master);
  return tree.technicians.map(({ name, email, enabled, groupId, mobileLicense }) => ({ name, email, enabled, groupId, mobileLicense })).sort((a, b) => a.email.localeCompare(b.email));
}

describe('directory sync', () => {
  it('provisions the users of a source group, nested groups followed and a cycle survived, and keeps Name, Email and Status in step', async () => {
    const { core, directory } = await setUp();
    const ann = adUser({ ou: directory.people, cn: 'Ann Admin', displayName: 'Ann de Vries', mail: 'ann@example.com' });
    const bob = adUser({ ou: directory.people, cn: 'Bob Night', mail: 'bob@example.com' });
    const cas = adUser({ ou: directory.people, cn: 'Cas Off', mail: 'cas@example.com', disabled: true });
    const outsider = adUser({ ou: directory.people, cn: 'Olga Outside', mail: 'olga@example.com' });
    await slapd.add([ann, bob, cas, outsider]);
    // Desk holds Ann and the Nights group; Nights holds Bob, Cas and (a cycle) Desk again.
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Nights', members: [bob.dn, cas.dn] }));
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk', members: [ann.dn, `cn=Nights,${directory.groups}`] }));
    await slapd.modify(`cn=Nights,${directory.groups}`, { member: [bob.dn, cas.dn, directory.deskDn] });

    const first = await core.directorySync.syncNow(master);
    expect(first.run).toMatchObject({ outcome: 'succeeded', trigger: 'app', by: 'Mira', dryRun: false, counts: { created: 3, updated: 0, disabled: 0, users: 3 } });
    expect(await technicians(core)).toEqual([
      { name: 'Ann de Vries', email: 'ann@example.com', enabled: true, groupId: directory.desk, mobileLicense: true },
      { name: 'Bob Night', email: 'bob@example.com', enabled: true, groupId: directory.desk, mobileLicense: true },
      // Disabled in the directory: provisioned disabled, without a mobile license.
      { name: 'Cas Off', email: 'cas@example.com', enabled: false, groupId: directory.desk, mobileLicense: false },
    ]);
    // New technicians sign in with the default password once, then must choose their own.
    const signIn = await core.auth.signIn({ sessionKey: 'ann' }, { email: 'ann@example.com', password: DEFAULT_PASSWORD });
    expect(signIn.mustChangePassword).toBe(true);

    // Rename, email change, and nothing else: one update each, matched by objectGUID.
    await slapd.modify(ann.dn, { displayName: 'Ann Jansen' });
    await slapd.modify(bob.dn, { mail: 'bob.night@example.com' });
    await slapd.modify(cas.dn, { userAccountControl: '512' });
    const second = await core.directorySync.syncNow(master);
    expect(second.run.counts).toMatchObject({ created: 0, updated: 3, disabled: 0 });
    expect(second.changes.map((change) => [change.action, change.name, change.fields])).toEqual(
      expect.arrayContaining([
        ['update', 'Ann Jansen', { name: { from: 'Ann de Vries', to: 'Ann Jansen' } }],
        ['update', 'Bob Night', { email: { from: 'bob@example.com', to: 'bob.night@example.com' } }],
        ['enable', 'Cas Off', { enabled: { from: false, to: true } }],
      ]),
    );
    expect([first.directoryUnchangedSince, second.directoryUnchangedSince]).toEqual([null, null]);
    const third = await core.directorySync.syncNow(master);
    expect(third.run.counts).toMatchObject({ created: 0, updated: 0, disabled: 0, unchanged: 3 });
    expect(third.changes).toEqual([]);
    // Nothing changed in the directory since the second sync read it: the third planned from that read.
    expect(third.directoryUnchangedSince).not.toBeNull();
    expect(Date.parse(third.directoryUnchangedSince ?? '')).toBeLessThanOrEqual(Date.parse(second.run.finishedAt));

    // The workspace is read fresh all the same: a name changed in the app is set back to the directory's.
    const annId = (await core.org.tree(master)).technicians.find((one) => one.email === 'ann@example.com')?.id ?? '';
    const { nickname, email, ssoId, description, enabled, standardLicense, mobileLicense } = await core.org.technician(master, annId);
    await core.org.updateTechnician(master, { id: annId, name: 'Annie', nickname, email, ssoId, description, enabled, standardLicense, mobileLicense, newPassword: null });
    const fourth = await core.directorySync.syncNow(master);
    expect(fourth.directoryUnchangedSince).toBe(third.directoryUnchangedSince);
    expect(fourth.changes.map((change) => [change.action, change.fields])).toEqual([['update', { name: { from: 'Annie', to: 'Ann Jansen' } }]]);

    // A change anywhere in the directory moves its mark: the next run reads it again and sees the change.
    await slapd.modify(bob.dn, { displayName: 'Bob Nacht' });
    const fifth = await core.directorySync.syncNow(master);
    expect(fifth.directoryUnchangedSince).toBeNull();
    expect(fifth.changes.map((change) => [change.action, change.fields])).toEqual([['update', { name: { from: 'Bob Night', to: 'Bob Nacht' } }]]);
  });

  it('plans from a kept read only while the mark holds: a change during the read, or other settings, make the next run read in full', async () => {
    const { core, directory, connection } = await setUp();
    const kim = adUser({ ou: directory.people, cn: 'Kim', mail: 'kim@example.com' });
    await slapd.add(kim);
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk', members: [kim.dn] }));
    // The real LDAP session, with a hook at the end of its read (after the last entry came in, before the run
    // goes on) and every read frozen, so a run that changed a kept read would throw.
    let afterRead: (() => Promise<void>) | null = null;
    let fullReads = 0;
    const open: OpenDirectory = async (target, password, options) => {
      const session = await openDirectory(target, password, options);
      return {
        ...session,
        readSources: async (sourceDns, readOptions) => {
          const read = deepFreeze(await session.readSources(sourceDns, readOptions));
          fullReads += 1;
          const hook = afterRead;
          afterRead = null;
          await hook?.();
          return read;
        },
      };
    };
    const runner = new SyncRunner({ workspace: core.workspace, clock: systemClock, log: core.log, redactor: new Redactor(), openDirectory: open });
    const request: SyncRequest = { trigger: 'app', byName: 'Mira', actorId: null, session: 'test-runner', dryRun: false, bindPassword: slapd.bindPassword };

    // Kim is renamed just after the first run's read: the run creates her as read, under the mark from before.
    afterRead = () => slapd.modify(kim.dn, { displayName: 'Kim Later' });
    const first = await runner.run(request);
    expect(first.changes.map((change) => [change.action, change.name])).toEqual([['create', 'Kim']]);
    const second = await runner.run(request);
    expect(second.directoryUnchangedSince).toBeNull();
    expect(second.changes.map((change) => [change.action, change.fields])).toEqual([['update', { name: { from: 'Kim', to: 'Kim Later' } }]]);
    const third = await runner.run(request);
    expect(third.directoryUnchangedSince).not.toBeNull();
    expect(third.changes).toEqual([]);
    expect(fullReads).toBe(2);

    // Other settings with the directory untouched (the whole suffix as the base DN): read in full, same result.
    await core.directorySync.save(master, {
      config: { connection: { ...connection, baseDn: slapd.baseDn }, pairs: [{ sourceDn: directory.deskDn, sourceName: 'Desk', groupId: directory.desk }], schedule: { everyMinutes: null }, newTechnicianLicenses: { standard: true, mobile: true } },
      bindPassword: slapd.bindPassword,
    });
    const fourth = await runner.run(request);
    expect(fourth.directoryUnchangedSince).toBeNull();
    expect(fourth.run.counts).toMatchObject({ created: 0, updated: 0, disabled: 0, unchanged: 1 });
    expect(fullReads).toBe(3);
  });

  it('disables — never deletes — users disabled, removed from the group or deleted, and releases their mobile licenses', async () => {
    const { core, directory } = await setUp();
    const users = ['Dora', 'Evi', 'Finn', 'Gus'].map((cn) => adUser({ ou: directory.people, cn, mail: `${cn.toLowerCase()}@example.com` }));
    await slapd.add(users);
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk', members: users.map((user) => user.dn) }));
    await core.directorySync.syncNow(master);
    expect((await core.org.licenses(master)).mobile.inUse).toBe(4);

    const [dora, evi, finn] = users as [(typeof users)[number], (typeof users)[number], (typeof users)[number]];
    await slapd.modify(dora.dn, { userAccountControl: '514' });
    await slapd.modify(directory.deskDn, { member: users.filter((user) => user !== evi && user !== finn).map((user) => user.dn) });
    await slapd.delete(finn.dn);
    const report = await core.directorySync.syncNow(master);
    expect(report.changes.map((change) => [change.name, change.action, change.reason, change.releasesMobileLicense]).sort()).toEqual([
      ['Dora', 'disable', 'disabled-in-directory', true],
      ['Evi', 'disable', 'removed-from-group', true],
      ['Finn', 'disable', 'deleted', true],
    ]);
    const after = await technicians(core);
    expect(after.map((one) => [one.name, one.enabled, one.mobileLicense])).toEqual([
      ['Dora', false, false],
      ['Evi', false, false],
      ['Finn', false, false],
      ['Gus', true, true],
    ]);
    expect((await core.org.licenses(master)).mobile.inUse).toBe(1);
  });

  it('keeps a technician an administrator moved in its new group, still syncing its status', async () => {
    const { core, directory } = await setUp({
      pairs: (d) => [
        { sourceDn: d.deskDn, sourceName: 'Desk', groupId: d.desk },
        { sourceDn: d.fieldDn, sourceName: 'Field', groupId: d.field },
      ],
    });
    const hana = adUser({ ou: directory.people, cn: 'Hana', mail: 'hana@example.com' });
    const ivo = adUser({ ou: directory.people, cn: 'Ivo', mail: 'ivo@example.com' });
    await slapd.add([hana, ivo]);
    await slapd.add([adGroup({ ou: directory.groups, cn: 'Desk', members: [hana.dn, ivo.dn] }), adGroup({ ou: directory.groups, cn: 'Field' })]);
    await core.directorySync.syncNow(master);
    const nights = await core.org.createGroup(master, { name: 'Nights', parentId: null });
    const hanaId = (await core.org.tree(master)).technicians.find((one) => one.email === 'hana@example.com')?.id ?? '';
    await core.org.moveTechnician(master, { id: hanaId, groupId: nights });

    // Hana is disabled in the directory; Ivo (placed by the sync) moves from the Desk group to the Field group.
    await slapd.modify(hana.dn, { userAccountControl: '514' });
    await slapd.modify(directory.deskDn, { member: [hana.dn] });
    await slapd.modify(directory.fieldDn, { member: [ivo.dn] });
    await core.directorySync.syncNow(master);
    expect((await technicians(core)).map((one) => [one.name, one.groupId, one.enabled])).toEqual([
      ['Hana', nights, false],
      ['Ivo', directory.field, true],
    ]);
  });

  it('shows in a dry run what a sync would do, writes no technician, and keeps the dry run in the log', async () => {
    const { core, directory } = await setUp();
    const jan = adUser({ ou: directory.people, cn: 'Jan', mail: 'jan@example.com' });
    const nomail = adUser({ ou: directory.people, cn: 'No Mail' });
    await slapd.add([jan, nomail]);
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk', members: [jan.dn, nomail.dn] }));
    const dry = await core.directorySync.dryRun(master);
    expect(dry.run).toMatchObject({ dryRun: true, outcome: 'problems', counts: { created: 1, problems: 1 } });
    expect(dry.changes.map((change) => [change.action, change.email, change.groupName])).toEqual([['create', 'jan@example.com', 'Service desk']]);
    expect(dry.problems.map((problem) => [problem.code, problem.userDn])).toEqual([['no-email', nomail.dn]]);
    expect(await technicians(core)).toEqual([]);
    const runs = await core.directorySync.runs(master);
    expect(runs.map((run) => [run.dryRun, run.outcome])).toEqual([[true, 'problems']]);
    const entries = await core.directorySync.entries(master, dry.run.id);
    expect(entries.map((entry) => [entry.kind, entry.code, entry.email])).toEqual([
      ['change', 'create', 'jan@example.com'],
      ['problem', 'no-email', ''],
    ]);
  });

  it('logs a failure and changes nothing: bad bind password, unreachable server, wrong CA, missing source group', async () => {
    const { core, directory, connection } = await setUp();
    const kim = adUser({ ou: directory.people, cn: 'Kim', mail: 'kim@example.com' });
    await slapd.add(kim);
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk', members: [kim.dn] }));
    await core.directorySync.syncNow(master);
    await slapd.modify(kim.dn, { displayName: 'Kim Changed' });
    const save = (changes: Partial<DirectoryConnection>, bindPassword: string | null = null, pairs?: SyncPair[]) =>
      core.directorySync.save(master, {
        config: { connection: { ...connection, ...changes }, pairs: pairs ?? [{ sourceDn: directory.deskDn, sourceName: 'Desk', groupId: directory.desk }], schedule: { everyMinutes: null }, newTechnicianLicenses: { standard: true, mobile: true } },
        bindPassword,
      });
    const failures: string[] = [];
    const attempt = async () => {
      await core.directorySync.syncNow(master).then(
        () => failures.push('succeeded'),
        (error: { code?: string }) => failures.push(error.code ?? 'thrown'),
      );
    };
    await save({}, 'Not-The-Password-1');
    await attempt();
    await save({ port: await closedPort() }, slapd.bindPassword);
    await attempt();
    await save({ caCertificate: slapd.wrongCaPem }, slapd.bindPassword);
    await attempt();
    await save({}, slapd.bindPassword, [{ sourceDn: `cn=Gone,${directory.groups}`, sourceName: 'Gone', groupId: directory.desk }]);
    await attempt();
    expect(failures).toEqual(['DIRECTORY_BIND_FAILED', 'DIRECTORY_UNREACHABLE', 'DIRECTORY_TLS', 'DIRECTORY_GROUP_MISSING']);
    expect((await technicians(core)).map((one) => one.name)).toEqual(['Kim']);
    const runs = await core.directorySync.runs(master);
    expect(runs.slice(0, 4).map((run) => [run.outcome, run.failure?.code]).reverse()).toEqual(failures.map((code) => ['failed', code]));
    // The bind password is in no log entry of a failure.
    for (const run of runs) expect(JSON.stringify(run)).not.toContain('Not-The-Password-1');
  });

  it('syncs on its schedule while the app runs, as the workstation, and stops when the schedule is turned off', async () => {
    const { core: running, directory, connection } = await setUp();
    const timo = adUser({ ou: directory.people, cn: 'Timo', mail: 'timo@example.com' });
    await slapd.add([timo, adGroup({ ou: directory.groups, cn: 'Desk', members: [timo.dn] })]);
    const { services } = running.workspaces.current;
    // A minute of the schedule lasts 40 ms here: every 5 minutes is every 200 ms.
    const schedule = new SyncSchedule({ workspace: services.workspace, vault: services.vault, runner: services.syncRunner, log: services.log, clock: systemClock, minuteMs: 40 });
    try {
      expect(schedule.nextRunAt()).toBeNull();
      const config = { connection, pairs: [{ sourceDn: directory.deskDn, sourceName: 'Desk', groupId: directory.desk }], schedule: { everyMinutes: 5 }, newTechnicianLicenses: { standard: true, mobile: true } };
      // Past the IPC edge too, a schedule the app does not offer (under 5 minutes) is refused, not stored to read as unset.
      await expect(running.directorySync.save(master, { config: { ...config, schedule: { everyMinutes: 2 } }, bindPassword: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await running.directorySync.save(master, { config, bindPassword: null });
      await expect.poll(() => schedule.nextRunAt(), { timeout: 5_000 }).not.toBeNull();
      await expect.poll(async () => (await running.directorySync.runs(master)).filter((run) => run.trigger === 'schedule' && !run.dryRun).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(await technicians(running)).toEqual([{ name: 'Timo', email: 'timo@example.com', enabled: true, groupId: directory.desk, mobileLicense: true }]);
      const scheduled = (await running.directorySync.runs(master)).filter((run) => run.trigger === 'schedule');
      expect(scheduled.map((run) => run.outcome)).toEqual(scheduled.map(() => 'succeeded'));
      // Only the first scheduled run created Timo; the later ones found nothing to change.
      expect(scheduled.reduce((sum, run) => sum + run.counts.created, 0)).toBe(1);

      await running.directorySync.save(master, { config: { ...config, schedule: { everyMinutes: null } }, bindPassword: null });
      await expect.poll(() => schedule.nextRunAt(), { timeout: 5_000 }).toBeNull();
      const before = (await running.directorySync.runs(master)).length;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await running.directorySync.runs(master)).length).toBe(before);
    } finally {
      await schedule.stop();
    }
  });

  it('lets one sync run at a time for a workspace: another holder’s lease refuses it, naming the holder, until released', async () => {
    const { core, directory } = await setUp();
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk' }));
    const held = await acquireSyncLock(core.workspace, 'service:other-host:1', 'service on other-host', () => undefined);
    await expect(core.directorySync.syncNow(master)).rejects.toMatchObject({ code: 'DIRECTORY_SYNC_RUNNING', fields: { by: 'service on other-host' } });
    // A dry run writes no technician: it neither waits for nor holds off a sync.
    await expect(core.directorySync.dryRun(master)).resolves.toMatchObject({ run: { dryRun: true } });
    await held.release();
    await expect(core.directorySync.syncNow(master)).resolves.toMatchObject({ run: { outcome: 'succeeded' } });
    // The refusal is not a directory failure: the log holds the dry run and the sync only.
    expect((await core.directorySync.runs(master)).map((run) => run.dryRun)).toEqual([false, true]);
  });

  it('runs headless with the service token, refuses a revoked one, and syncs on this backend', async () => {
    const { core: running, directory, dataDir } = await setUp();
    const lea = adUser({ ou: directory.people, cn: 'Lea', mail: 'lea@example.com' });
    await slapd.add(lea);
    await slapd.add(adGroup({ ou: directory.groups, cn: 'Desk', members: [lea.dn] }));
    const { token } = await running.directorySync.generateToken(master);
    const target = await testWorkspaceTarget(dataDir);
    const workspaceArg = target.kind === 'local' ? target.file : `postgres://${target.connection.user}@${target.connection.host}:${target.connection.port}/${target.connection.database}?sslmode=disable`;
    const env = { MSP_ROSTER_SERVICE_TOKEN: token, MSP_ROSTER_BIND_PASSWORD: slapd.bindPassword, ...(target.kind === 'team' ? { PGPASSWORD: target.password } : {}) };
    const run = async (args: string[], environment: Record<string, string>) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { env: environment, readStdin: async () => '', err: (text) => err.push(text) };
      const code = await runCli(['sync-directory', '--workspace', workspaceArg, ...args], (text) => out.push(text), io);
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    const dry = await run(['--dry-run'], env);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toContain('would create: Lea <lea@example.com> → Service desk');
    expect(await technicians(running)).toEqual([]);

    const real = await run(['--json'], env);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.out)).toMatchObject({ run: { trigger: 'service', counts: { created: 1 } } });
    expect((await technicians(running)).map((one) => one.email)).toEqual(['lea@example.com']);
    expect((await running.directorySync.settings(master)).serviceToken?.lastUsedAt).not.toBeNull();

    await running.directorySync.revokeToken(master);
    const refused = await run([], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('SERVICE_TOKEN_INVALID');
  });
});

/** The read as the run gets it, frozen all the way down (Sets and Maps are not: the planner only reads them). */
function deepFreeze(read: SourcesRead): SourcesRead {
  for (const source of read.sources) {
    for (const user of source.users) Object.freeze(user);
    Object.freeze(source.users);
    Object.freeze(source);
  }
  Object.freeze(read.sources);
  return Object.freeze(read);
}

/** A loopback port nobody listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 1;
      server.close(() => resolve(port));
    });
  });
}
