/**
 * The workspace a domain test runs on: a local SQLite file (the `unit` project), or a fresh team database on
 * the run's throwaway PostgreSQL cluster (the `unit-postgres` project, MSP_TEST_WORKSPACE=postgres). One suite,
 * two backends: tests ask for a workspace here instead of opening SQLite themselves.
 */
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openWorkspace, type WorkspaceTarget } from '../../electron/main/db/open-workspace';
import type { Workspace } from '../../electron/main/db/workspace';
import { WORKSPACE_FILE } from '../../electron/main/db/workspace-files';

export type TestBackend = 'sqlite' | 'postgres';

export const TEST_BACKEND: TestBackend = process.env['MSP_TEST_WORKSPACE'] === 'postgres' ? 'postgres' : 'sqlite';

/** This worker's own cluster (see test/support/postgres/global-setup.ts). */
function workerCluster() {
  const clusters = inject('pgClusters');
  const worker = Number(process.env['VITEST_POOL_ID'] ?? '1');
  return clusters[(Math.max(1, worker) - 1) % clusters.length]!;
}

/** One database per data folder: a test that restarts its core on the same folder finds the same workspace again. */
const databases = new Map<string, Promise<string>>();
let created = 0;

async function createDatabase(): Promise<string> {
  const cluster = workerCluster();
  const name = `roster_${process.pid}_${++created}`;
  const client = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${cluster.template}`);
  } finally {
    await client.end();
  }
  return name;
}

/** The workspace of data folder `dataDir` on this run's backend (a team database is created on first use). */
export async function testWorkspaceTarget(dataDir: string): Promise<WorkspaceTarget> {
  if (TEST_BACKEND === 'sqlite') return { kind: 'local', file: join(dataDir, WORKSPACE_FILE) };
  let database = databases.get(dataDir);
  if (!database) {
    database = createDatabase();
    databases.set(dataDir, database);
  }
  const cluster = workerCluster();
  return {
    kind: 'team',
    connection: { host: cluster.host, port: cluster.port, database: await database, user: cluster.user, tls: 'disable', caFile: null },
    password: cluster.password,
    applicationName: `MSP Roster (test ${process.pid})`,
  };
}

/** Opens (creating and migrating when new) the workspace of `dataDir` on this run's backend. */
export async function openTestWorkspace(dataDir: string): Promise<Workspace> {
  return (await openWorkspace(await testWorkspaceTarget(dataDir))).workspace;
}
