/**
 * Applies an import plan ("Import and map", then "Continue"): one transaction
 * per batch of companies, each fenced by the integration lock. Idempotent: a
 * company or contact that already has a mapping is reported as mapped and
 * nothing new is created, so a re-run after a crash finishes the job without
 * duplicates. Licenses: granting access takes a seat; without one, that user
 * fails with "not enough licenses" while the company still imports.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OutcomeError } from '../../../shared/import/outcome-errors';
import { repeatedInPlan, type CompanyOutcome, type ImportPlan, type ImportResults, type UserOutcome } from '../../../shared/import/plan';
import { DomainError } from '../base/domain-error';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaCompanyRecord, PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';
import * as directory from '../db/repositories/directory';
import { readSetting } from '../db/repositories/workspace-settings';
import type { SqlWriter, Workspace } from '../db/workspace';
import { WriteBuffer } from '../db/write-buffer';
import type { HeldLock, IntegrationLocks } from '../locks/integration-locks';
import { contactsByCompany } from './contacts-by-company';
import { BatchChanges, CycleRecorder } from './cycle-changes';
import * as cycleHistory from '../db/repositories/import-history';
import { RESOURCES } from '../base/resources';

export const LICENSE_SEATS_KEY = 'license_seats';
export const DEFAULT_LICENSE_SEATS = 50;
export const LicenseSeatsSchema = z.number().int().nonnegative();

export interface ApplyContext {
  readonly workspace: Workspace;
  readonly locks: IntegrationLocks;
  readonly lock: HeldLock;
  readonly session: string;
  readonly actorId: string;
  readonly psa: PsaKind;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => Date;
  /** For the import history: who (by name) and with which filter; the actor's id and no filter when absent. */
  readonly cycle?: { readonly actorName: string; readonly filter: PsaFilter | null };
}

type PlannedCompany = ImportPlan['companies'][number];
type PlannedUser = Exclude<PlannedCompany['users'], string>[number];

export function applyImport(plan: ImportPlan, fetched: PsaFetchResult, context: ApplyContext): Promise<ImportResults> {
  return context.workspace.bulk(() => applyBatches(plan, fetched, context));
}

