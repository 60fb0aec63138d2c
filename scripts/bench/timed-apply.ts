/** One measured apply, as the app runs it (lock taken, seats enough), on whichever workspace it is given. */
import type { Workspace } from '../../electron/main/db/workspace';
import { writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import { applyImport, LICENSE_SEATS_KEY } from '../../electron/main/import/apply-import';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import type { syntheticImport } from '../../test/support/import-fixtures';

/** Milliseconds the apply itself took; throws when it did not import every user. */
export async function timedApply(workspace: Workspace, { fetched, plan }: ReturnType<typeof syntheticImport>, expectedUsers: number): Promise<number> {
  await workspace.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, 1_000_000));
  const locks = new IntegrationLocks(workspace);
  const acquired = await locks.acquire('autotask', { adminId: 'bench', name: 'Bench', session: 'bench' });
  if (!acquired.ok) throw new Error('lock');
  const started = performance.now();
  const results = await applyImport(plan, fetched, { workspace, locks, lock: acquired.lock, session: 'bench', actorId: 'bench', psa: 'autotask' });
  const elapsed = performance.now() - started;
  if (results.users.filter((user) => user.outcome === 'imported').length !== expectedUsers) throw new Error('incomplete apply');
  return elapsed;
}
