/**
 * Test connection against a PostgreSQL server that speaks TLS with a certificate from a throwaway CA:
 * each TLS mode does what the form promises, and a certificate the workstation cannot trust is a TLS
 * failure, not "unreachable" or "something went wrong".
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { TeamConnection, TeamProbe } from '../../shared/workspace/connection';
import { callAs, startCore } from '../support/core';
import { usePgCluster } from '../support/postgres/use-cluster';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const cluster = usePgCluster({ tls: true });

it('require encrypts without checking; verify-full accepts the right CA and the right name, and refuses a stranger CA or another name', async () => {
  const core = await startCore(tempDir());
  const database = await cluster().createDatabase();
  const probe = (overrides: Partial<TeamConnection>) =>
    callAs<TeamProbe>(core, 'window-1', 'workspace:test', {
      connection: { host: 'localhost', port: cluster().port, database, user: cluster().user, tls: 'require', caFile: null, ...overrides },
      password: cluster().password,
    });
  // A valid CA that signed nothing the server uses.
  const stranger = join(tempDir(), 'stranger-ca.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Stranger CA', '-keyout', join(tempDir(), 'stranger.key'), '-out', stranger], { stdio: 'ignore' });

  expect(await probe({ tls: 'require' })).toMatchObject({ outcome: 'reachable', state: 'empty' });
  expect(await probe({ tls: 'verify-full', caFile: cluster().caFile })).toMatchObject({ outcome: 'reachable', state: 'empty' });
  expect(await probe({ tls: 'verify-full', caFile: stranger })).toEqual({ outcome: 'failed', failure: 'tls' });
  // No CA file: the system's CAs do not know the throwaway one.
  expect(await probe({ tls: 'verify-full', caFile: null })).toEqual({ outcome: 'failed', failure: 'tls' });
  // The certificate names localhost; the same server by its address is not the name it vouches for.
  expect(await probe({ host: '127.0.0.1', tls: 'verify-full', caFile: cluster().caFile })).toEqual({ outcome: 'failed', failure: 'tls' });
  expect(await probe({ host: '127.0.0.1', tls: 'require' })).toMatchObject({ outcome: 'reachable' });
  expect(await probe({ tls: 'verify-full', caFile: join(tempDir(), 'missing.pem') })).toEqual({ outcome: 'failed', failure: 'tls' });
  await core.close();
}, 60_000);
