/**
 * What one sync does, decided from what the directory says and what the workspace holds — pure, so the dry run, the
 * sync and the tests decide alike. The rules (the Rescue seed's, and the issue's):
 * - each user of a source group is matched to a technician by the directory's stable id, else by email (a technician
 *   made by hand is then linked to the user); a user in several pairs goes by the first pair, in the order configured;
 * - Name, Email and Status follow the directory, at first provisioning and at every later change;
 * - a technician is placed in its pair's group when it is created, and moved when its pair changes only while it is
 *   still in the group the sync last put it in: one an administrator moved in the app keeps its group;
 * - a user disabled in the directory, removed from every source group, or deleted becomes a disabled technician —
 *   never deleted — and gives its mobile license back;
 * - a problem with one user (no email, an email another account holds, no license left) skips that user's change
 *   only, and is reported.
 */
import type { DirectoryGroupId, DisableReason, PlanInput, PlannedChange, SyncPlan, TechnicianAfter } from './plan-types';
import type { SyncCounts, SyncProblem } from '../../../shared/directory-sync/schemas';
import type { SyncedTechnician } from '../db/repositories/directory-sync';
import type { DirectoryUser } from './directory-reader';

export const emailKeyOf = (email: string): string => email.trim().toLowerCase();

/** The name a technician gets: the directory's, else the email's local part (a technician must have one). */
function nameOf(user: DirectoryUser): string {
  return user.name !== '' ? user.name.slice(0, 200) : (user.email ?? '').split('@')[0] ?? '';
}

