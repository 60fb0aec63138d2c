/**
 * Import technicians, applied (TechnicianImportService): on the local SQLite workspace and, through the
 * unit-postgres project, on a team PostgreSQL workspace. Scrypt's cost is lowered here only (the bench uses
 * production's); the password policy is production's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../electron/main/auth/password-hash';
import type { Core } from '../../electron/main/core/create-core';
import * as techniciansDb from '../../electron/main/db/repositories/technicians';
import { TECHNICIAN_FILE_HEADERS, type TechnicianFileCheckRequest, type TechnicianImportProgress } from '../../shared/org/technician-import';
import { startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const ADMIN_PASSWORD = 'Harbour-Lantern-Quiet-49!';
const STRONG = (i: number) => `Quiet-Harbour-${i}-Lantern!`;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const master = { sessionKey: 'master' };

async function setUp() {
  core = await startCore(tempDir());
  await core.auth.createFirstAdmin(master, { name: 'Mira', email: 'mira@example.com', password: ADMIN_PASSWORD });
  // startCore hashes at the tests' low scrypt cost (test/support/password-cost.ts).
  const service = core.technicianImport;
  const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
  const field = await core.org.createGroup(master, { name: 'Field', parentId: null });
  return { core, service, desk, field };
}

type Cells = Partial<Record<(typeof TECHNICIAN_FILE_HEADERS)[number], string>>;
function semicolonCsv(rows: Cells[]): string {
  const line = (cells: Cells) => TECHNICIAN_FILE_HEADERS.map((header) => cells[header] ?? '').join(';');
  return [TECHNICIAN_FILE_HEADERS.join(';'), ...rows.map(line)].join('\r\n');
}
const tech = (i: number, groupId: number | string, over: Cells = {}): Cells => ({
  Name: `Tech ${i}`,
  Nickname: `T${i}`,
  Email: `tech${i}@example.com`,
  Password: STRONG(i),
  Enabled: 'ja',
  'Standard license': 'ja',
  'Mobile license': 'nee',
  'Technician group ID': String(groupId),
  ...over,
});
interface Upload extends TechnicianFileCheckRequest {
  readonly targetGroupId: number | null;
}
const request = (content: string, over: Partial<Upload> = {}): Upload => ({
  fileName: 'technicians.csv',
  contentBase64: Buffer.from(content, 'utf8').toString('base64'),
  targetGroupId: null,
  delimiter: ';',
  ...over,
});

/** What the page does: Upload file (the check), then Start import. */
async function importFile(service: Core['technicianImport'], upload: Upload, caller = master) {
  const { targetGroupId, ...file } = upload;
  const checked = await service.check(caller, file);
  return service.run(caller, { checkId: checked.checkId, targetGroupId });
}