async function applyBatches(plan: ImportPlan, fetched: PsaFetchResult, context: ApplyContext): Promise<ImportResults> {
  // The IPC contract validated the plan's shape. Mappings are looked up once per batch, so each company and
  // contact may appear only once: checked again here, whoever the caller.
  const repeated = repeatedInPlan(plan.companies);
  if (repeated) throw new DomainError('VALIDATION_FAILED', repeated);
  const companies = new Map(fetched.companies.map((company) => [company.psaId, company]));
  const contacts = new Map(fetched.contacts.map((contact) => [contact.psaId, contact]));
  // The same grouping "Manage users" built for this download, if it did: made once per fetch.
  const byCompany = contactsByCompany(fetched);
  const results: ImportResults = { companies: [], users: [] };
  // The import history: each batch's changes (with the state before them) and errors, in the batch's transaction.
  const recorder = new CycleRecorder({ psa: context.psa, actorId: context.actorId, actorName: context.cycle?.actorName ?? context.actorId, filter: context.cycle?.filter ?? null });
  const companyName = (psaCompanyId: string) => companies.get(psaCompanyId)?.name ?? psaCompanyId;
  if (plan.companies.length === 0) {
    // Nothing to apply is still a cycle the history shows.
    await context.workspace.transaction(async (tx) => {
      await context.locks.assertHeld(tx, context.lock, context.session);
      await recorder.recordBatch(tx, new BatchChanges(), results, companyName, (context.now?.() ?? new Date()).toISOString(), true);
      await tx.notifyChange('directory');
    });
    return results;
  }
  // Big enough that commits (and WAL checkpoints) stay few; small enough that progress moves.
  const batchSize = context.batchSize ?? 2_500;
  for (let start = 0; start < plan.companies.length; start += batchSize) {
    const batch = plan.companies.slice(start, start + batchSize);
    const outcome = await context.workspace.transaction(async (tx) => {
      await context.locks.assertHeld(tx, context.lock, context.session);
      const batchResults: ImportResults = { companies: [], users: [] };
      await tx.lockResource(RESOURCES.licensePool);
      const seats = await readSetting(tx, LICENSE_SEATS_KEY, LicenseSeatsSchema, DEFAULT_LICENSE_SEATS);
      const licenses = { free: seats - (await directory.licensesInUse(tx)) };
      // One query for the whole batch instead of one per contact.
      const contactIds = batch.flatMap((planned) => plannedContactIds(planned, byCompany));
      const mapped = await directory.contactMappingsOf(tx, context.psa, contactIds);
      const companyMappings = await directory.companyMappingsOf(tx, context.psa, batch.map((planned) => planned.psaCompanyId));
      // New companies whose contacts were never imported need no reads: their rows are gathered and
      // written in bulk. Anything else reads the directory, so what is gathered goes in first.
      const writes = new WriteBuffer();
      const changes = new BatchChanges();
      const now = (context.now?.() ?? new Date()).toISOString();
      for (const planned of batch) {
        const existing = companyMappings.get(planned.psaCompanyId);
        const record = companies.get(planned.psaCompanyId);
        const plannedUsers = plannedUsersOf(planned, byCompany, mapped);
        const fresh = record && !existing && planned.action.kind === 'create' && plannedUsers.every((user) => !mapped.has(user.psaContactId));
        let applied: { company: CompanyOutcome; users: UserOutcome[] };
        if (fresh) {
          applied = createCompany(writes, changes, planned.psaCompanyId, record, plannedUsers, contacts, licenses, context, now);
          if (writes.size >= FLUSH_ROWS) await writes.flush(tx);
        } else {
          await writes.flush(tx);
          applied = await applyCompany(tx, changes, planned, record, plannedUsers, byCompany.get(planned.psaCompanyId) ?? [], contacts, licenses, mapped, existing, context);
        }
        batchResults.companies.push(applied.company);
        for (const user of applied.users) batchResults.users.push(user);
      }
      await writes.flush(tx);
      await recorder.recordBatch(tx, changes, batchResults, companyName, now, start + batchSize >= plan.companies.length);
      // Every batch is a cycle in the history at least: open lists on every workstation show it.
      await tx.notifyChange('directory');
      return batchResults;
    });
    // A loop, not push(...): a batch can hold more users than a call takes arguments.
    for (const company of outcome.companies) results.companies.push(company);
    for (const user of outcome.users) results.users.push(user);
    context.onProgress?.(Math.min(start + batchSize, plan.companies.length), plan.companies.length);
  }
  return results;
}