export function planSync(input: PlanInput): SyncPlan {
  const problems: SyncProblem[] = [];
  const changes: PlannedChange[] = [];
  const problem = (code: SyncProblem['code'], user: DirectoryUser, detail = '') => problems.push({ code, userDn: user.dn, name: nameOf(user), email: user.email ?? '', detail });

  // Who is wanted where: the first pair a user is in decides.
  const wanted = new Map<string, { user: DirectoryUser; groupId: DirectoryGroupId }>();
  const unreadable = new Set<string>();
  input.pairs.forEach((pair) => {
    for (const user of input.members.get(pair.sourceDn) ?? []) {
      // An entry without a stable id cannot be matched again next time: reported, never provisioned.
      if (user.id === '') unreadable.add(user.dn);
      else if (!wanted.has(user.id)) wanted.set(user.id, { user, groupId: pair.groupId });
    }
  });

  for (const dn of unreadable) problems.push({ code: 'invalid-entry', userDn: dn, name: '', email: '', detail: 'no stable id (objectGUID or entryUUID)' });

  const byDirectoryId = new Map<string, SyncedTechnician>();
  for (const technician of input.technicians) if (technician.directoryId !== '') byDirectoryId.set(technician.directoryId, technician);
  // The two maps by email are made only when needed: a sync with nothing new (the usual scheduled run) needs neither.
  let byEmailMap: Map<string, SyncedTechnician> | null = null;
  const byEmail = () => (byEmailMap ??= new Map(input.technicians.map((technician) => [emailKeyOf(technician.email), technician])));
  let holdersMap: Map<string, string> | null = null;
  /** Email keys as they will be once the plan is applied: who holds each (a technician id, or 'administrator'). */
  const holders = (): Map<string, string> => {
    if (holdersMap) return holdersMap;
    holdersMap = new Map<string, string>();
    for (const key of input.administratorEmails) holdersMap.set(key, 'administrator');
    for (const technician of input.technicians) holdersMap.set(emailKeyOf(technician.email), technician.id);
    return holdersMap;
  };
  const seats = { ...input.seats };
  const inUse = { ...input.licensesInUse };
  const claimedEmails = new Set<string>();
  const matched = new Set<string>();
  let unchanged = 0;

  // 1. Each wanted user's technician: by the directory's id, else one made by hand with the user's email (linked
  //    now). Already linked ones first, so an email one of them gives up is free for a new user in the same run.
  const everyone = [...wanted.values()];
  const ordered = [...everyone.filter(({ user }) => byDirectoryId.has(user.id)), ...everyone.filter(({ user }) => !byDirectoryId.has(user.id))];
  const matches: { user: DirectoryUser; groupId: DirectoryGroupId; technician: SyncedTechnician | null; key: string | null }[] = [];
  for (const { user, groupId } of ordered) {
    const key = user.email ? emailKeyOf(user.email) : null;
    let technician = byDirectoryId.get(user.id) ?? null;
    if (!technician && key !== null) {
      const holder = byEmail().get(key);
      if (holder && holder.directoryId === '' && !matched.has(holder.id)) technician = holder;
    }
    if (key !== null && claimedEmails.has(key)) {
      problem('duplicate-email', user);
      continue;
    }
    if (key !== null) claimedEmails.add(key);
    if (technician) matched.add(technician.id);
    matches.push({ user, groupId, technician, key });
  }

  // 2. New emails of existing technicians, settled until nothing moves: a chain (one gives up the address the next
  //    takes) goes through in one run; what stays blocked is held by another account.
  const newEmail = new Map<string, string>();
  const sameEmail = (key: string | null, technician: SyncedTechnician) => key === technician.email || key === emailKeyOf(technician.email);
  let pending = matches.filter(({ key, technician }) => technician && key !== null && !sameEmail(key, technician));
  for (let moved = true; moved && pending.length > 0; ) {
    moved = false;
    pending = pending.filter(({ user, technician, key }) => {
      if (!technician || !user.email || key === null) return false;
      const holder = holders().get(key);
      if (holder !== undefined && holder !== technician.id) return true;
      holders().delete(emailKeyOf(technician.email));
      holders().set(key, technician.id);
      newEmail.set(technician.id, user.email);
      moved = true;
      return false;
    });
  }
  const blocked = new Set(pending.map(({ technician }) => technician?.id));

  // 3. The changes.
  for (const { user, groupId, technician, key } of matches) {
    if (!technician) {
      if (user.email === null || user.email === '' || key === null) {
        problem('no-email', user);
        continue;
      }
      if (holders().has(key)) {
        problem('email-taken', user);
        continue;
      }
      const enabled = !user.disabled;
      const standard = input.newTechnicianLicenses.standard && take(seats, inUse, 'standard');
      const mobile = enabled && input.newTechnicianLicenses.mobile && take(seats, inUse, 'mobile');
      if (input.newTechnicianLicenses.standard && !standard) problem('license-exhausted', user, 'standard');
      if (enabled && input.newTechnicianLicenses.mobile && !mobile) problem('license-exhausted', user, 'mobile');
      holders().set(key, `new:${user.id}`);
      const after: TechnicianAfter = { name: nameOf(user), email: user.email, enabled, mobileLicense: mobile, groupId, directoryId: user.id, directoryGroupId: groupId };
      changes.push({ action: 'create', technician: null, user, after, standardLicense: standard, reason: null });
      continue;
    }

    // Email: follows the directory unless another account holds the new one (the rest of the change still goes).
    if (!user.email) problem('no-email', user);
    else if (blocked.has(technician.id)) problem('email-taken', user);
    const email = newEmail.get(technician.id) ?? (user.email && sameEmail(key, technician) ? user.email : technician.email);
    const enabled = !user.disabled;
    const placedBySync = technician.directoryGroupId !== null && technician.groupId === technician.directoryGroupId;
    const moves = placedBySync && technician.groupId !== groupId;
    const after: TechnicianAfter = {
      name: nameOf(user) || technician.name,
      email,
      enabled,
      // A disabled technician gives its mobile license back; enabling again does not take one.
      mobileLicense: enabled ? technician.mobileLicense : false,
      groupId: moves ? groupId : technician.groupId,
      directoryId: user.id,
      directoryGroupId: moves ? groupId : technician.directoryGroupId,
    };
    if (!enabled && technician.mobileLicense) inUse.mobile -= 1;
    const action = actionOf(technician, after);
    if (action) changes.push({ action, technician, user, after, standardLicense: technician.standardLicense, reason: action === 'disable' ? 'disabled-in-directory' : null });
    else unchanged += 1;
  }

  // Linked technicians whose user is in no source group any more: disabled, never deleted. By id, whatever order
  // the workspace read them in (it reads them unsorted: sorting thousands to disable a few is not worth it).
  const gone = input.technicians.filter((technician) => technician.directoryId !== '' && !matched.has(technician.id) && !wanted.has(technician.directoryId));
  for (const technician of gone.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!technician.enabled && !technician.mobileLicense) continue;
    const reason: DisableReason = input.existingUserIds === null || input.existingUserIds.has(technician.directoryId) ? 'removed-from-group' : 'deleted';
    const after: TechnicianAfter = { ...pick(technician), enabled: false, mobileLicense: false };
    if (technician.mobileLicense) inUse.mobile -= 1;
    changes.push({ action: 'disable', technician, user: null, after, standardLicense: technician.standardLicense, reason });
  }

  return { changes, problems, counts: countsOf(changes, problems, wanted.size, unchanged) };
}

function take(seats: { standard: number; mobile: number }, inUse: { standard: number; mobile: number }, kind: 'standard' | 'mobile'): boolean {
  if (inUse[kind] >= seats[kind]) return false;
  inUse[kind] += 1;
  return true;
}

function pick(technician: SyncedTechnician): TechnicianAfter {
  const { name, email, enabled, mobileLicense, groupId, directoryId, directoryGroupId } = technician;
  return { name, email, enabled, mobileLicense, groupId, directoryId, directoryGroupId };
}

/** The change's headline: disabling and enabling first, then moving, linking, other fields; null when nothing changes. */
function actionOf(before: SyncedTechnician, after: TechnicianAfter): PlannedChange['action'] | null {
  if (before.enabled && !after.enabled) return 'disable';
  if (!before.enabled && after.enabled) return 'enable';
  if (before.groupId !== after.groupId) return 'move';
  if (before.directoryId !== after.directoryId) return 'link';
  const same = before.name === after.name && before.email === after.email && before.mobileLicense === after.mobileLicense && before.directoryGroupId === after.directoryGroupId;
  return same ? null : 'update';
}

function countsOf(changes: readonly PlannedChange[], problems: readonly SyncProblem[], users: number, unchanged: number): SyncCounts {
  const created = changes.filter((change) => change.action === 'create').length;
  const disabled = changes.filter((change) => change.action === 'disable').length;
  return { created, updated: changes.length - created - disabled, disabled, unchanged, problems: problems.length, users };
}