describe('import technicians', () => {
  it('creates the valid rows in their groups, fails the others with their reason, and a second import finds them present', async () => {
    const { core, service, desk, field } = await setUp();
    const file = semicolonCsv([
      tech(1, desk, { Description: 'Night shift; weekends', 'Single sign-on ID': 'sso-1' }),
      tech(2, field, { Enabled: 'nee', 'Mobile license': 'ja' }),
      tech(3, desk, { Password: 'password1' }),
      tech(4, 9999),
      tech(5, desk, { Email: 'TECH1@example.com' }),
      tech(6, desk, { Email: 'mira@example.com' }),
      tech(7, desk, { 'Single sign-on ID': 'sso-1' }),
      tech(8, desk, { Enabled: 'perhaps' }),
    ]).replace('Night shift; weekends', '"Night shift; weekends"');
    const progress: TechnicianImportProgress[] = [];
    core.events.subscribe((sessionKey, channel, payload) => {
      if (sessionKey === master.sessionKey && channel === 'event:technicianImportProgress') progress.push(payload as TechnicianImportProgress);
    });
    const summary = await importFile(service, request(file));
    expect(summary).toMatchObject({ format: 'csv', delimiter: ';', created: 2, present: 0, failed: 6 });
    expect(summary.rows.map((row) => [row.line, row.outcome, row.problem])).toEqual([
      [2, 'created', null],
      [3, 'created', null],
      [4, 'failed', 'password-weak'],
      [5, 'failed', 'group-not-found'],
      [6, 'failed', 'email-repeated'],
      [7, 'failed', 'email-taken'],
      [8, 'failed', 'sso-id-taken'],
      [9, 'failed', 'enabled-invalid'],
    ]);
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['reading', 'checking', 'securing', 'writing']));

    const one = await techniciansDb.findTechnicianByEmail(core.workspace.read, 'tech1@example.com');
    expect(one).toMatchObject({ groupId: desk, description: 'Night shift; weekends', ssoId: 'sso-1', enabled: true, standardLicense: true, mobileLicense: false, mustChangePassword: true });
    expect(await verifyPassword(STRONG(1), one?.passwordHash ?? '')).toBe(true);
    // Disabled: keeps the standard license, holds no mobile one.
    expect(await techniciansDb.findTechnicianByEmail(core.workspace.read, 'tech2@example.com')).toMatchObject({ groupId: field, enabled: false, mobileLicense: false });

    const again = await importFile(service, request(file));
    expect(again).toMatchObject({ created: 0, present: 3, failed: 5 });
    expect(again.rows.filter((row) => row.outcome === 'present').map((row) => row.line)).toEqual([2, 3, 6]);
    expect((await techniciansDb.listTechnicians(core.workspace.read)).length).toBe(2);

    // The audit log says what was imported, never a password.
    const audit = await core.workspace.read.rows(core.workspace.read.q.selectFrom('audit_log').selectAll().where('action', '=', 'org.technicians_imported'));
    expect(audit).toHaveLength(2);
    const text = JSON.stringify(audit);
    expect(text).toContain('tech1@example.com');
    for (let i = 1; i <= 8; i++) expect(text).not.toContain(STRONG(i));
    expect(JSON.stringify(summary)).not.toContain(STRONG(1));
  });

  it('puts every row in the chosen target group, ignoring the file’s group IDs, from a JSON file', async () => {
    const { core, service, field } = await setUp();
    const items = [1, 2].map((i) => ({ ...Object.fromEntries(TECHNICIAN_FILE_HEADERS.map((header) => [header, tech(i, 'junk')[header] ?? ''])), Enabled: true, 'Standard license': true, 'Mobile license': false }));
    const summary = await importFile(service, request(JSON.stringify(items), { fileName: 'technicians.json', targetGroupId: field }));
    expect(summary).toMatchObject({ format: 'json', delimiter: null, created: 2, failed: 0 });
    expect(summary.rows.map((row) => row.groupId)).toEqual([field, field]);
    expect((await techniciansDb.listTechnicians(core.workspace.read)).map((t) => t.groupId)).toEqual([field, field]);
  });

  it('refuses a whole-file problem before writing anything, naming the problem and the line', async () => {
    const { core, service, desk } = await setUp();
    const reordered = semicolonCsv([tech(1, desk)]).replace('Name;Nickname', 'Nickname;Name');
    await expect(importFile(service, request(reordered))).rejects.toMatchObject({ code: 'TECH_IMPORT_FILE_REFUSED', fields: { problem: 'headers-order', line: '1', header: 'Name' } });
    const tooMany = semicolonCsv(Array.from({ length: 501 }, (_, i) => tech(i, desk)));
    await expect(importFile(service, request(tooMany))).rejects.toMatchObject({ code: 'TECH_IMPORT_FILE_REFUSED', fields: { problem: 'too-many-rows', line: '502' } });
    expect(await techniciansDb.listTechnicians(core.workspace.read)).toEqual([]);
  });

  it('fails rows beyond the licenses left, in file order, and writes the rest', async () => {
    const { core, service, desk } = await setUp();
    await core.org.setLicenseSeats(master, { standard: 1, mobile: 0 });
    const summary = await importFile(service, request(semicolonCsv([tech(1, desk), tech(2, desk), tech(3, desk, { 'Standard license': 'nee' })])));
    expect(summary.rows.map((row) => [row.outcome, row.problem])).toEqual([
      ['created', null],
      ['failed', 'standard-licenses-exhausted'],
      ['created', null],
    ]);
  });

  it('is for Master Administrators only', async () => {
    const { core, service, desk } = await setUp();
    await core.auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: ADMIN_PASSWORD, role: 'admin', mustChangePassword: false });
    await core.auth.signIn({ sessionKey: 'ann' }, { email: 'ann@example.com', password: ADMIN_PASSWORD });
    await expect(service.check({ sessionKey: 'ann' }, request(semicolonCsv([tech(1, desk)])))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(service.check({ sessionKey: 'nobody' }, request(semicolonCsv([tech(1, desk)])))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await techniciansDb.listTechnicians(core.workspace.read)).toEqual([]);
  });

  it('cancelled before it writes, writes nothing; the upload can be imported afterwards', async () => {
    const { core, service, desk } = await setUp();
    const { targetGroupId: _none, ...upload } = request(semicolonCsv([1, 2, 3, 4, 5, 6].map((i) => tech(i, desk))));
    const checked = await service.check(master, upload);
    // A policy changed since the upload: Start import scores every password again, which is when Cancel comes.
    const settings = await core.org.settings(master);
    await core.org.setSettings(master, { ...settings, passwordPolicy: { ...settings.passwordPolicy, minLength: 12 } });
    const running = service.run(master, { checkId: checked.checkId, targetGroupId: null });
    const stop = new Promise<boolean>((resolve) => {
      const off = core.events.subscribe((_key, channel) => {
        if (channel !== 'event:technicianImportProgress') return;
        off();
        void service.cancel(master).then(resolve);
      });
    });
    expect(await stop).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'TECH_IMPORT_CANCELLED' });
    expect(await techniciansDb.listTechnicians(core.workspace.read)).toEqual([]);
    expect(await service.run(master, { checkId: checked.checkId, targetGroupId: null })).toMatchObject({ created: 6 });
  });

  it('does the password work at upload, so Start import only checks and writes; the check says what it found', async () => {
    const { core, service, desk } = await setUp();
    await importFile(service, request(semicolonCsv([tech(1, desk)])));
    const stages: string[] = [];
    core.events.subscribe((_sessionKey, channel, payload) => {
      if (channel === 'event:technicianImportProgress') stages.push((payload as TechnicianImportProgress).stage);
    });
    const file = semicolonCsv([tech(1, desk), tech(2, desk), tech(3, desk, { Password: 'password1' }), tech(4, desk, { Email: 'not an email' })]);
    const { targetGroupId: _none, ...upload } = request(file);
    const checked = await service.check(master, upload);
    expect(checked).toMatchObject({ fileName: 'technicians.csv', format: 'csv', delimiter: ';', rows: 4, present: 1, invalid: 1, weakPasswords: 1 });
    expect(stages).toEqual(expect.arrayContaining(['reading', 'checking', 'securing']));
    stages.length = 0;
    const summary = await service.run(master, { checkId: checked.checkId, targetGroupId: null });
    expect(summary.rows.map((row) => [row.line, row.outcome, row.problem])).toEqual([
      [2, 'present', null],
      [3, 'created', null],
      [4, 'failed', 'password-weak'],
      [5, 'failed', 'email-invalid'],
    ]);
    // Nothing was left to hash when Start import came.
    expect(stages).not.toContain('securing');
    expect(await verifyPassword(STRONG(2), (await techniciansDb.findTechnicianByEmail(core.workspace.read, 'tech2@example.com'))?.passwordHash ?? '')).toBe(true);
    // Imported: the check is used up; so is any id that is not this window's latest upload.
    await expect(service.run(master, { checkId: checked.checkId, targetGroupId: null })).rejects.toMatchObject({ code: 'TECH_IMPORT_CHECK_MISSING' });
    const other = await service.check(master, upload);
    await service.check(master, upload);
    await expect(service.run(master, { checkId: other.checkId, targetGroupId: null })).rejects.toMatchObject({ code: 'TECH_IMPORT_CHECK_MISSING' });
  });

  it('signing out or closing the window drops the upload and its passwords', async () => {
    const { core, service, desk } = await setUp();
    const { targetGroupId: _none, ...upload } = request(semicolonCsv([tech(1, desk)]));
    const checked = await service.check(master, upload);
    await core.endWork(master);
    await expect(service.run(master, { checkId: checked.checkId, targetGroupId: null })).rejects.toMatchObject({ code: 'TECH_IMPORT_CHECK_MISSING' });
    expect(await techniciansDb.listTechnicians(core.workspace.read)).toEqual([]);
  });

  it('a check belongs to the window that uploaded the file', async () => {
    const { core, service, desk } = await setUp();
    await core.auth.signIn({ sessionKey: 'second window' }, { email: 'mira@example.com', password: ADMIN_PASSWORD });
    const { targetGroupId: _none, ...upload } = request(semicolonCsv([tech(1, desk)]));
    const checked = await service.check(master, upload);
    await expect(service.run({ sessionKey: 'second window' }, { checkId: checked.checkId, targetGroupId: null })).rejects.toMatchObject({ code: 'TECH_IMPORT_CHECK_MISSING' });
    expect(await techniciansDb.listTechnicians(core.workspace.read)).toEqual([]);
  });

  it('a password policy changed between upload and Start import is the one applied', async () => {
    const { core, service, desk } = await setUp();
    const settings = await core.org.settings(master);
    // Fine for the default policy, too short for 20 characters.
    const medium = 'Quiet-Harbour-7-Lamp';
    const file = semicolonCsv([tech(1, desk, { Password: medium }), tech(2, desk, { Password: `${medium}-Copper-Meadow` })]);
    const { targetGroupId: _none, ...upload } = request(file);

    const stricter = await service.check(master, upload);
    expect(stricter.weakPasswords).toBe(0);
    await core.org.setSettings(master, { ...settings, passwordPolicy: { ...settings.passwordPolicy, minLength: 21 } });
    const strict = await service.run(master, { checkId: stricter.checkId, targetGroupId: null });
    expect(strict.rows.map((row) => [row.outcome, row.problem])).toEqual([
      ['failed', 'password-weak'],
      ['created', null],
    ]);

    // And the other way: weak at upload, strong enough by Start import: hashed then.
    const laxer = await service.check(master, upload);
    expect(laxer).toMatchObject({ present: 1, weakPasswords: 1 });
    await core.org.setSettings(master, settings);
    const lax = await service.run(master, { checkId: laxer.checkId, targetGroupId: null });
    expect(lax.rows.map((row) => row.outcome)).toEqual(['created', 'present']);
    expect(await verifyPassword(medium, (await techniciansDb.findTechnicianByEmail(core.workspace.read, 'tech1@example.com'))?.passwordHash ?? '')).toBe(true);
  });

  it('cancelled while the upload is checked, keeps nothing to import', async () => {
    const { core, service, desk } = await setUp();
    const { targetGroupId: _none, ...upload } = request(semicolonCsv([1, 2, 3, 4, 5, 6].map((i) => tech(i, desk))));
    const checking = service.check(master, upload);
    const off = core.events.subscribe((_key, channel) => {
      if (channel !== 'event:technicianImportProgress') return;
      off();
      void service.cancel(master);
    });
    await expect(checking).rejects.toMatchObject({ code: 'TECH_IMPORT_CANCELLED' });
    expect(await service.cancel(master)).toBe(false);
    expect(await techniciansDb.listTechnicians(core.workspace.read)).toEqual([]);
  });
});