async function applyCompany(
  tx: SqlWriter,
  changes: BatchChanges,
  planned: PlannedCompany,
  record: PsaCompanyRecord | undefined,
  plannedUsers: readonly PlannedUser[],
  contactsOfCompany: readonly PsaContactRecord[],
  contacts: ReadonlyMap<string, PsaContactRecord>,
  licenses: { free: number },
  mapped: ReadonlyMap<string, string>,
  mappedCompany: directory.CompanyMappingRow | undefined,
  context: ApplyContext,
): Promise<{ company: CompanyOutcome; users: UserOutcome[] }> {
  const now = (context.now?.() ?? new Date()).toISOString();
  const base = { psaCompanyId: planned.psaCompanyId, name: record?.name ?? '', detail: null };
  if (!record) return { company: { ...base, outcome: 'failed', managedCompanyId: null, error: 'company-not-in-download' }, users: [] };

  let managedCompanyId: string;
  let outcome: CompanyOutcome['outcome'];
  let existing = mappedCompany;
  if (existing && planned.action.replacing === existing.managedCompanyId) {
    // "Unmap": the PSA company leaves the managed company it was mapped to.
    const before = await cycleHistory.companyMappingRow(tx, context.psa, planned.psaCompanyId);
    if (before) changes.add(['cu', before.managedCompanyId, planned.psaCompanyId, before.psaNameAtMapping, before.mappedBy, before.mappedAt, before.lastImportedAt]);
    await directory.deleteCompanyMapping(tx, context.psa, planned.psaCompanyId);
    await directory.recordHistory(tx, 'company', existing.managedCompanyId, 'unmapped', context.actorId, now, { psa: context.psa, psaCompanyId: record.psaId });
    existing = undefined;
  }
  if (existing) {
    managedCompanyId = existing.managedCompanyId;
    outcome = 'mapped';
    await directory.touchCompanyMapping(tx, context.psa, planned.psaCompanyId, record.name, now);
    changes.add(['ct', planned.psaCompanyId, existing.lastImportedAt, now, existing.psaNameAtMapping]);
    if (planned.updateName) {
      const before = await directory.findManagedCompanyName(tx, managedCompanyId);
      if (before !== undefined && before !== record.name) {
        await directory.renameManagedCompany(tx, managedCompanyId, record.name);
        changes.add(['cr', managedCompanyId, before, record.name]);
        await directory.recordHistory(tx, 'company', managedCompanyId, 'renamed', context.actorId, now, { psa: context.psa, psaCompanyId: record.psaId, from: before, to: record.name });
      }
    }
  } else if (planned.action.kind === 'map') {
    const target = planned.action.managedCompanyId;
    const taken = await directory.mappedPsaCompanyOf(tx, context.psa, target);
    if (!(await directory.managedCompanyExists(tx, target))) return { company: { ...base, outcome: 'failed', managedCompanyId: null, error: 'managed-company-gone' }, users: [] };
    if (taken !== undefined) return { company: { ...base, outcome: 'failed', managedCompanyId: null, error: 'managed-company-taken' }, users: [] };
    managedCompanyId = target;
    outcome = 'mapped';
    await directory.insertCompanyMapping(tx, context.psa, planned.psaCompanyId, target, record.name, context.actorId, now);
    changes.add(['cm', target, planned.psaCompanyId, record.name]);
    await directory.recordHistory(tx, 'company', target, 'mapped', context.actorId, now, { psa: context.psa, psaCompanyId: record.psaId, psaName: record.name });
  } else {
    managedCompanyId = randomUUID();
    outcome = 'created';
    await directory.insertManagedCompany(tx, { id: managedCompanyId, name: record.name, origin: 'psa-import', createdBy: context.actorId }, now);
    await directory.insertCompanyMapping(tx, context.psa, planned.psaCompanyId, managedCompanyId, record.name, context.actorId, now);
    changes.add(['cc', managedCompanyId, planned.psaCompanyId, record.name]);
    await directory.recordHistory(tx, 'company', managedCompanyId, 'created', context.actorId, now, { psa: context.psa, psaCompanyId: record.psaId, psaName: record.name });
  }

  const users: UserOutcome[] = [];
  const company = { psaCompanyId: planned.psaCompanyId, managedCompanyId };
  const granted = planned.users === 'previous' ? [...plannedUsers, ...(await importedByEmail(tx, managedCompanyId, contactsOfCompany, plannedUsers))] : plannedUsers;
  for (const plannedUser of granted) {
    users.push(await applyUser(tx, changes, plannedUser, contacts.get(plannedUser.psaContactId), company, mapped.get(plannedUser.psaContactId), licenses, context, now));
  }
  return { company: { ...base, outcome, managedCompanyId, error: null }, users };
}

/**
 * A new managed company for a PSA company and new users for its contacts,
 * none of them imported before: the same outcomes applyCompany would give,
 * without a read, its rows gathered in `writes`.
 */
