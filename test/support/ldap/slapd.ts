/**
 * A throwaway OpenLDAP slapd for the directory-sync tests: a temporary folder with an old-style slapd.conf and an mdb
 * database, plain LDAP (StartTLS offered) and LDAPS on free loopback ports, a CA and server certificate made at
 * start, the admin (rootdn) and a read-only service account the ACLs let read the tree, and limits like Active
 * Directory's (1,000 entries per search without paging; paged searches may go beyond): code that forgets to page
 * fails here as it would against AD. stop() kills it and removes the folder.
 *
 * Bulk data goes in before the start with slapadd (`seed`): thousands of entries load in well under a second,
 * where adding them one by one over LDAP takes many.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Attribute, Change, Client, Control, type Entry } from 'ldapts';
import { findOpenldapPrograms } from '../deps/openldap';
import { makeCertificates } from './certificates';
import { toAttributes, toLdif, type LdapEntry, type LdapValue } from './ldif';

export const SLAPD_HOST = '127.0.0.1';
/** Linux answers on all of 127.0.0.0/8; elsewhere only 127.0.0.1 is sure to be there. */
const UNNAMED_HOST = process.platform === 'linux' ? '127.0.0.2' : null;
export const DEFAULT_BASE_DN = 'dc=example,dc=com';
const ADMIN_PASSWORD = 'Admin-Lantern-Quiet-71';
const SERVICE_PASSWORD = 'Service-Harbour-Cedar-38';

export interface SlapdOptions {
  /** The suffix (default dc=example,dc=com): its first RDN must be dc=…. */
  readonly baseDn?: string;
  /** Offer TLS (LDAPS and StartTLS; default true). Without it StartTLS is refused and there is no LDAPS port. */
  readonly tls?: boolean;
  /** Entries (or LDIF text) slapadd-ed before the start, after the base entries (parents before children). */
  readonly seed?: readonly LdapEntry[] | string;
}

/** Changes for `modify`: an attribute's new values (replace), or null to remove the attribute. */
export type Modification = Readonly<Record<string, LdapValue | readonly LdapValue[] | null>>;

