import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The domain suites that touch the workspace run twice: on a local SQLite file (`unit`) and on a team database on
 * a throwaway PostgreSQL cluster (`unit-postgres`, one cluster for the run). Suites that are about SQLite files as
 * such (a child killed while writing one, migrations of an old file) stay in `unit` only: see their headers.
 */
const ON_BOTH_BACKENDS = [
  'test/unit/apply-import.test.ts',
  'test/unit/auth-service.test.ts',
  'test/unit/directory-service.test.ts',
  'test/unit/directory-sync.test.ts',
  'test/unit/fetch-jobs.test.ts',
  'test/unit/import-decisions.test.ts',
  'test/unit/import-history.test.ts',
  'test/unit/import-retry.test.ts',
  'test/unit/import-sessions.test.ts',
  'test/unit/import-snapshots.test.ts',
  'test/unit/integration-locks.test.ts',
  'test/unit/lock-events.test.ts',
  'test/unit/organisation.test.ts',
  'test/unit/permissions.test.ts',
  'test/unit/preview-services.test.ts',
  'test/unit/preview-contact-matches.test.ts',
  'test/unit/reconciliation-view.test.ts',
  'test/unit/technician-import.test.ts',
];

/**
 * Suites that measure the event loop's responsiveness run after all the others, one at a time: a test worker
 * beside them on a 2-core machine would be what they measure.
 */
const ALONE = ['test/unit/psa-page-responsiveness.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // Vitest's default leaves a core free (cores − 1): on CI's 2 cores that is ONE worker for the whole run. Most test
    // files spend their time waiting on PostgreSQL, child processes, sockets and timers, not on the CPU: use every core.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: [...configDefaults.exclude, ...ALONE], environment: 'node' } },
      { extends: true, test: { name: 'unit-alone', include: ALONE, environment: 'node', maxWorkers: 1, sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: {
          name: 'unit-postgres',
          include: ON_BOTH_BACKENDS,
          environment: 'node',
          env: { MSP_TEST_WORKSPACE: 'postgres' },
          globalSetup: ['test/support/postgres/global-setup.ts'],
        },
      },
      // Renderer logic with a screen: React components in a DOM (happy-dom) with Testing Library.
      { extends: true, test: { name: 'component', include: ['test/component/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['test/component/setup.ts'] } },
    ],
  },
});
