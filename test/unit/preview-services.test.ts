/**
 * Import previews through the registrar (issue 12), on a local SQLite workspace and, through the unit-postgres
 * project, on a team PostgreSQL one: saved from an import (the dialog scripted), reopened in a fresh data folder
 * with no PSA, reviewed, changed, saved, reopened, and applied later in the original workspace as decided; every
 * kind of drift listed by the apply check; refused files and paths that were never handed out change nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { renameManagedCompany, updateUserEmail } from '../../electron/main/db/repositories/directory';
import { readSetting, writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import { z } from 'zod';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import { ScriptedFileDialogs } from '../../electron/main/preview/scripted-file-dialogs';
import type { ManagedCompany, ManagedUser } from '../../shared/directory/schemas';
import { effectiveChoice, type ImportDraft } from '../../shared/import/draft';
import type { Drift } from '../../shared/import/drift';
import type { ImportPlan, ImportResults } from '../../shared/import/plan';
import type { ImportContactRow, ReconciliationView } from '../../shared/import/session';
import type { ApplyCheckResult, OpenPreviewResult, PsaChanges, RecentPreview, SavedFileResult } from '../../shared/preview/preview-api';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { appSender, callAs, startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
const WINDOW = 'A';
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 41, companies: 12, contactsPerCompany: 3 });
});
afterAll(() => sim.close());

/** The core's dialogs are scripted (the services' default when no native ones are given). */
const dialogsOf = (core: Core) => core.previews.deps.dialogs as ScriptedFileDialogs;

async function ready(options: { connected: boolean; dataDir?: string }): Promise<Core> {
  const core = await startCore(options.dataDir ?? tempDir());
  await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: PASSWORD }, appSender(WINDOW));
  if (options.connected) await core.psa.connect(simCredentials(sim, 'autotask'));
  return core;
}

const call = <T,>(core: Core, channel: string, payload?: unknown): Promise<T> => callAs<T>(core, WINDOW, channel, payload);

/** The refusal's code and fields (a call that succeeds fails the test). */
async function refusal(core: Core, channel: string, payload: unknown): Promise<{ code: string; fields?: Record<string, string> }> {
  const result = await core.registrar.invoke(channel, payload, appSender(WINDOW));
  if (result.ok) throw new Error(`${channel} succeeded`);
  return { code: result.error.code, ...(result.error.fields ? { fields: result.error.fields } : {}) };
}