function createCompany(
  writes: WriteBuffer,
  changes: BatchChanges,
  psaCompanyId: string,
  record: PsaCompanyRecord,
  plannedUsers: readonly PlannedUser[],
  contacts: ReadonlyMap<string, PsaContactRecord>,
  licenses: { free: number },
  context: ApplyContext,
  now: string,
): { company: CompanyOutcome; users: UserOutcome[] } {
  const managedCompanyId = randomUUID();
  writes.add(directory.managedCompanyInsert({ id: managedCompanyId, name: record.name, origin: 'psa-import', createdBy: context.actorId }, now));
  writes.add(directory.companyMappingInsert(context.psa, psaCompanyId, managedCompanyId, record.name, context.actorId, now));
  changes.add(['cc', managedCompanyId, psaCompanyId, record.name]);
  writes.add(directory.historyInsert('company', managedCompanyId, 'created', context.actorId, now, { psa: context.psa, psaCompanyId, psaName: record.name }));
  // A new company has no users but those made here: a second contact with an email already used maps to that user.
  const byEmail = new Map<string, string>();
  const users: UserOutcome[] = [];
  for (const planned of plannedUsers) {
    const contactId = planned.psaContactId;
    const contact = contacts.get(contactId);
    const email = contact?.email ?? null;
    if (!contact || contact.companyPsaId !== psaCompanyId) users.push(userFailed(contactId, psaCompanyId, email, 'contact-not-in-download'));
    // An empty email is no email (some PSAs store "" rather than null).
    else if (!email) users.push(userFailed(contactId, psaCompanyId, email, 'contact-without-email'));
    // A new company has no users yet: there is no one to map to.
    else if (planned.action.kind === 'map') users.push(userFailed(contactId, psaCompanyId, email, 'user-not-in-company'));
    else {
      const key = directory.emailKey(email);
      const sameEmail = byEmail.get(key);
      if (sameEmail !== undefined) {
        writes.add(directory.contactMappingInsert(context.psa, contactId, sameEmail, email, context.actorId, now));
        changes.add(['um', sameEmail, contactId, email]);
        writes.add(directory.historyInsert('user', sameEmail, 'mapped', context.actorId, now, { psa: context.psa, psaContactId: contactId }));
        users.push(userDone(contactId, psaCompanyId, email, 'mapped', sameEmail));
      } else if (licenses.free <= 0) users.push(userFailed(contactId, psaCompanyId, email, 'not-enough-licenses'));
      else {
        licenses.free--;
        const userId = randomUUID();
        byEmail.set(key, userId);
        writes.add(directory.userInsert({ id: userId, managedCompanyId, name: displayName(contact), email }, now));
        writes.add(directory.contactMappingInsert(context.psa, contactId, userId, email, context.actorId, now));
        changes.add(['un', contactId]);
        writes.add(directory.historyInsert('user', userId, 'created', context.actorId, now, { psa: context.psa, psaContactId: contactId }));
        users.push(userDone(contactId, psaCompanyId, email, 'imported', userId));
      }
    }
  }
  return { company: { psaCompanyId, name: record.name, detail: null, outcome: 'created', managedCompanyId, error: null }, users };
}

/** Rows gathered before they are written: enough to make bulk writes pay, few enough to stay young garbage. */
const FLUSH_ROWS = 4_000;

// Outcomes of one shape, built without closures: this runs once per user of a big import.
function userDone(psaContactId: string, psaCompanyId: string, email: string, outcome: 'imported' | 'mapped', userId: string): UserOutcome {
  return { psaContactId, psaCompanyId, email, outcome, userId, error: null, detail: null };
}

/** A failure is its kind: the results page gives its message and what to do in the user's language. */
function userFailed(psaContactId: string, psaCompanyId: string, email: string | null, error: OutcomeError): UserOutcome {
  return { psaContactId, psaCompanyId, email, outcome: 'failed', userId: null, error, detail: null };
}

function displayName(contact: PsaContactRecord): string {
  return `${contact.firstName} ${contact.lastName}`.trim() || (contact.email ?? '');
}

