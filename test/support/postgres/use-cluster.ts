import { afterAll, beforeAll } from 'vitest';
import { startPgCluster, type PgCluster, type PgClusterOptions } from './cluster';

/** One throwaway PostgreSQL cluster for the test file: started before its first test, removed after its last. */
export function usePgCluster(options: PgClusterOptions = {}): () => PgCluster {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster(options);
  }, 120_000);
  afterAll(() => cluster?.destroy());
  return () => {
    if (!cluster) throw new Error('The PostgreSQL cluster is not running: call usePgCluster() at the top of the test file.');
    return cluster;
  };
}
