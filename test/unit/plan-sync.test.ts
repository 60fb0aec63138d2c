/**
 * The directory sync's decisions (plan-sync.ts), pure: the seed's rules one by one, and properties over random
 * directories and workspaces — a plan applied and planned again changes nothing, licenses never run over, emails
 * stay unique, nobody is deleted, and everyone outside the source groups ends disabled without a mobile license.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncedTechnician } from '../../electron/main/db/repositories/directory-sync';
import type { DirectoryUser } from '../../electron/main/directory-sync/directory-reader';
import { emailKeyOf, planSync } from '../../electron/main/directory-sync/plan-sync';
import type { PlanInput, SyncPlan } from '../../electron/main/directory-sync/plan-types';

const A = 'cn=desk,ou=groups,dc=example,dc=com';
const B = 'cn=field,ou=groups,dc=example,dc=com';

const user = (id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({ dn: `cn=${id},ou=people,dc=example,dc=com`, id, name: `User ${id}`, email: `${id}@example.com`, disabled: false, ...overrides });
const technician = (id: string, overrides: Partial<SyncedTechnician> = {}): SyncedTechnician => ({
  id: `t-${id}`,
  groupId: 1,
  name: `User ${id}`,
  email: `${id}@example.com`,
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
  directoryId: id,
  directoryGroupId: 1,
  ...overrides,
});

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    pairs: [
      { sourceDn: A, sourceName: 'Desk', groupId: 1 },
      { sourceDn: B, sourceName: 'Field', groupId: 2 },
    ],
    members: new Map(),
    existingUserIds: null,
    technicians: [],
    administratorEmails: new Set(),
    seats: { standard: 100, mobile: 100 },
    licensesInUse: { standard: 0, mobile: 0 },
    newTechnicianLicenses: { standard: true, mobile: false },
    ...overrides,
  };
}

/** The workspace after the plan, as the runner writes it. */
function applied(technicians: readonly SyncedTechnician[], plan: SyncPlan): SyncedTechnician[] {
  const byId = new Map(technicians.map((one) => [one.id, one]));
  for (const change of plan.changes) {
    const id = change.technician?.id ?? `t-new-${change.after.directoryId}`;
    const before = change.technician;
    byId.set(id, { id, standardLicense: before ? before.standardLicense : change.standardLicense, ...change.after });
  }
  return [...byId.values()];
}