/** The planned users of a company, with "previous" and "all" spelled out. */
function plannedUsersOf(planned: PlannedCompany, contactsByCompany: ReadonlyMap<string, readonly PsaContactRecord[]>, mapped: ReadonlyMap<string, string>): readonly PlannedUser[] {
  const companyContacts = contactsByCompany.get(planned.psaCompanyId) ?? [];
  if (planned.users === 'previous') return previouslyImported(companyContacts, mapped);
  if (planned.users === 'all') return companyContacts.filter((contact) => contact.email).map((contact) => ({ psaContactId: contact.psaId, action: { kind: 'create' as const } }));
  return planned.users;
}

/** The contacts a planned company names, for looking up their mappings in one query. */
function plannedContactIds(planned: PlannedCompany, byCompany: ReadonlyMap<string, readonly PsaContactRecord[]>): string[] {
  if (planned.users === 'previous' || planned.users === 'all') return (byCompany.get(planned.psaCompanyId) ?? []).map((contact) => contact.psaId);
  return planned.users.map((user) => user.psaContactId);
}

/** The seed's preselection: the company's contacts that were imported before (mapped: the batch's lookup). */
function previouslyImported(companyContacts: readonly PsaContactRecord[], mapped: ReadonlyMap<string, string>): PlannedUser[] {
  return companyContacts.filter((contact) => mapped.has(contact.psaId)).map((contact) => ({ psaContactId: contact.psaId, action: { kind: 'create' } }));
}

/**
 * "previous" also means emails imported before from the other PSA: contacts not mapped for this PSA whose email
 * belongs to a user of the company that an import created or mapped. They map to that user (by email).
 */
async function importedByEmail(tx: SqlWriter, managedCompanyId: string, contactsOfCompany: readonly PsaContactRecord[], already: readonly PlannedUser[]): Promise<PlannedUser[]> {
  const imported = await directory.importedUsersOfCompany(tx, managedCompanyId);
  if (imported.length === 0) return [];
  const emails = new Set(imported.map((user) => directory.emailKey(user.email)));
  const planned = new Set(already.map((user) => user.psaContactId));
  return contactsOfCompany
    .filter((contact) => !planned.has(contact.psaId) && contact.email && emails.has(directory.emailKey(contact.email)))
    .map((contact) => ({ psaContactId: contact.psaId, action: { kind: 'create' as const } }));
}

