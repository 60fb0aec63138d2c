/**
 * The `unit-postgres` project's global set-up: throwaway PostgreSQL clusters for the whole run, ONE PER TEST
 * WORKER, each with a template database already migrated, so each test's fresh team workspace is a cheap copy
 * of it. A worker's tests see only their own server: what a test reads cluster-wide (the change token is the
 * server's transaction snapshot) is not moved by another worker's writes. Their addresses reach the test
 * workers through vitest's `provide` (see test/support/workspaces.ts).
 */
import { availableParallelism } from 'node:os';
import type { TestProject } from 'vitest/node';
import { PostgresWorkspace } from '../../../electron/main/db/postgres-workspace';
import { startPgCluster, type PgCluster } from './cluster';

export const TEMPLATE_DATABASE = 'roster_template';

export interface ProvidedCluster {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One per test worker: worker n (VITEST_POOL_ID, from 1) uses entry n − 1. */
    pgClusters: ProvidedCluster[];
  }
}

let clusters: PgCluster[] = [];

async function startTemplated(): Promise<PgCluster> {
  const cluster = await startPgCluster();
  clusters.push(cluster);
  await cluster.sql('postgres', `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const { workspace } = await PostgresWorkspace.open({
    connection: { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database: TEMPLATE_DATABASE },
  });
  await workspace.close();
  return cluster;
}

export async function setup(project: TestProject): Promise<void> {
  const workers = Math.max(1, project.config.maxWorkers || project.globalConfig.maxWorkers || availableParallelism());
  const started = await Promise.all(Array.from({ length: workers }, () => startTemplated()));
  project.provide(
    'pgClusters',
    started.map((cluster) => ({ host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, template: TEMPLATE_DATABASE })),
  );
}

export function teardown(): void {
  for (const cluster of clusters) cluster.destroy();
  clusters = [];
}
