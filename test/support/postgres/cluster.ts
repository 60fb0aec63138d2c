/**
 * A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, started on a free loopback
 * port with fsync off, password authentication over TCP (as a real server has), stopped and removed at the
 * end. PostgreSQL refuses to run as root, so as root the programs run as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import pg from 'pg';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin } from '../deps/postgres';

export const PG_SUPERUSER = 'roster_test';
export const PG_PASSWORD = 'Quiet-Harbour-Lantern-49';

export interface PgCluster {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Creates an empty database and returns its name. */
  createDatabase(prefix?: string): Promise<string>;
  /** Runs SQL as the superuser in `database` (test set-up only). */
  sql(database: string, text: string): Promise<pg.QueryResult>;
  /** Stops the server (fast shutdown), keeping its files: `start` brings it back on the same port. */
  stop(): void;
  start(): void;
  /** Stops and removes everything. */
  destroy(): void;
  /** With `tls: true`: the PEM of the throwaway CA that signed the server's certificate (for the name localhost only). */
  readonly caFile: string | null;
}

export interface PgClusterOptions {
  /** Serve TLS too (ssl=on) with a certificate from a throwaway CA; plain connections stay allowed. */
  readonly tls?: boolean;
}

/** A CA and a server certificate for the name localhost, made with the openssl command line. */
function makeCertificates(root: string, asRoot: boolean): { caFile: string; certFile: string; keyFile: string } {
  const file = (name: string) => join(root, name);
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr.trim().split('\n').slice(-2).join(' ')}`);
  };
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=MSP Roster test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('san.ext'), 'subjectAltName=DNS:localhost\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('san.ext'), '-out', file('server.crt'));
  chmodSync(file('server.key'), 0o600);
  if (asRoot) {
    const { uid, gid } = postgresUser();
    for (const name of ['server.key', 'server.crt']) chownSync(file(name), uid, gid);
  }
  return { caFile: file('ca.pem'), certFile: file('server.crt'), keyFile: file('server.key') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(clusterOptions: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is missing: run `npm run test:deps -- postgres` (or `sudo apt-get install postgresql`).');
  const root = mkdtempSync(join(tmpdir(), 'msp-roster-pg-'));
  const data = join(root, 'data');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const run = (program: string, args: readonly string[]) => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : [...args];
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${program} failed: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`);
    return result.stdout;
  };
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  if (asRoot) chownSync(pwfile, postgresUser().uid, postgresUser().gid);
  run('initdb', ['-D', data, '-U', PG_SUPERUSER, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const certificates = clusterOptions.tls ? makeCertificates(root, asRoot) : null;
  const ssl = certificates ? ` -c ssl=on -c ssl_cert_file=${certificates.certFile} -c ssl_key_file=${certificates.keyFile}` : '';
  const options = `-F -p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${ssl}`;
  const start = () => void run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = () => void run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let databases = 0;
  const sql = async (database: string, text: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: PG_SUPERUSER, password: PG_PASSWORD, database });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    host: '127.0.0.1',
    port,
    user: PG_SUPERUSER,
    password: PG_PASSWORD,
    createDatabase: async (prefix = 'roster') => {
      const name = `${prefix}_${process.pid}_${++databases}`;
      await sql('postgres', `CREATE DATABASE ${name}`);
      return name;
    },
    sql,
    stop,
    start,
    caFile: certificates?.caFile ?? null,
    destroy: () => {
      try {
        stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