describe('a sync plan', () => {
  it('creates a technician for each user of a source group, in its pair’s group, with the licenses set for new technicians', () => {
    const plan = planSync(input({ members: new Map([[A, [user('ann')]], [B, [user('bob', { disabled: true })]]]), newTechnicianLicenses: { standard: true, mobile: true } }));
    expect(plan.changes.map((change) => [change.action, change.after.name, change.after.groupId, change.after.enabled, change.standardLicense, change.after.mobileLicense])).toEqual([
      ['create', 'User ann', 1, true, true, true],
      // A user disabled in the directory arrives disabled, without a mobile license.
      ['create', 'User bob', 2, false, true, false],
    ]);
    expect(plan.counts).toMatchObject({ created: 2, updated: 0, disabled: 0, users: 2 });
  });

  it('follows a rename and an email change, matched by the directory’s id', () => {
    const plan = planSync(input({ members: new Map([[A, [user('ann', { name: 'Ann Smith', email: 'ann.smith@example.com' })]]]), technicians: [technician('ann')] }));
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ action: 'update', after: { name: 'Ann Smith', email: 'ann.smith@example.com', groupId: 1 } });
  });

  it('disables a technician whose user is disabled, removed from the groups, or deleted — and releases the mobile license', () => {
    const plan = planSync(
      input({
        members: new Map([[A, [user('ann', { disabled: true })]]]),
        existingUserIds: new Set(['ann', 'bob']),
        technicians: [technician('ann', { mobileLicense: true }), technician('bob', { mobileLicense: true }), technician('cid', { mobileLicense: true }), technician('manual', { directoryId: '' })],
      }),
    );
    expect(plan.changes.map((change) => [change.technician?.id, change.action, change.reason, change.after.enabled, change.after.mobileLicense])).toEqual([
      ['t-ann', 'disable', 'disabled-in-directory', false, false],
      ['t-bob', 'disable', 'removed-from-group', false, false],
      ['t-cid', 'disable', 'deleted', false, false],
    ]);
  });

  it('does not move back a technician an administrator moved, but keeps its status in step', () => {
    const moved = technician('ann', { groupId: 7, directoryGroupId: 1 });
    const plan = planSync(input({ members: new Map([[A, [user('ann', { disabled: true })]]]), technicians: [moved] }));
    expect(plan.changes[0]).toMatchObject({ action: 'disable', after: { groupId: 7, enabled: false } });
  });

  it('moves a technician the sync placed when its user now belongs to another pair', () => {
    const plan = planSync(input({ members: new Map([[B, [user('ann')]]]), technicians: [technician('ann')] }));
    expect(plan.changes[0]).toMatchObject({ action: 'move', after: { groupId: 2, directoryGroupId: 2 } });
  });

  it('links a technician made by hand with the same email, and reports users it cannot sync', () => {
    const plan = planSync(
      input({
        members: new Map([[A, [user('ann', { email: 'ANN@example.com' }), user('nomail', { email: null }), user('admin', { email: 'boss@example.com' }), user('twin', { email: 'ann@example.com' })]]]),
        technicians: [technician('hand', { email: 'ann@example.com', directoryId: '', directoryGroupId: null, groupId: 5 })],
        administratorEmails: new Set(['boss@example.com']),
      }),
    );
    expect(plan.changes.map((change) => [change.action, change.technician?.id, change.after.groupId, change.after.directoryId])).toEqual([['link', 't-hand', 5, 'ann']]);
    expect(plan.problems.map((problem) => [problem.code, problem.email]).sort()).toEqual([
      ['duplicate-email', 'ann@example.com'],
      ['email-taken', 'boss@example.com'],
      ['no-email', ''],
    ]);
  });

  it('creates technicians without a license once the seats run out, and says so', () => {
    const plan = planSync(input({ members: new Map([[A, [user('a'), user('b')]]]), seats: { standard: 1, mobile: 0 }, licensesInUse: { standard: 0, mobile: 0 } }));
    expect(plan.changes.map((change) => change.standardLicense)).toEqual([true, false]);
    expect(plan.problems.map((problem) => [problem.code, problem.detail])).toEqual([['license-exhausted', 'standard']]);
  });

  it('reports an entry without a stable id instead of provisioning it', () => {
    const plan = planSync(input({ members: new Map([[A, [user('', { dn: 'cn=ghost,dc=example,dc=com' })]]]) }));
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((problem) => [problem.code, problem.userDn])).toEqual([['invalid-entry', 'cn=ghost,dc=example,dc=com']]);
  });

  it('goes by the first pair for a user in two source groups', () => {
    const plan = planSync(input({ members: new Map([[A, [user('ann')]], [B, [user('ann')]]]) }));
    expect(plan.changes.map((change) => change.after.groupId)).toEqual([1]);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────

const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
const emails = ['a@x.io', 'b@x.io', 'c@x.io', 'A@x.io', 'd@x.io', 'e@x.io', 'boss@x.io'];
const arbUser = fc.record({
  id: fc.constantFrom(...ids),
  name: fc.constantFrom('', 'Ann', 'Bob'),
  email: fc.option(fc.constantFrom(...emails), { nil: null }),
  disabled: fc.boolean(),
});
const arbTechnician = fc.record({
  directoryId: fc.constantFrom('', ...ids),
  email: fc.constantFrom(...emails, 'f@x.io', 'g@x.io'),
  groupId: fc.constantFrom(1, 2, 9),
  enabled: fc.boolean(),
  mobileLicense: fc.boolean(),
  placed: fc.boolean(),
});
const arbInput = fc
  .record({
    inA: fc.array(arbUser, { maxLength: 6 }),
    inB: fc.array(arbUser, { maxLength: 6 }),
    technicians: fc.array(arbTechnician, { maxLength: 6 }),
    seats: fc.record({ standard: fc.nat(8), mobile: fc.nat(8) }),
    licenses: fc.record({ standard: fc.boolean(), mobile: fc.boolean() }),
    existingExtra: fc.subarray(ids),
  })
  .map(({ inA, inB, technicians, seats, licenses, existingExtra }): PlanInput => {
    // One directory: each id is one user (the first drawn wins), emails unique per account in the workspace.
    const directory = new Map<string, DirectoryUser>();
    for (const drawn of [...inA, ...inB]) if (!directory.has(drawn.id)) directory.set(drawn.id, { dn: `cn=${drawn.id},dc=x`, ...drawn });
    const seenIds = new Set<string>();
    const seenEmails = new Set<string>(['boss@x.io']);
    const workspace: SyncedTechnician[] = [];
    technicians.forEach((drawn, index) => {
      if ((drawn.directoryId !== '' && seenIds.has(drawn.directoryId)) || seenEmails.has(emailKeyOf(drawn.email))) return;
      seenIds.add(drawn.directoryId);
      seenEmails.add(emailKeyOf(drawn.email));
      workspace.push({ id: `t${index}`, groupId: drawn.groupId, name: 'T', email: drawn.email, enabled: drawn.enabled, standardLicense: false, mobileLicense: drawn.enabled && drawn.mobileLicense, directoryId: drawn.directoryId, directoryGroupId: drawn.placed ? drawn.groupId : null });
    });
    const pick = (list: typeof inA) => [...new Set(list.map((one) => one.id))].map((id) => directory.get(id) as DirectoryUser);
    const mobileInUse = workspace.filter((one) => one.mobileLicense).length;
    return input({
      members: new Map([[A, pick(inA)], [B, pick(inB)]]),
      existingUserIds: new Set([...directory.keys(), ...existingExtra]),
      technicians: workspace,
      administratorEmails: new Set(['boss@x.io']),
      seats: { standard: seats.standard, mobile: Math.max(seats.mobile, mobileInUse) },
      licensesInUse: { standard: 0, mobile: mobileInUse },
      newTechnicianLicenses: licenses,
    });
  });

describe('sync plans, over random directories and workspaces', () => {
  it('converge: applied and planned again with the same directory, nothing changes', () => {
    fc.assert(
      fc.property(arbInput, (first) => {
        const after = applied(first.technicians, planSync(first));
        const second = planSync({ ...first, technicians: after, licensesInUse: { standard: after.filter((one) => one.standardLicense).length, mobile: after.filter((one) => one.mobileLicense).length } });
        expect(second.changes).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('do not depend on the order the workspace lists its technicians in (it reads them unsorted)', () => {
    const inputAndShuffled = arbInput.chain((planned) =>
      fc.tuple(fc.constant(planned), fc.shuffledSubarray([...planned.technicians], { minLength: planned.technicians.length, maxLength: planned.technicians.length })),
    );
    fc.assert(
      fc.property(inputAndShuffled, ([planned, shuffled]) => {
        expect(planSync({ ...planned, technicians: shuffled })).toEqual(planSync(planned));
      }),
      { numRuns: 400 },
    );
  });

  it('never delete, never exceed the seats, keep emails unique, and leave no one outside the groups enabled', () => {
    fc.assert(
      fc.property(arbInput, (planned) => {
        const plan = planSync(planned);
        const after = applied(planned.technicians, plan);
        expect(after.length).toBeGreaterThanOrEqual(planned.technicians.length);
        expect(after.filter((one) => one.mobileLicense).length).toBeLessThanOrEqual(planned.seats.mobile);
        expect(after.filter((one) => one.standardLicense).length).toBeLessThanOrEqual(planned.seats.standard);
        const keys = after.map((one) => emailKeyOf(one.email));
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).not.toContain('boss@x.io');
        const wanted = new Set([...planned.members.values()].flat().map((one) => one.id));
        for (const one of after) {
          if (one.directoryId !== '' && !wanted.has(one.directoryId)) expect([one.enabled, one.mobileLicense]).toEqual([false, false]);
          if (!one.enabled) expect(one.mobileLicense).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
