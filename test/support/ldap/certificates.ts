/**
 * Throwaway certificates for the test slapd, made with the openssl command line (node:crypto makes keys but not
 * X.509 certificates): a CA, a server certificate it signs for 127.0.0.1 and localhost, and a second, unrelated CA
 * that signed nothing here (a client trusting only it must refuse the server: the TLS-failure tests).
 * EC keys: they are made in milliseconds, where RSA keys take a noticeable share of a test file's start.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  readonly caPem: string;
  readonly wrongCaPem: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export function makeCertificates(openssl: string, folder: string): TestCertificates {
  const file = (name: string) => join(folder, name);
  const run = (...args: string[]) => {
    const result = spawnSync(openssl, args, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${(result.stderr || '').trim().split('\n').slice(-2).join(' ')}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const caExtensions = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
  run('req', '-x509', ...ec, '-days', '2', '-subj', '/CN=MSP Roster test directory CA', ...caExtensions, '-keyout', file('ca.key'), '-out', file('ca.pem'));
  run('req', '-x509', ...ec, '-days', '2', '-subj', '/CN=MSP Roster unrelated CA', ...caExtensions, '-keyout', file('wrong-ca.key'), '-out', file('wrong-ca.pem'));
  run('req', ...ec, '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n');
  run('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('server.ext'), '-out', file('server.crt'));
  return {
    caPem: readFileSync(file('ca.pem'), 'utf8'),
    wrongCaPem: readFileSync(file('wrong-ca.pem'), 'utf8'),
    caFile: file('ca.pem'),
    certFile: file('server.crt'),
    keyFile: file('server.key'),
  };
}
