/**
 * OpenLDAP's server (slapd, and slapadd for bulk loads) and the openssl command line (the throwaway CA and server
 * certificate) for the directory-sync tests, which run a throwaway slapd of their own: on the PATH, else in
 * /usr/sbin (Debian keeps slapd there, outside an ordinary user's PATH). SLAPD_PATH overrides where slapd is.
 *
 * Debian's slapd package configures itself without asking when DEBIAN_FRONTEND=noninteractive (aptInstaller sets it):
 * it may start a system slapd on port 389, which the tests never use (theirs listens on free loopback ports).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { aptInstaller } from './os-packages';
import { runs, type Requirement } from './requirement';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where a program may be: the PATH, then the sbin folders. */
function candidates(name: string, env: NodeJS.ProcessEnv): string[] {
  const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  return [...new Set([...onPath, '/usr/sbin', '/usr/local/sbin', '/sbin', '/opt/homebrew/opt/openldap/libexec', '/usr/local/opt/openldap/libexec'])].map((folder) => join(folder, name));
}

/** slapd that runs: SLAPD_PATH when set (and then only it), else the first on the PATH or in sbin. */
export function findSlapd(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env['SLAPD_PATH'];
  const paths = override ? [override] : candidates('slapd', env);
  return paths.find((path) => existsSync(path) && executable(path) && runs(path, ['-VV']));
}

/** slapadd beside slapd (it is the same program under another name), else on the PATH or in sbin. */
export function findSlapadd(slapd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [join(dirname(slapd), 'slapadd'), ...candidates('slapadd', env)].find((path) => existsSync(path) && executable(path));
}

export function findOpenssl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return candidates('openssl', env).find((path) => existsSync(path) && executable(path) && runs(path, ['version']));
}

/** The programs a throwaway slapd needs, or undefined when one is missing. */
export function findOpenldapPrograms(env: NodeJS.ProcessEnv = process.env): { slapd: string; slapadd: string; openssl: string } | undefined {
  const slapd = findSlapd(env);
  const slapadd = slapd ? findSlapadd(slapd, env) : undefined;
  const openssl = findOpenssl(env);
  return slapd && slapadd && openssl ? { slapd, slapadd, openssl } : undefined;
}

const manualInstall = process.platform === 'darwin' ? 'brew install openldap' : 'sudo apt-get install slapd ldap-utils';

export const openldapRequirement: Requirement = {
  name: 'OpenLDAP (slapd, slapadd) and openssl',
  find: () => findOpenldapPrograms()?.slapd,
  misconfigured: () => {
    const override = process.env['SLAPD_PATH'];
    return override && !findSlapd() ? `SLAPD_PATH=${override} is not a runnable slapd: correct it, or unset it to use the installed one (\`${manualInstall}\`).` : undefined;
  },
  installers: [aptInstaller({ debian: ['slapd', 'ldap-utils', 'openssl'], ubuntu: ['slapd', 'ldap-utils', 'openssl'] })],
  manualInstall,
  alternative: 'or set SLAPD_PATH to a slapd',
};
