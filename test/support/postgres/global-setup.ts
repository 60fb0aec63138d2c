/**
 * The `unit-postgres` project's global set-up: ONE throwaway PostgreSQL cluster for the whole run, with a
 * template database already migrated, so each test's fresh team workspace is a cheap copy of it. Its address
 * reaches the test workers through vitest's `provide` (see test/support/workspaces.ts).
 */
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
    pgCluster: ProvidedCluster;
  }
}

let cluster: PgCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPgCluster();
  await cluster.sql('postgres', `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const { workspace } = await PostgresWorkspace.open({
    connection: { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database: TEMPLATE_DATABASE },
  });
  await workspace.close();
  project.provide('pgCluster', { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, template: TEMPLATE_DATABASE });
}

export function teardown(): void {
  cluster?.destroy();
  cluster = undefined;
}
