/**
 * "Import history": every import cycle, its results and changes, and "Undo the
 * last import cycle" — which reverses, in one transaction under the PSA's
 * integration lock, every change the cycle recorded, newest first, each after
 * checking that the row is still as the import left it. Anything changed since
 * (a later import, a company renamed or removed by hand, a user added to a
 * company it created…) refuses the whole undo with the reason.
 */
import { z } from 'zod';
import { CycleCountsSchema, type CycleChangeRow, type ImportCycle, type ImportCycleDetail } from '../../../shared/import/history';
import type { ErrorCode } from '../../../shared/ipc/result';
import { PsaFilterSchema } from '../../../shared/psa/filters';
import { PsaKindSchema, type PsaKind } from '../../../shared/psa/kinds';
import type { SessionState } from '../auth/session-store';
import { DomainError } from '../base/domain-error';
import { appendAudit } from '../db/repositories/audit-log';
import { emailKey } from '../db/repositories/directory';
import * as history from '../db/repositories/import-history';
import type { SqlReader, SqlWriter, Workspace } from '../db/workspace';
import type { IntegrationLocks } from '../locks/integration-locks';
import { parseChanges, parseErrors, type Change } from './cycle-changes';

export class ImportHistory {
  constructor(
    private readonly deps: { readonly workspace: Workspace; readonly locks: IntegrationLocks },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Newest first. */
  async list(): Promise<ImportCycle[]> {
    const db = this.deps.workspace.read;
    const [rows, last] = [await history.listCycles(db), await history.lastLiveCycleId(db)];
    return rows.map((row) => toCycle(row, last));
  }

  async detail(id: string): Promise<ImportCycleDetail> {
    const db = this.deps.workspace.read;
    const row = await history.findCycle(db, id);
    if (!row) throw new DomainError('NOT_FOUND', 'That import is not in the history.');
    const errors = (await history.cycleBatches(db, id)).flatMap((batch) => parseErrors(batch.errors));
    return { cycle: toCycle(row, await history.lastLiveCycleId(db)), errors };
  }

  /** What the cycle created, mapped, renamed and granted, one row per change, for the CSV export. */
  async changes(id: string): Promise<CycleChangeRow[]> {
    const db = this.deps.workspace.read;
    const cycle = await history.findCycle(db, id);
    if (!cycle) throw new DomainError('NOT_FOUND', 'That import is not in the history.');
    const changes = (await history.cycleBatches(db, id)).flatMap((batch) => parseChanges(batch.changes));
    const companyNames = namesOfCompanies(changes);
    const owners = ownersOfNewUsers(changes);
    // A new company's users were recorded by their contact alone: who they are is in the directory.
    const contacts = changes.flatMap((change) => (change[0] === 'un' ? [change[1]] : []));
    const users = await history.usersOfContacts(db, PsaKindSchema.parse(cycle.psa), contacts);
    const rows: CycleChangeRow[] = [];
    changes.forEach((change, index) => {
      if (change[0] === 'un') {
        const user = users.get(change[1]);
        const company = companyNames.get(owners.get(index) ?? '') ?? '';
        rows.push({ change: 'user-created', psaId: change[1], managedId: user?.id ?? '', name: user ? `${user.name} (${company})` : `(${company})`, email: user?.email ?? '', before: '', after: '' });
        return;
      }
      const row = changeRow(change, companyNames);
      if (row) rows.push(row);
    });
    return rows;
  }

  /**
   * Reverses the workspace's last cycle, all or nothing. Takes the PSA's integration lock for the while (refused
   * while an import of that PSA runs), and refuses, naming why, when anything depends on the cycle since.
   */
  async undo(id: string, actor: SessionState, lockSession: string): Promise<ImportCycle> {
    const row = await history.findCycle(this.deps.workspace.read, id);
    if (!row) throw new DomainError('NOT_FOUND', 'That import is not in the history.');
    const psa = PsaKindSchema.parse(row.psa);
    const acquired = await this.deps.locks.acquire(psa, { adminId: actor.adminId, name: actor.name, session: lockSession });
    if (!acquired.ok) {
      // `yours`: the holder is this administrator (their own import wizard, open on its results or in another window).
      const yours = acquired.heldBy.holderAdminId === actor.adminId;
      throw new DomainError('INTEGRATION_LOCKED', `${acquired.heldBy.holderName} is working with this integration; undo when they have finished.`, { name: acquired.heldBy.holderName, yours: String(yours) });
    }
    try {
      await this.deps.workspace.transaction(async (tx) => {
        await this.deps.locks.assertHeld(tx, acquired.lock, lockSession);
        const cycle = await history.findCycle(tx, id);
        if (!cycle) throw new DomainError('NOT_FOUND', 'That import is not in the history.');
        if (cycle.status === 'undone') throw refusal('UNDO_ALREADY_UNDONE', 'This import has already been undone.', {});
        if ((await history.lastLiveCycleId(tx)) !== id) throw refusal('UNDO_LATER_IMPORT', 'A later import depends on this one; only the last import can be undone.', {});
        const batches = (await history.cycleBatches(tx, id)).map((batch) => ({ batch: batch.batch, changes: parseChanges(batch.changes) }));
        const changes = batches.flatMap((batch) => batch.changes);
        const names = namesOfCompanies(changes);
        const owners = ownersOfNewUsers(changes);
        const created = new Map<string, Change>();
        for (let index = changes.length - 1; index >= 0; index--) {
          const change = changes[index]!;
          if (change[0] === 'un') created.set(change[1], await reverseNewUser(tx, psa, change[1], owners.get(index) ?? '', names));
          else await reverse(tx, psa, change, names);
        }
        // What the undo read of each new company's users stays with the cycle, for its export.
        for (const batch of batches) {
          if (!batch.changes.some((change) => change[0] === 'un')) continue;
          const full = batch.changes.map((change) => (change[0] === 'un' ? (created.get(change[1]) ?? change) : change));
          await history.rewriteBatchChanges(tx, id, batch.batch, JSON.stringify(full));
        }
        const at = this.now().toISOString();
        await history.markUndone(tx, id, at, actor.name);
        await appendAudit(tx, 'import.undone', actor.adminId, at, { cycle: id, psa });
        await tx.notifyChange('directory');
      });
    } finally {
      await this.deps.locks.release(acquired.lock, lockSession);
    }
    const db = this.deps.workspace.read;
    const undone = await history.findCycle(db, id);
    if (!undone) throw new DomainError('NOT_FOUND', 'That import is not in the history.');
    return toCycle(undone, await history.lastLiveCycleId(db));
  }
}

function refusal(code: ErrorCode, message: string, fields: Record<string, string>): DomainError {
  return new DomainError(code, message, fields);
}

function toCycle(row: history.CycleRow, lastLive: string | undefined): ImportCycle {
  return {
    id: row.id,
    psa: PsaKindSchema.parse(row.psa),
    actorName: row.actorName,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    filter: row.filter === null ? null : (PsaFilterSchema.safeParse(JSON.parse(row.filter)).data ?? null),
    status: z.enum(['applying', 'completed', 'undone']).parse(row.status),
    counts: CycleCountsSchema.parse(JSON.parse(row.counts)),
    undoneAt: row.undoneAt,
    undoneBy: row.undoneBy,
    undoable: row.status !== 'undone' && row.id === lastLive,
  };
}

/** For each 'un' change (by index): the company created by the last 'cc' before it. */
function ownersOfNewUsers(changes: readonly Change[]): Map<number, string> {
  const owners = new Map<number, string>();
  let company = '';
  changes.forEach((change, index) => {
    if (change[0] === 'cc') company = change[1];
    else if (change[0] === 'un') owners.set(index, company);
  });
  return owners;
}

/** Removes a user the cycle created with a new company ('un'), after the same checks as 'uc'; returns it as a full 'uc'. */
async function reverseNewUser(tx: SqlWriter, psa: PsaKind, psaContactId: string, companyId: string, names: ReadonlyMap<string, string>): Promise<Change> {
  const label = names.get(companyId) ?? companyId;
  const mapping = await history.contactMappingRow(tx, psa, psaContactId);
  if (!mapping) {
    if (!(await history.companyNow(tx, companyId))) throw refusal('UNDO_COMPANY_REMOVED', `"${label}" was removed after the import.`, { name: label });
    throw refusal('UNDO_MAPPING_CHANGED', `The mapping of contact ${psaContactId} changed after the import.`, { name: psaContactId });
  }
  const user = await history.userNow(tx, mapping.userId);
  // Created with a seat and never changed since: updated when it was created, with the address it was mapped by.
  if (!user || user.managedCompanyId !== companyId || user.hasLicense !== 1 || user.updatedAt !== user.createdAt || user.email !== mapping.psaEmailAtMapping) {
    throw userChanged(user?.email ?? mapping.psaEmailAtMapping ?? psaContactId);
  }
  await history.deleteContactMappingOf(tx, psa, psaContactId);
  if ((await history.userMappingCount(tx, mapping.userId)) > 0) throw refusal('UNDO_MAPPING_CHANGED', `${user.email} was mapped again after the import.`, { name: user.email });
  await history.deleteUser(tx, mapping.userId);
  return ['uc', mapping.userId, companyId, psaContactId, user.email, user.name, user.updatedAt];
}

/** Managed company id → name, from what the cycle itself recorded (the company may be gone by now). */
function namesOfCompanies(changes: readonly Change[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const change of changes) {
    if (change[0] === 'cc' || change[0] === 'cm') names.set(change[1], change[3]);
    else if (change[0] === 'cr') names.set(change[1], change[3]);
  }
  return names;
}

function changeRow(change: Change, names: ReadonlyMap<string, string>): CycleChangeRow | null {
  const base = { before: '', after: '', email: '' };
  switch (change[0]) {
    case 'cc':
      return { ...base, change: 'company-created', psaId: change[2], managedId: change[1], name: change[3] };
    case 'cm':
      return { ...base, change: 'company-mapped', psaId: change[2], managedId: change[1], name: change[3] };
    case 'cu':
      return { ...base, change: 'company-unmapped', psaId: change[2], managedId: change[1], name: change[3] };
    case 'cr':
      return { ...base, change: 'company-renamed', psaId: '', managedId: change[1], name: change[3], before: change[2], after: change[3] };
    case 'uc':
      return { ...base, change: 'user-created', psaId: change[3], managedId: change[1], name: `${change[5]} (${names.get(change[2]) ?? change[2]})`, email: change[4] };
    case 'um':
      return { ...base, change: 'user-mapped', psaId: change[2], managedId: change[1], name: '', email: change[3] ?? '' };
    case 'uu':
      return { ...base, change: 'user-unmapped', psaId: change[2], managedId: change[1], name: '', email: change[3] ?? '' };
    case 'sg':
      return { ...base, change: 'seat-granted', psaId: '', managedId: change[1], name: '' };
    case 'ec':
      return { ...base, change: 'email-changed', psaId: '', managedId: change[1], name: '', email: change[3], before: change[2], after: change[3] };
    case 'ct':
    case 'ut':
    case 'un':
      return null;
  }
}

/** Puts one change back, after checking that what it wrote is still there unchanged ('un': reverseNewUser). */
async function reverse(tx: SqlWriter, psa: PsaKind, change: Exclude<Change, ['un', string]>, names: ReadonlyMap<string, string>): Promise<void> {
  const companyName = (id: string) => names.get(id) ?? id;
  switch (change[0]) {
    case 'cc': {
      const [, companyId, psaCompanyId, name] = change;
      const company = await companyAsImported(tx, companyId, name);
      await removeMapping(tx, psa, psaCompanyId, companyId, name);
      const dependents = await history.companyDependents(tx, companyId);
      if (dependents.users > 0) throw refusal('UNDO_COMPANY_USERS_ADDED', `Users were added to "${company}" after the import; remove them first.`, { name: company });
      if (dependents.mappings > 0) throw refusal('UNDO_MAPPING_CHANGED', `"${company}" was mapped again after the import.`, { name: company });
      await history.deleteCompany(tx, companyId);
      return;
    }
    case 'cm': {
      const [, companyId, psaCompanyId, psaName] = change;
      await companyAsImported(tx, companyId, null, names.get(companyId) ?? psaName);
      await removeMapping(tx, psa, psaCompanyId, companyId, companyName(companyId));
      return;
    }
    case 'cu': {
      const [, companyId, psaCompanyId, psaNameAtMapping, mappedBy, mappedAt, lastImportedAt] = change;
      await companyAsImported(tx, companyId, null, psaNameAtMapping);
      if (await history.companyMappingNow(tx, psa, psaCompanyId)) throw refusal('UNDO_MAPPING_CHANGED', `"${psaNameAtMapping}" was mapped again after the import.`, { name: psaNameAtMapping });
      await history.restoreCompanyMapping(tx, psa, psaCompanyId, { managedCompanyId: companyId, psaNameAtMapping, mappedBy, mappedAt, lastImportedAt });
      return;
    }
    case 'ct': {
      const [, psaCompanyId, before, at, psaNameBefore] = change;
      const mapping = await history.companyMappingNow(tx, psa, psaCompanyId);
      if (!mapping || mapping.lastImportedAt !== at) {
        const name = mapping ? companyName(mapping.managedCompanyId) : psaCompanyId;
        throw refusal('UNDO_MAPPING_CHANGED', `The mapping of "${name}" changed after the import.`, { name });
      }
      await history.setCompanyMappingImportedAt(tx, psa, psaCompanyId, before, psaNameBefore);
      return;
    }
    case 'cr': {
      const [, companyId, from, to] = change;
      await companyAsImported(tx, companyId, to);
      await history.renameCompany(tx, companyId, from);
      return;
    }
    case 'uc': {
      const [, userId, companyId, psaContactId, email, name, at] = change;
      const user = await userAsImported(tx, userId, email, companyId, names);
      if (user.managedCompanyId !== companyId || user.name !== name || user.hasLicense !== 1 || user.updatedAt !== at) throw userChanged(email);
      const mapping = await history.contactMappingNow(tx, psa, psaContactId);
      if (mapping?.userId !== userId) throw refusal('UNDO_MAPPING_CHANGED', `The mapping of ${email} changed after the import.`, { name: email });
      await history.deleteContactMappingOf(tx, psa, psaContactId);
      if ((await history.userMappingCount(tx, userId)) > 0) throw refusal('UNDO_MAPPING_CHANGED', `${email} was mapped again after the import.`, { name: email });
      await history.deleteUser(tx, userId);
      return;
    }
    case 'um': {
      const [, userId, psaContactId, email] = change;
      const label = email ?? psaContactId;
      const mapping = await history.contactMappingNow(tx, psa, psaContactId);
      if (mapping?.userId !== userId) throw refusal('UNDO_MAPPING_CHANGED', `The mapping of ${label} changed after the import.`, { name: label });
      await history.deleteContactMappingOf(tx, psa, psaContactId);
      return;
    }
    case 'uu': {
      const [, userId, psaContactId, psaEmailAtMapping, mappedBy, mappedAt, lastImportedAt] = change;
      const label = psaEmailAtMapping ?? psaContactId;
      if (!(await history.userNow(tx, userId))) throw userChanged(label);
      if (await history.contactMappingNow(tx, psa, psaContactId)) throw refusal('UNDO_MAPPING_CHANGED', `${label} was mapped again after the import.`, { name: label });
      await history.restoreContactMapping(tx, psa, psaContactId, { userId, psaEmailAtMapping, mappedBy, mappedAt, lastImportedAt });
      return;
    }
    case 'ut': {
      const [, psaContactId, before, at] = change;
      const mapping = await history.contactMappingNow(tx, psa, psaContactId);
      if (!mapping || mapping.lastImportedAt !== at) throw refusal('UNDO_MAPPING_CHANGED', `The mapping of contact ${psaContactId} changed after the import.`, { name: psaContactId });
      await history.setContactMappingImportedAt(tx, psa, psaContactId, before);
      return;
    }
    case 'sg': {
      const [, userId, before, at] = change;
      const user = await history.userNow(tx, userId);
      if (!user || user.hasLicense !== 1 || user.updatedAt !== at) throw userChanged(user?.email ?? userId);
      await history.setUserLicense(tx, userId, false, before);
      return;
    }
    case 'ec': {
      const [, userId, from, to, before, at] = change;
      const user = await history.userNow(tx, userId);
      if (!user || emailKey(user.email) !== emailKey(to) || user.email !== to || user.updatedAt !== at) throw userChanged(user?.email ?? to);
      try {
        await history.setUserEmail(tx, userId, from, before);
      } catch {
        // Another user of the company has the old address now (the unique key refuses it).
        throw userChanged(to);
      }
      return;
    }
  }
}

function userChanged(email: string): DomainError {
  return refusal('UNDO_USER_CHANGED', `The user ${email} was changed or removed after the import.`, { name: email });
}

/** The company as the import left it: still there (and with the name it gave it, when `name` is given). Returns its name. */
async function companyAsImported(db: SqlReader, companyId: string, name: string | null, label = name ?? companyId): Promise<string> {
  const company = await history.companyNow(db, companyId);
  if (!company) throw refusal('UNDO_COMPANY_REMOVED', `"${label}" was removed after the import.`, { name: label });
  if (name !== null && company.name !== name) throw refusal('UNDO_COMPANY_RENAMED', `"${name}" was renamed to "${company.name}" after the import.`, { name, now: company.name });
  return company.name;
}

async function userAsImported(db: SqlReader, userId: string, email: string, companyId: string, names: ReadonlyMap<string, string>): Promise<history.UserNow> {
  const user = await history.userNow(db, userId);
  if (user) return user;
  // Gone with its company (removed by hand), or removed on its own.
  const label = names.get(companyId) ?? companyId;
  if (!(await history.companyNow(db, companyId))) throw refusal('UNDO_COMPANY_REMOVED', `"${label}" was removed after the import.`, { name: label });
  throw userChanged(email);
}

async function removeMapping(tx: SqlWriter, psa: PsaKind, psaCompanyId: string, companyId: string, name: string): Promise<void> {
  const mapping = await history.companyMappingNow(tx, psa, psaCompanyId);
  if (mapping?.managedCompanyId !== companyId) throw refusal('UNDO_MAPPING_CHANGED', `The mapping of "${name}" changed after the import.`, { name });
  await history.deleteCompanyMappingOf(tx, psa, psaCompanyId);
}
