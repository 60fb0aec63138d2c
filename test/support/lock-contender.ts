/**
 * A second process on the same workspace, for lock contention tests:
 * `tsx test/support/lock-contender.ts <workspace target as JSON> <lease ms> <command>`
 * where command is `acquire` (prints the AcquireResult as JSON) or
 * `hold <ms>` (acquires, renews by heartbeat for ms, then exits without releasing).
 */
import { openWorkspace, type WorkspaceTarget } from '../../electron/main/db/open-workspace';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';

const [targetJson, leaseText, command, holdText] = process.argv.slice(2);
const { workspace } = await openWorkspace(JSON.parse(targetJson!) as WorkspaceTarget);
const locks = new IntegrationLocks(workspace, Number(leaseText));
const holder = { adminId: 'admin-child', name: 'Child Process Admin', session: `child-${process.pid}` };
const result = await locks.acquire('autotask', holder);
process.stdout.write(`${JSON.stringify(result)}\n`);
if (command === 'hold' && result.ok) {
  let lock = result.lock;
  const until = Date.now() + Number(holdText);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Number(leaseText) / 4));
    lock = (await locks.renew(lock, holder.session)) ?? lock;
  }
}
await workspace.close();
