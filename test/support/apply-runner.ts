/**
 * A child process that applies a synthetic import to a workspace file, for
 * crash tests: `tsx test/support/apply-runner.ts <file> <companies> <perCompany>`.
 * A killed run leaves its lock behind, so each run first force-releases it, as
 * a Master Administrator would.
 * Prints "started" once it holds the lock; the test kills it at a random moment.
 */
import { writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { applyImport, LICENSE_SEATS_KEY } from '../../electron/main/import/apply-import';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import { syntheticImport } from './import-fixtures';

const [file, companies, perCompany] = process.argv.slice(2);
const { workspace } = await SqliteWorkspace.open({ file: file! });
await workspace.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, 1_000_000));
const locks = new IntegrationLocks(workspace);
const session = `runner-${process.pid}`;
await locks.forceRelease('autotask', 'admin-runner');
const acquired = await locks.acquire('autotask', { adminId: 'admin-runner', name: 'Runner', session });
if (!acquired.ok) throw new Error('The lock is held by someone else');
const { fetched, plan } = syntheticImport(Number(companies), Number(perCompany));
// Flushed before the (mostly synchronous) apply starts, so the test's timer starts now.
await new Promise<void>((resolve) => process.stdout.write('started\n', () => resolve()));
await applyImport(plan, fetched, { workspace, locks, lock: acquired.lock, session, actorId: 'admin-runner', psa: 'autotask', batchSize: 5 });
process.stdout.write('finished\n');
await workspace.close();
