import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/main/db/workspace';
import { IntegrationLocks, type AcquireResult } from '../../electron/main/locks/integration-locks';
import { useTempDirs } from '../support/temp-dir';
import { openTestWorkspace, testWorkspaceTarget } from '../support/workspaces';

const tempDir = useTempDirs();
const ann = { adminId: 'a1', name: 'Ann', session: 'ann-window-1' };
const bob = { adminId: 'b1', name: 'Bob', session: 'bob-window-1' };

async function open(leaseMs = 1_000, now?: () => number) {
  const dir = tempDir();
  const workspace = await openTestWorkspace(dir);
  return { target: await testWorkspaceTarget(dir), workspace, locks: new IntegrationLocks(workspace, leaseMs, now) };
}

function fencedWrite(locks: IntegrationLocks, workspace: Workspace, lock: Extract<AcquireResult, { ok: true }>['lock'], session: string) {
  return workspace.transaction(async (tx) => {
    await locks.assertHeld(tx, lock, session);
    await tx.execute(
      tx.q
        .insertInto('workspace_settings')
        .values({ key: 'fenced', value: JSON.stringify(session) })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(session) })),
    );
  });
}

describe('integration locks', () => {
  it('let one administrator in and tell the next who holds it and since when', async () => {
    const { locks, workspace } = await open();
    const first = await locks.acquire('autotask', ann);
    expect(first.ok).toBe(true);
    const second = await locks.acquire('autotask', bob);
    expect(second).toMatchObject({ ok: false, heldBy: { holderName: 'Ann', holderAdminId: 'a1' } });
    expect(!second.ok && Date.parse(second.heldBy.since)).toBeGreaterThan(0);
    // Another integration is another lock.
    expect((await locks.acquire('connectwise', bob)).ok).toBe(true);
    await workspace.close();
  });

  it('treat a second window of the same administrator as someone else', async () => {
    const { locks, workspace } = await open();
    await locks.acquire('autotask', ann);
    expect((await locks.acquire('autotask', { ...ann, session: 'ann-window-2' })).ok).toBe(false);
    await workspace.close();
  });

  it('expire when the holder stops renewing, and hand out a larger fencing token', async () => {
    let clock = 1_000_000;
    const { locks, workspace } = await open(120_000, () => clock);
    const first = await locks.acquire('autotask', ann);
    clock += 119_000;
    expect((await locks.acquire('autotask', bob)).ok).toBe(false);
    clock += 2_000;
    const second = await locks.acquire('autotask', bob);
    expect(second.ok && first.ok && second.lock.token).toBeGreaterThan(first.ok ? first.lock.token : Infinity);
    // Ann's heartbeat now reports the loss, and her writes are fenced off.
    expect(first.ok && (await locks.renew(first.lock, ann.session))).toBeNull();
    await expect(first.ok ? fencedWrite(locks, workspace, first.lock, ann.session) : Promise.resolve()).rejects.toMatchObject({ code: 'INTEGRATION_LOCKED' });
    expect(second.ok && (await fencedWrite(locks, workspace, second.lock, bob.session).then(() => 'written'))).toBe('written');
    await workspace.close();
  });

  it('are kept alive by renewing', async () => {
    let clock = 0;
    const { locks, workspace } = await open(1_000, () => clock);
    const acquired = await locks.acquire('autotask', ann);
    let lock = acquired.ok ? acquired.lock : null;
    for (let beat = 0; beat < 5; beat++) {
      clock += 600;
      lock = lock && (await locks.renew(lock, ann.session));
    }
    expect(lock).not.toBeNull();
    expect((await locks.acquire('autotask', bob)).ok).toBe(false);
    await workspace.close();
  });

  it('can be force-released by a master admin, with an audit entry, fencing the old holder', async () => {
    const { locks, workspace } = await open();
    const held = await locks.acquire('autotask', ann);
    expect(await locks.forceRelease('autotask', 'master-1')).toMatchObject({ holderName: 'Ann' });
    const audit = await workspace.read.rows(workspace.read.q.selectFrom('audit_log').select(['action', 'actor_id']));
    expect(audit).toEqual([{ action: 'lock.force_released', actor_id: 'master-1' }]);
    await expect(held.ok ? fencedWrite(locks, workspace, held.lock, ann.session) : Promise.resolve()).rejects.toMatchObject({ code: 'INTEGRATION_LOCKED' });
    expect((await locks.acquire('autotask', bob)).ok).toBe(true);
    await workspace.close();
  });

  it('released locks are free at once; releasing a lost lock does not free the new holder’s', async () => {
    let clock = 0;
    const { locks, workspace } = await open(1_000, () => clock);
    const ann1 = await locks.acquire('autotask', ann);
    clock += 2_000;
    const bob1 = await locks.acquire('autotask', bob);
    if (ann1.ok) await locks.release(ann1.lock, ann.session);
    expect(await locks.holder('autotask')).toMatchObject({ holderName: 'Bob' });
    if (bob1.ok) await locks.release(bob1.lock, bob.session);
    expect(await locks.holder('autotask')).toBeNull();
    await workspace.close();
  });

  it('hold across processes sharing the workspace', async () => {
    const lease = 2_000;
    const { target, locks, workspace } = await open(lease);
    const contender = (...args: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'test/support/lock-contender.ts'), JSON.stringify(target), String(lease), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const firstLine = async (child: ReturnType<typeof contender>) => {
      for await (const line of createInterface({ input: child.stdout })) return JSON.parse(line) as AcquireResult;
      throw new Error('no output');
    };

    // The other process takes the lock and keeps it alive by heartbeat for a while.
    const holder = contender('hold', '3000');
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    expect(await firstLine(holder)).toMatchObject({ ok: true });
    expect(await locks.acquire('autotask', ann)).toMatchObject({ ok: false, heldBy: { holderName: 'Child Process Admin' } });
    await exited;
    // It exited without releasing: once the lease has run out, the lock is ours.
    let mine = await locks.acquire('autotask', ann);
    for (let tries = 0; !mine.ok && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      mine = await locks.acquire('autotask', ann);
    }
    expect(mine.ok).toBe(true);
    // And now the other process is the one kept out (Ann keeps her lease alive by heartbeat, as the app does,
    // however long the other process takes to start).
    let held = mine.ok ? mine.lock : null;
    const heartbeat = setInterval(() => void (held && locks.renew(held, ann.session).then((renewed) => (held = renewed ?? held))), lease / 4);
    try {
      expect(await firstLine(contender('acquire'))).toMatchObject({ ok: false, heldBy: { holderName: 'Ann' } });
    } finally {
      clearInterval(heartbeat);
    }
    await workspace.close();
  }, 30_000);
});