async function download(core: Core): Promise<{ sessionId: string; view: ReconciliationView }> {
  const started = await call<{ outcome: string; sessionId: string; jobId: string }>(core, 'import:start', { psa: 'autotask', filter: DEFAULT_PSA_FILTER });
  expect(started.outcome).toBe('started');
  for (let tries = 0; tries < 500 && !core.fetchJobs.result(core.callerOf(WINDOW), started.jobId); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  return { sessionId: started.sessionId, view: await call<ReconciliationView>(core, 'import:reconciliation', { sessionId: started.sessionId }) };
}

/** The plan the wizard builds from a draft (the default for companies with no choice; "previous" users by default). */
function planOf(view: ReconciliationView, draft: ImportDraft): ImportPlan {
  return {
    companies: view.inPsa
      .filter((row) => draft.selected[row.psaCompanyId])
      .map((row) => {
        const choice = effectiveChoice(row, draft);
        const users = draft.users[row.psaCompanyId];
        return {
          psaCompanyId: row.psaCompanyId,
          action: choice?.kind === 'map' ? { kind: 'map' as const, managedCompanyId: choice.managedCompanyId } : { kind: 'create' as const },
          users:
            users === undefined
              ? ('previous' as const)
              : users === 'all'
                ? ('all' as const)
                : Object.entries(users).map(([psaContactId, user]) => ({ psaContactId, action: user.kind === 'map' ? { kind: 'map' as const, userId: user.userId } : { kind: 'create' as const } })),
        };
      }),
  };
}

const mappedRows = (view: ReconciliationView) => view.inPsa.filter((row) => row.status === 'mapped');
const unmappedRows = (view: ReconciliationView) => view.inPsa.filter((row) => row.status === 'unmapped');

/** A first import: the first `count` companies created, every contact granted. */
async function importFirst(core: Core, count: number): Promise<ReconciliationView> {
  const { sessionId, view } = await download(core);
  const selected = Object.fromEntries(view.inPsa.slice(0, count).map((row) => [row.psaCompanyId, true as const]));
  const users = Object.fromEntries(view.inPsa.slice(0, count).map((row) => [row.psaCompanyId, 'all' as const]));
  await call<ImportResults>(core, 'import:apply', { sessionId, plan: planOf(view, { selected, companies: {}, users, notes: {} }) });
  return view;
}

async function saveFromImport(core: Core, path: string, draft: (view: ReconciliationView) => ImportDraft): Promise<{ view: ReconciliationView; draft: ImportDraft; saved: SavedFileResult }> {
  const { sessionId, view } = await download(core);
  const decided = draft(view);
  dialogsOf(core).answerNext('save', path);
  const saved = await call<SavedFileResult>(core, 'preview:saveFromImport', { sessionId, draft: decided });
  await call(core, 'import:cancel', { sessionId });
  return { view, draft: decided, saved };
}

async function openByDialog(core: Core, path: string): Promise<Extract<OpenPreviewResult, { outcome: 'opened' }>> {
  dialogsOf(core).answerNext('open', path);
  const opened = await call<OpenPreviewResult>(core, 'preview:open', { from: { kind: 'dialog' } });
  if (opened.outcome !== 'opened') throw new Error('not opened');
  return opened;
}

describe('a preview that travels', () => {
  it('saved from an import, reviewed and changed in a fresh data folder without a PSA, applied later in the original workspace as decided', async () => {
    const original = await ready({ connected: true });
    await importFirst(original, 2);
    const file = join(tempDir(), 'Acme review.msp-preview');
    const { view, draft, saved } = await saveFromImport(original, file, (view) => {
      const [mapped] = mappedRows(view);
      const [created, noted] = unmappedRows(view);
      return {
        selected: { [mapped!.psaCompanyId]: true, [created!.psaCompanyId]: true, [noted!.psaCompanyId]: true },
        companies: { [created!.psaCompanyId]: { kind: 'create' } },
        users: { [mapped!.psaCompanyId]: 'all' },
        notes: { [noted!.psaCompanyId]: 'Ask Henk first' },
      };
    });
    expect(saved).toMatchObject({ outcome: 'saved', path: file, fileName: 'Acme review.msp-preview' });
    expect((await call<RecentPreview[]>(original, 'preview:recent')).map((recent) => [recent.path, recent.psa, recent.companies, recent.createdByName])).toEqual([[file, 'autotask', view.inPsa.length, 'Mira']]);

    // Another workstation: its own data folder and workspace, no PSA connected.
    const elsewhere = await ready({ connected: false });
    expect((await elsewhere.psa.status('autotask')).configured).toBe(false);
    // A path it was never handed is refused; the dialog hands it over.
    expect(await refusal(elsewhere, 'preview:open', { from: { kind: 'recent', path: file } })).toMatchObject({ code: 'NOT_FOUND' });
    const opened = await openByDialog(elsewhere, file);
    expect(opened.draft).toEqual(draft);
    expect(opened.preview).toMatchObject({ psa: 'autotask', fileName: 'Acme review.msp-preview', createdBy: { name: 'Mira' }, companies: view.inPsa.length, contacts: view.inPsa.reduce((sum, row) => sum + row.contacts, 0), migratedFrom: null });
    const reviewId = opened.preview.reviewId;
    // The statuses as they were saved (not against this empty workspace), and the contacts matched as then.
    expect(await call<ReconciliationView>(elsewhere, 'preview:reconciliation', { reviewId })).toEqual(view);
    const mappedRow = mappedRows(view)[0]!;
    const contacts = await call<ImportContactRow[]>(elsewhere, 'preview:contacts', { reviewId, psaCompanyId: mappedRow.psaCompanyId });
    expect(contacts).toHaveLength(mappedRow.contacts);
    // Imported with every contact that has an email address: those are mapped to their users, as saved.
    const withEmail = contacts.filter((contact) => contact.email);
    expect(withEmail.length).toBeGreaterThan(0);
    expect(withEmail.every((contact) => contact.match === 'mapped' && contact.user !== null && contact.importedBefore)).toBe(true);

    // Decisions changed: one company left out, another created, a note; saved back to the same file.
    const [created, noted, later] = unmappedRows(view);
    const changed: ImportDraft = {
      selected: { [mappedRow.psaCompanyId]: true, [created!.psaCompanyId]: true, [later!.psaCompanyId]: true },
      companies: { [created!.psaCompanyId]: { kind: 'create' }, [later!.psaCompanyId]: { kind: 'create' } },
      users: { [mappedRow.psaCompanyId]: 'all', [later!.psaCompanyId]: 'all' },
      notes: { [noted!.psaCompanyId]: 'Ask Henk first', [later!.psaCompanyId]: 'Henk: yes, import it' },
    };
    expect(await call<SavedFileResult>(elsewhere, 'preview:save', { reviewId, draft: changed })).toMatchObject({ outcome: 'saved', path: file });
    await call(elsewhere, 'preview:close', { reviewId });
    expect(await refusal(elsewhere, 'preview:reconciliation', { reviewId })).toMatchObject({ code: 'NOT_FOUND' });
    // Now in this workstation's recent list: opened from there, with the decisions saved.
    expect((await call<RecentPreview[]>(elsewhere, 'preview:recent')).map((recent) => recent.path)).toEqual([file]);
    const reopened = await call<OpenPreviewResult>(elsewhere, 'preview:open', { from: { kind: 'recent', path: file } });
    expect(reopened.outcome === 'opened' && reopened.draft).toEqual(changed);
    // Nothing of it reached the other workspace.
    expect(await call<ManagedCompany[]>(elsewhere, 'directory:listCompanies')).toEqual([]);
    await elsewhere.close();

    // Back in the original workspace: the apply check finds no drift; the apply writes what was decided.
    const review = await openByDialog(original, file);
    const check = await call<ApplyCheckResult>(original, 'preview:checkApply', { reviewId: review.preview.reviewId, draft: review.draft });
    if (check.outcome !== 'started') throw new Error('locked');
    expect(check.drift).toEqual([]);
    expect(check.view.inPsa.find((row) => row.psaCompanyId === later!.psaCompanyId)?.status).toBe('unmapped');
    const before = await call<ManagedCompany[]>(original, 'directory:listCompanies');
    const results = await call<ImportResults>(original, 'import:apply', { sessionId: check.sessionId, plan: planOf(check.view, review.draft) });
    // The lock was given up with the apply.
    expect(await original.locks.holder('autotask')).toBeNull();
    expect(results.companies.map((company) => [company.psaCompanyId, company.outcome]).sort()).toEqual(
      [
        [mappedRow.psaCompanyId, 'mapped'],
        [created!.psaCompanyId, 'created'],
        [later!.psaCompanyId, 'created'],
      ].sort(),
    );
    const after = await call<ManagedCompany[]>(original, 'directory:listCompanies');
    expect(after.map((company) => company.name).sort()).toEqual([...before.map((company) => company.name), created!.name, later!.name].sort());
    const laterCompany = after.find((company) => company.name === later!.name)!;
    const laterContacts = await call<ImportContactRow[]>(original, 'import:contacts', { sessionId: (await download(original)).sessionId, psaCompanyId: later!.psaCompanyId, managedCompanyId: laterCompany.id });
    expect((await call<ManagedUser[]>(original, 'directory:users', { managedCompanyId: laterCompany.id })).map((user) => user.email).sort()).toEqual(
      laterContacts.flatMap((contact) => (contact.email ? [contact.email] : [])).sort(),
    );
    await original.imports.endSession(original.callerOf(WINDOW));
    await original.close();
  });
});

describe('apply later: drift', () => {
  it('lists each kind of drift since the preview was saved: mapped since, target deleted and renamed, a user deleted and another with a new email, seats short', async () => {
    const core = await ready({ connected: true });
    const first = await importFirst(core, 3);
    const companies = await call<ManagedCompany[]>(core, 'directory:listCompanies');
    const byName = new Map(companies.map((company) => [company.name, company]));
    const [withUsers, deletedTarget, renamedTarget] = first.inPsa.map((row) => byName.get(row.name)!);
    const users = await call<ManagedUser[]>(core, 'directory:users', { managedCompanyId: withUsers!.id });
    const licenses = await call<{ seats: number; inUse: number }>(core, 'settings:licenses');
    const file = join(tempDir(), 'drift.msp-preview');
    const { view, draft } = await saveFromImport(core, file, (view) => {
      const mapped = mappedRows(view).find((row) => row.managedCompany?.id === withUsers!.id)!;
      const [willBeMapped, mapsToDeleted, mapsToRenamed] = unmappedRows(view);
      return {
        selected: { [mapped!.psaCompanyId]: true, [willBeMapped!.psaCompanyId]: true, [mapsToDeleted!.psaCompanyId]: true, [mapsToRenamed!.psaCompanyId]: true },
        companies: {
          [mapsToDeleted!.psaCompanyId]: { kind: 'map', managedCompanyId: deletedTarget!.id, managedCompanyName: deletedTarget!.name },
          [mapsToRenamed!.psaCompanyId]: { kind: 'map', managedCompanyId: renamedTarget!.id, managedCompanyName: renamedTarget!.name },
        },
        users: { [willBeMapped!.psaCompanyId]: 'all' },
        notes: {},
      };
    });
    // The users chosen for the mapped company's contacts: the contacts as the preview shows them, each mapped to its user.
    const review = await openByDialog(core, file);
    const mapped = mappedRows(view).find((row) => row.managedCompany?.id === withUsers!.id)!;
    const rows = await call<ImportContactRow[]>(core, 'preview:contacts', { reviewId: review.preview.reviewId, psaCompanyId: mapped.psaCompanyId });
    const chosen = Object.fromEntries(rows.filter((row) => row.user !== null).map((row) => [row.psaContactId, { kind: 'map' as const, userId: row.user!.id, userLabel: row.user!.email }]));
    const decided: ImportDraft = { ...draft, users: { ...draft.users, [mapped.psaCompanyId]: chosen } };

    // Meanwhile, in the workspace: someone imports the company that was unmapped, removes one target and renames the
    // other, removes a user and changes another's email, and the seats left drop below what the preview needs.
    const willBeMapped = unmappedRows(view)[0]!;
    const between = await download(core);
    await call(core, 'import:apply', { sessionId: between.sessionId, plan: { companies: [{ psaCompanyId: willBeMapped.psaCompanyId, action: { kind: 'create' }, users: [] }] } });
    await call(core, 'directory:removeCompany', { id: deletedTarget!.id });
    await core.workspace.transaction((tx) => renameManagedCompany(tx, renamedTarget!.id, `${renamedTarget!.name} Holding`));
    const [gone, moved] = users;
    await core.workspace.transaction(async (tx) => {
      await tx.execute(tx.q.deleteFrom('contact_mappings').where('user_id', '=', gone!.id));
      await tx.execute(tx.q.deleteFrom('managed_users').where('id', '=', gone!.id));
      await updateUserEmail(tx, moved!.id, 'someone.else@example.com', '2026-12-01T00:00:00Z');
    });
    const inUse = (await call<{ seats: number; inUse: number }>(core, 'settings:licenses')).inUse;
    await call(core, 'settings:setLicenseSeats', { seats: inUse });
    expect(licenses.seats).toBeGreaterThan(inUse);

    const check = await call<ApplyCheckResult>(core, 'preview:checkApply', { reviewId: review.preview.reviewId, draft: decided });
    if (check.outcome !== 'started') throw new Error('locked');
    const kinds = (drift: Drift[]) => drift.map((entry) => entry.kind).sort();
    expect(kinds(check.drift)).toEqual(['licenses-short', 'mapped-since', 'target-deleted', 'target-renamed', 'user-deleted', 'user-email-changed']);
    expect(check.drift).toContainEqual(expect.objectContaining({ kind: 'target-renamed', target: { id: renamedTarget!.id, name: renamedTarget!.name }, nowName: `${renamedTarget!.name} Holding` }));
    expect(check.drift).toContainEqual(expect.objectContaining({ kind: 'user-email-changed', userId: moved!.id, before: moved!.email, now: 'someone.else@example.com' }));
    expect(check.drift).toContainEqual({ kind: 'licenses-short', needed: Object.keys(chosen).length + willBeMapped.contacts, available: 0 });
    // The check holds the lock for its session until the apply or a cancel.
    expect((await core.locks.holder('autotask'))?.holderName).toBe('Mira');
    await call(core, 'import:cancel', { sessionId: check.sessionId });
    expect(await core.locks.holder('autotask')).toBeNull();
    await core.close();
  });

  it('refuses a preview from another account of the PSA', async () => {
    const dataDir = tempDir();
    const core = await ready({ connected: true, dataDir });
    const file = join(tempDir(), 'other.msp-preview');
    await saveFromImport(core, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    // This workstation now reaches the PSA as another API user (its connection's non-secret settings say which).
    const settings = createConfStore(dataDir);
    settings.set('integrations.autotask', { ...(settings.get('integrations.autotask') as object), accountHint: 'other-user@msp.example' });
    expect((await core.psa.status('autotask')).accountHint).toBe('other-user@msp.example');
    const review = await openByDialog(core, file);
    expect(await refusal(core, 'preview:checkApply', { reviewId: review.preview.reviewId, draft: review.draft })).toMatchObject({ code: 'PREVIEW_OTHER_INTEGRATION', fields: { psa: 'autotask' } });
    expect(await core.locks.holder('autotask')).toBeNull();
    await core.close();
  });

  it('a workspace that imports from another tenant refuses the preview, even on a workstation with no PSA connected; one of its own tenant applies there', async () => {
    const original = await ready({ connected: true });
    const file = join(tempDir(), 'tenant.msp-preview');
    await saveFromImport(original, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    const tenant = await readSetting(original.workspace.read, 'integration_identity_autotask', z.string().nullable(), null);
    expect(tenant).toBeTruthy();
    const elsewhere = await ready({ connected: false });
    const bindTo = (recorded: string) => elsewhere.workspace.transaction((tx) => writeSetting(tx, 'integration_identity_autotask', recorded));
    await bindTo('another-tenant');
    const review = await openByDialog(elsewhere, file);
    expect(await refusal(elsewhere, 'preview:checkApply', { reviewId: review.preview.reviewId, draft: review.draft })).toMatchObject({ code: 'PREVIEW_OTHER_INTEGRATION', fields: { psa: 'autotask' } });
    expect(await elsewhere.locks.holder('autotask')).toBeNull();
    await bindTo(tenant ?? '');
    expect(await call<ApplyCheckResult>(elsewhere, 'preview:checkApply', { reviewId: review.preview.reviewId, draft: review.draft })).toMatchObject({ outcome: 'started' });
    await Promise.all([original.close(), elsewhere.close()]);
  });
});

describe('files and paths refused', () => {
  it('a tampered file is refused by name and changes nothing; paths never handed out are refused; a cancelled dialog opens nothing', async () => {
    const core = await ready({ connected: true });
    await importFirst(core, 1);
    const file = join(tempDir(), 'tampered.msp-preview');
    await saveFromImport(core, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const companies = await call<ManagedCompany[]>(core, 'directory:listCompanies');
    dialogsOf(core).answerNext('open', file);
    const refused = await refusal(core, 'preview:open', { from: { kind: 'dialog' } });
    expect(refused.code).toBe('PREVIEW_FILE_REFUSED');
    expect(['corrupt', 'checksum-mismatch', 'truncated', 'not-json', 'invalid']).toContain(refused.fields?.problem);
    expect(await refusal(core, 'preview:open', { from: { kind: 'recent', path: file } })).toMatchObject({ code: 'PREVIEW_FILE_REFUSED' });
    expect(await call<ManagedCompany[]>(core, 'directory:listCompanies')).toEqual(companies);
    expect(await core.locks.holder('autotask')).toBeNull();
    // Only paths main handed out: never one the renderer makes up.
    expect(await refusal(core, 'preview:open', { from: { kind: 'recent', path: join(tempDir(), 'never-seen.msp-preview') } })).toMatchObject({ code: 'NOT_FOUND' });
    dialogsOf(core).answerNext('open', null);
    expect(await call<OpenPreviewResult>(core, 'preview:open', { from: { kind: 'dialog' } })).toEqual({ outcome: 'cancelled' });
    // A gone file leaves the recent list.
    writeFileSync(file, '');
    const { unlinkSync } = await import('node:fs');
    unlinkSync(file);
    expect(await call<RecentPreview[]>(core, 'preview:recent')).toEqual([]);
    await core.close();
  });

  it('a review ends with its window: another window cannot use it, and sign-out forgets it', async () => {
    const core = await ready({ connected: true });
    const file = join(tempDir(), 'mine.msp-preview');
    await saveFromImport(core, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    const review = await openByDialog(core, file);
    await core.registrar.invoke('auth:signIn', { email: 'mira@example.com', password: PASSWORD }, appSender('B'));
    const other = await core.registrar.invoke('preview:reconciliation', { reviewId: review.preview.reviewId }, appSender('B'));
    expect(other.ok || other.error.code).toBe('NOT_FOUND');
    await call(core, 'auth:signOut');
    await core.registrar.invoke('auth:signIn', { email: 'mira@example.com', password: PASSWORD }, appSender(WINDOW));
    expect(await refusal(core, 'preview:reconciliation', { reviewId: review.preview.reviewId })).toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });
});

describe('who may review', () => {
  it('a technician whose group may not import from the preview\'s PSA cannot open it', async () => {
    const core = await ready({ connected: true });
    const file = join(tempDir(), 'rights.msp-preview');
    await saveFromImport(core, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    const master = core.callerOf(WINDOW);
    // Accounts made here sign in straight away (the forced change at first sign-in has its own tests).
    const { passwordPolicy, org } = await core.org.settings(master);
    await core.org.setSettings(master, { passwordPolicy: { ...passwordPolicy, adminChangesForceChange: false }, org });
    const group = await core.org.createGroup(master, { name: 'Projects', parentId: null });
    await core.org.createTechnician(master, { name: 'Bert', nickname: 'Bert', email: 'bert@msp.example', ssoId: '', description: '', enabled: true, standardLicense: false, mobileLicense: false, groupId: group, password: PASSWORD });
    await core.registrar.invoke('auth:signIn', { email: 'bert@msp.example', password: PASSWORD }, appSender('T'));
    dialogsOf(core).answerNext('open', file);
    const result = await core.registrar.invoke('preview:open', { from: { kind: 'dialog' } }, appSender('T'));
    expect(result.ok ? 'opened' : result.error).toMatchObject({ code: 'RIGHT_MISSING', fields: { right: 'import:autotask' } });
    await core.close();
  });
});

describe('a file the OS hands the app', () => {
  it('is told to the window it goes to, which may then open it like a recent one', async () => {
    const core = await ready({ connected: true });
    const file = join(tempDir(), 'double-clicked.msp-preview');
    await saveFromImport(core, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    // Another workstation's data folder: the file is not in its recent list.
    const elsewhere = await ready({ connected: false });
    const told: Array<[string | null, string, unknown]> = [];
    const off = elsewhere.subscribeWindows((windowId, channel, payload) => told.push([windowId, channel, payload]));
    expect(await refusal(elsewhere, 'preview:open', { from: { kind: 'recent', path: file } })).toMatchObject({ code: 'NOT_FOUND' });
    elsewhere.handOffPreview(file, WINDOW);
    off();
    expect(told).toEqual([[WINDOW, 'event:previewOpenRequested', { path: file }]]);
    const opened = await call<OpenPreviewResult>(elsewhere, 'preview:open', { from: { kind: 'recent', path: file } });
    expect(opened.outcome).toBe('opened');
    expect((await call<RecentPreview[]>(elsewhere, 'preview:recent')).map((recent) => recent.path)).toEqual([file]);
    await elsewhere.close();
    await core.close();
  });
});

describe('exports', () => {
  it('writes one CSV per table into the folder chosen, and a printable HTML report, in the language chosen, with the last drift listed', async () => {
    const core = await ready({ connected: true });
    await importFirst(core, 2);
    const file = join(tempDir(), 'Klant review.msp-preview');
    await saveFromImport(core, file, (view) => ({ selected: Object.fromEntries(unmappedRows(view).slice(0, 2).map((row) => [row.psaCompanyId, true as const])), companies: {}, users: {}, notes: {} }));
    const review = await openByDialog(core, file);
    const reviewId = review.preview.reviewId;
    await call(core, 'settings:setLanguage', { language: 'nl' });
    const folder = tempDir();
    dialogsOf(core).answerNext('folder', folder);
    expect(await call<SavedFileResult>(core, 'preview:export', { reviewId, draft: review.draft, format: 'csv' })).toMatchObject({ outcome: 'saved', path: folder });
    const { readdirSync } = await import('node:fs');
    // No drift table before an apply check.
    expect(readdirSync(folder).sort()).toEqual(['Klant review-bedrijven-in-psa.csv', 'Klant review-bedrijven-niet-in-psa.csv', 'Klant review-gebruikers-per-bedrijf.csv']);
    expect(readFileSync(join(folder, 'Klant review-bedrijven-in-psa.csv'), 'utf8')).toContain('Beheerd bedrijf');

    // After the apply check, the drift table comes with the export (none here: an empty table).
    const check = await call<ApplyCheckResult>(core, 'preview:checkApply', { reviewId, draft: review.draft });
    if (check.outcome === 'started') await call(core, 'import:cancel', { sessionId: check.sessionId });
    await call(core, 'settings:setLanguage', { language: 'en' });
    const report = join(tempDir(), 'report');
    dialogsOf(core).answerNext('save', report);
    const saved = await call<SavedFileResult>(core, 'preview:export', { reviewId, draft: review.draft, format: 'html' });
    expect(saved).toMatchObject({ outcome: 'saved', path: `${report}.html`, fileName: 'report.html' });
    expect(dialogsOf(core).shown.at(-1)).toEqual({ kind: 'save', suggestedName: 'Klant review-import-preview-report.html' });
    const html = readFileSync(`${report}.html`, 'utf8');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Changes in the workspace since the preview was saved');
    dialogsOf(core).answerNext('folder', null);
    expect(await call<SavedFileResult>(core, 'preview:export', { reviewId, draft: review.draft, format: 'csv' })).toEqual({ outcome: 'cancelled' });
    await core.close();
  });
});

describe('refresh from the PSA', () => {
  it('says which companies and contacts were added, removed and renamed since the preview; needs the PSA connected', async () => {
    const dataDir = tempDir();
    const core = await ready({ connected: true, dataDir });
    const file = join(tempDir(), 'refresh.msp-preview');
    const { view } = await saveFromImport(core, file, () => ({ selected: {}, companies: {}, users: {}, notes: {} }));
    const review = await openByDialog(core, file);
    const [renamed, deleted] = view.inPsa;
    sim.mutate([
      { op: 'rename', id: Number(renamed!.psaCompanyId), name: `${renamed!.name} Holding` },
      { op: 'delete', id: Number(deleted!.psaCompanyId) },
      { op: 'add', name: 'Brand New BV', contacts: 2 },
    ]);
    try {
      const changes = await call<PsaChanges>(core, 'preview:refresh', { reviewId: review.preview.reviewId });
      expect(changes.companies.renamed).toEqual([{ psaId: renamed!.psaCompanyId, before: renamed!.name, now: `${renamed!.name} Holding` }]);
      expect(changes.companies.removed).toEqual([{ psaId: deleted!.psaCompanyId, name: deleted!.name }]);
      expect(changes.companies.added.map((company) => company.name)).toEqual(['Brand New BV']);
      expect(changes.contacts.removed.every((contact) => contact.companyPsaId === deleted!.psaCompanyId)).toBe(true);
      expect(changes.contacts.removed).toHaveLength(deleted!.contacts);
      expect(changes.contacts.added.map((contact) => contact.companyPsaId)).toEqual([changes.companies.added[0]!.psaId, changes.companies.added[0]!.psaId]);
    } finally {
      sim.mutate([
        { op: 'rename', id: Number(renamed!.psaCompanyId), name: renamed!.name },
        { op: 'restore', id: Number(deleted!.psaCompanyId) },
      ]);
    }
    // Disconnected on this workstation: refused by name, the review stays.
    await call(core, 'psa:disconnect', { psa: 'autotask' });
    expect(await refusal(core, 'preview:refresh', { reviewId: review.preview.reviewId })).toMatchObject({ code: 'PSA_NOT_CONNECTED', fields: { psa: 'autotask' } });
    expect((await call<ReconciliationView>(core, 'preview:reconciliation', { reviewId: review.preview.reviewId })).inPsa).toHaveLength(view.inPsa.length);
    await core.close();
  });
});