async function applyUser(
  tx: SqlWriter,
  changes: BatchChanges,
  planned: PlannedUser,
  contact: PsaContactRecord | undefined,
  company: { readonly psaCompanyId: string; readonly managedCompanyId: string },
  mappedBefore: string | undefined,
  licenses: { free: number },
  context: ApplyContext,
  now: string,
): Promise<UserOutcome> {
  let mappedUserId = mappedBefore;
  const { psaCompanyId, managedCompanyId } = company;
  const base = { psaContactId: planned.psaContactId, psaCompanyId, email: contact?.email ?? null };
  const fail = (error: OutcomeError): UserOutcome => ({ ...base, outcome: 'failed', userId: null, error, detail: null });
  if (!contact || contact.companyPsaId !== psaCompanyId) return fail('contact-not-in-download');

  const grant = async (user: directory.UserRow, updatedAtBefore = user.updatedAt): Promise<boolean> => {
    if (user.hasLicense) return true;
    if (licenses.free <= 0) return false;
    licenses.free--;
    await directory.grantLicense(tx, user.id, now);
    changes.add(['sg', user.id, updatedAtBefore, now]);
    return true;
  };

  if (mappedUserId !== undefined && planned.action.replacing === mappedUserId) {
    // Checked before anything changes, so a refused unmap leaves the mapping as it was.
    // Emails are unique within a company: "create as new" cannot reuse one that a user there already has.
    if (planned.action.kind === 'create' && contact.email && (await directory.findUserByEmail(tx, managedCompanyId, contact.email))) {
      return fail('email-in-use');
    }
    if (planned.action.kind === 'map' && (await directory.findUser(tx, planned.action.userId))?.managedCompanyId !== managedCompanyId) return fail('user-not-in-company');
    // "Unmap": the contact leaves the user it was mapped to (who keeps their account).
    const before = await cycleHistory.contactMappingRow(tx, context.psa, planned.psaContactId);
    if (before) changes.add(['uu', before.userId, planned.psaContactId, before.psaEmailAtMapping, before.mappedBy, before.mappedAt, before.lastImportedAt]);
    await directory.deleteContactMapping(tx, context.psa, planned.psaContactId);
    await directory.recordHistory(tx, 'user', mappedUserId, 'unmapped', context.actorId, now, { psa: context.psa, psaContactId: planned.psaContactId });
    mappedUserId = undefined;
  }
  const mapped = mappedUserId === undefined ? undefined : await directory.findUser(tx, mappedUserId);
  if (mapped) {
    let updatedAt = mapped.updatedAt;
    // The seed: an import also carries email changes made in the PSA.
    if (contact.email && directory.emailKey(contact.email) !== directory.emailKey(mapped.email)) {
      const clash = await directory.findUserByEmail(tx, mapped.managedCompanyId, contact.email);
      if (clash) return fail('email-change-conflict');
      await directory.updateUserEmail(tx, mapped.id, contact.email, now);
      changes.add(['ec', mapped.id, mapped.email, contact.email, updatedAt, now]);
      updatedAt = now;
      await directory.recordHistory(tx, 'user', mapped.id, 'email-changed', context.actorId, now, { from: mapped.email, to: contact.email });
    }
    const touched = await cycleHistory.contactMappingNow(tx, context.psa, planned.psaContactId);
    await directory.touchContactMapping(tx, context.psa, planned.psaContactId, now);
    if (touched) changes.add(['ut', planned.psaContactId, touched.lastImportedAt, now]);
    if (!(await grant(mapped, updatedAt))) return fail('not-enough-licenses');
    return { ...base, outcome: 'mapped', userId: mapped.id, error: null, detail: null };
  }

  if (!contact.email) return fail('contact-without-email');
  // An unmapped contact whose email a user of the company already has maps to that user; otherwise it becomes a new user.
  const target =
    planned.action.kind === 'map'
      ? await directory.findUser(tx, planned.action.userId)
      : planned.action.replacing
        ? undefined
        : await directory.findUserByEmail(tx, managedCompanyId, contact.email);
  if (planned.action.kind === 'map' && (!target || target.managedCompanyId !== managedCompanyId)) return fail('user-not-in-company');
  if (target) {
    if (!(await grant(target))) return fail('not-enough-licenses');
    await directory.insertContactMapping(tx, context.psa, planned.psaContactId, target.id, contact.email, context.actorId, now);
    changes.add(['um', target.id, planned.psaContactId, contact.email]);
    await directory.recordHistory(tx, 'user', target.id, 'mapped', context.actorId, now, { psa: context.psa, psaContactId: contact.psaId });
    return { ...base, outcome: 'mapped', userId: target.id, error: null, detail: null };
  }
  if (licenses.free <= 0) return fail('not-enough-licenses');
  licenses.free--;
  const userId = randomUUID();
  const name = displayName(contact);
  await directory.insertUser(tx, { id: userId, managedCompanyId, name, email: contact.email }, now);
  await directory.insertContactMapping(tx, context.psa, planned.psaContactId, userId, contact.email, context.actorId, now);
  changes.add(['uc', userId, managedCompanyId, planned.psaContactId, contact.email, name, now]);
  await directory.recordHistory(tx, 'user', userId, 'created', context.actorId, now, { psa: context.psa, psaContactId: contact.psaId });
  return { ...base, outcome: 'imported', userId, error: null, detail: null };
}