export interface Slapd {
  readonly host: string;
  readonly ldapPort: number;
  /** 0 when started with tls: false. */
  readonly ldapsPort: number;
  readonly baseDn: string;
  /** ou=People and ou=Groups under the base DN, made at start (empty). */
  readonly peopleDn: string;
  readonly groupsDn: string;
  readonly adminDn: string;
  readonly adminPassword: string;
  /** The read-only service account (cn=roster-sync,ou=Service,<base>). */
  readonly bindDn: string;
  readonly bindPassword: string;
  /** The CA that signed the server's certificate (SAN: 127.0.0.1 and localhost); '' without TLS. */
  readonly caPem: string;
  /** A CA that signed nothing here; '' without TLS. */
  readonly wrongCaPem: string;
  /**
   * The same server at another loopback address its certificate does not name (127.0.0.2: Linux routes all of
   * 127/8 to loopback), for the name-mismatch test; null where that address is not there.
   */
  readonly unnamedHost: string | null;
  /** The folder holding the configuration and database (removed by stop). */
  readonly folder: string;
  add(entries: LdapEntry | readonly LdapEntry[]): Promise<void>;
  modify(dn: string, changes: Modification): Promise<void>;
  /** Deletes the entry (a leaf), or with `subtree` it and everything under it (children first). */
  delete(dn: string, options?: { subtree?: boolean }): Promise<void>;
  /** An entry as the admin reads it (operational attributes such as entryUUID included when named). */
  read(dn: string, attributes?: readonly string[]): Promise<Entry | undefined>;
  /** Runs `work` with a client bound as the admin (unbound afterwards). */
  asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

const SCHEMA_FOLDERS = ['/etc/ldap/schema', '/etc/openldap/schema', '/usr/local/etc/openldap/schema', '/opt/homebrew/etc/openldap/schema'];
const MODULE_FOLDERS = ['/usr/lib/ldap', '/usr/lib/openldap', '/usr/lib64/openldap', '/usr/libexec/openldap', '/usr/local/libexec/openldap'];
const AD_LITE_SCHEMA = fileURLToPath(new URL('./ad-lite.schema', import.meta.url));

function schemaFolder(): string {
  const found = SCHEMA_FOLDERS.find((folder) => existsSync(join(folder, 'core.schema')) && existsSync(join(folder, 'inetorgperson.schema')));
  if (!found) throw new Error(`OpenLDAP's schema files (core.schema) are in none of ${SCHEMA_FOLDERS.join(', ')}`);
  return found;
}

const hasModule = (folder: string, name: string) => existsSync(join(folder, `${name}.la`)) || existsSync(join(folder, `${name}.so`));

/** back_mdb and syncprov as loadable modules (Debian), or nothing when slapd has them built in. */
function moduleLines(): string[] {
  const folder = MODULE_FOLDERS.find((candidate) => hasModule(candidate, 'back_mdb'));
  return folder ? [`modulepath ${folder}`, 'moduleload back_mdb', ...(hasModule(folder, 'syncprov') ? ['moduleload syncprov'] : [])] : [];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, SLAPD_HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: SLAPD_HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function configuration(root: string, baseDn: string, adminDn: string, bindDn: string, tls: { caFile: string; certFile: string; keyFile: string } | null): string {
  const schema = schemaFolder();
  return [
    ...['core', 'cosine', 'inetorgperson'].map((name) => `include ${join(schema, `${name}.schema`)}`),
    `include ${AD_LITE_SCHEMA}`,
    `pidfile ${join(root, 'slapd.pid')}`,
    `argsfile ${join(root, 'slapd.args')}`,
    ...moduleLines(),
    ...(tls ? [`TLSCACertificateFile ${tls.caFile}`, `TLSCertificateFile ${tls.certFile}`, `TLSCertificateKeyFile ${tls.keyFile}`] : []),
    // Like AD's MaxPageSize: at most 1,000 entries for a search without paging; paged searches may return any number.
    'sizelimit size.soft=1000 size.hard=1000 size.prtotal=unlimited',
    // The root DSE and the schema are readable by anyone (as on AD), so *Test connection* can read them.
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    '',
    'database mdb',
    'maxsize 1073741824',
    `suffix "${baseDn}"`,
    `rootdn "${adminDn}"`,
    `rootpw ${ADMIN_PASSWORD}`,
    `directory ${join(root, 'data')}`,
    'dbnosync',
    'index objectClass eq',
    'index cn eq,sub',
    // syncprov keeps the suffix's contextCSN, the change mark a sync compares before it reads (as on any replicated OpenLDAP).
    'overlay syncprov',
    'access to attrs=userPassword by anonymous auth by * none',
    // A corner the service account may know of but not read: searches based there are refused (insufficientAccess).
    `access to dn.subtree="ou=Restricted,${baseDn}" by dn.exact="${bindDn}" disclose by * none`,
    `access to dn.subtree="${baseDn}" by dn.exact="${bindDn}" read by * none`,
    '',
  ].join('\n');
}

function baseEntries(baseDn: string, bindDn: string): LdapEntry[] {
  const dc = /^dc=([^,]+)/i.exec(baseDn)?.[1];
  if (!dc) throw new Error(`The test slapd's base DN must start with dc=…: ${baseDn}`);
  const ou = (name: string): LdapEntry => ({ dn: `ou=${name},${baseDn}`, attributes: { objectClass: 'organizationalUnit', ou: name } });
  return [
    { dn: baseDn, attributes: { objectClass: ['top', 'dcObject', 'organization'], dc, o: 'MSP Roster test directory' } },
    ou('People'),
    ou('Groups'),
    ou('Service'),
    ou('Restricted'),
    { dn: bindDn, attributes: { objectClass: ['inetOrgPerson'], cn: 'roster-sync', sn: 'Service', userPassword: SERVICE_PASSWORD } },
  ];
}

/** ManageDsaIT: the admin's changes act on a referral object itself instead of being referred elsewhere. */
const manageDsaIt = () => new Control('2.16.840.1.113730.3.4.2');

const live = new Set<ChildProcess>();
// A test run that ends without stop() (a crash, a forgotten afterAll) must not leave servers behind.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

async function launch(slapd: string, conf: string, urls: string, ports: readonly number[]): Promise<ChildProcess> {
  const child = spawn(slapd, ['-f', conf, '-h', urls, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
    live.delete(child);
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`slapd stopped at start (exit ${exited}): ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    if ((await Promise.all(ports.map(accepts))).every(Boolean)) return child;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  child.kill('SIGKILL');
  throw new Error(`slapd did not listen within 15 s: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  const programs = findOpenldapPrograms();
  if (!programs) throw new Error('OpenLDAP is missing: run `npm run test:deps -- openldap` (or `sudo apt-get install slapd ldap-utils`).');
  const baseDn = options.baseDn ?? DEFAULT_BASE_DN;
  const adminDn = `cn=admin,${baseDn}`;
  const bindDn = `cn=roster-sync,ou=Service,${baseDn}`;
  const root = mkdtempSync(join(tmpdir(), 'msp-roster-slapd-'));
  try {
    mkdirSync(join(root, 'data'));
    const certificates = options.tls === false ? null : makeCertificates(programs.openssl, root);
    const conf = join(root, 'slapd.conf');
    writeFileSync(conf, configuration(root, baseDn, adminDn, bindDn, certificates));
    const seed = typeof options.seed === 'string' ? options.seed : toLdif(options.seed ?? []);
    writeFileSync(join(root, 'seed.ldif'), `${toLdif(baseEntries(baseDn, bindDn))}\n${seed}`);
    // -q: no consistency checks, the quick bulk mode (the data is ours and fresh).
    const loaded = spawnSync(programs.slapadd, ['-q', '-f', conf, '-l', join(root, 'seed.ldif')], { encoding: 'utf8', timeout: 120_000 });
    if (loaded.status !== 0) throw new Error(`slapadd failed: ${(loaded.stderr || loaded.stdout).trim().split('\n').slice(-3).join(' ')}`);

    let child: ChildProcess | undefined;
    let ldapPort = 0;
    let ldapsPort = 0;
    // A free port can be taken between our probe and slapd's bind: try a few pairs.
    for (let attempt = 1; !child; attempt++) {
      ldapPort = await freePort();
      ldapsPort = certificates ? await freePort() : 0;
      const secure = certificates ? [`ldaps://${SLAPD_HOST}:${ldapsPort}/`, ...(UNNAMED_HOST ? [`ldaps://${UNNAMED_HOST}:${ldapsPort}/`] : [])] : [];
      const urls = [`ldap://${SLAPD_HOST}:${ldapPort}/`, ...secure].join(' ');
      try {
        child = await launch(programs.slapd, conf, urls, certificates ? [ldapPort, ldapsPort] : [ldapPort]);
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const server = child;

    const asAdmin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
      const client = new Client({ url: `ldap://${SLAPD_HOST}:${ldapPort}`, timeout: 30_000, connectTimeout: 5_000 });
      try {
        await client.bind(adminDn, ADMIN_PASSWORD);
        return await work(client);
      } finally {
        await client.unbind().catch(() => undefined);
      }
    };

    return {
      host: SLAPD_HOST,
      ldapPort,
      ldapsPort,
      baseDn,
      peopleDn: `ou=People,${baseDn}`,
      groupsDn: `ou=Groups,${baseDn}`,
      adminDn,
      adminPassword: ADMIN_PASSWORD,
      bindDn,
      bindPassword: SERVICE_PASSWORD,
      caPem: certificates?.caPem ?? '',
      wrongCaPem: certificates?.wrongCaPem ?? '',
      unnamedHost: certificates ? UNNAMED_HOST : null,
      folder: root,
      add: (entries) =>
        asAdmin(async (client) => {
          for (const entry of Array.isArray(entries) ? (entries as readonly LdapEntry[]) : [entries as LdapEntry]) await client.add(entry.dn, toAttributes(entry), manageDsaIt());
        }),
      modify: (dn, changes) =>
        asAdmin((client) =>
          client.modify(
            dn,
            Object.entries(changes).map(([type, value]) =>
              value === null
                ? new Change({ operation: 'delete', modification: new Attribute({ type }) })
                : new Change({ operation: 'replace', modification: toAttributes({ dn, attributes: { [type]: value } })[0] as Attribute }),
            ),
            manageDsaIt(),
          ),
        ),
      delete: (dn, deleteOptions) =>
        asAdmin(async (client) => {
          if (!deleteOptions?.subtree) return client.del(dn, manageDsaIt());
          const { searchEntries } = await client.search(dn, { scope: 'sub', attributes: ['1.1'], paged: { pageSize: 1000 } }, manageDsaIt());
          // Deepest first: a parent cannot go before its children.
          const dns = searchEntries.map((entry) => entry.dn).sort((a, b) => b.split(',').length - a.split(',').length);
          for (const one of dns) await client.del(one, manageDsaIt());
        }),
      read: (dn, attributes = ['*', '+']) =>
        asAdmin(async (client) => {
          try {
            const { searchEntries } = await client.search(dn, { scope: 'base', attributes: [...attributes], explicitBufferAttributes: ['objectGUID'] });
            return searchEntries[0];
          } catch (error) {
            if (error instanceof Error && 'code' in error && error.code === 32) return undefined;
            throw error;
          }
        }),
      asAdmin,
      stop: async () => {
        await stopChild(server);
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
