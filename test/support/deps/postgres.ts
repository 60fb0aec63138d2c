/**
 * PostgreSQL's server programs (initdb, pg_ctl, postgres) for the team-workspace tests, which run a
 * throwaway cluster of their own: on the PATH, else in Debian's /usr/lib/postgresql/<version>/bin.
 */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { aptInstaller } from './os-packages';
import { runs, type Requirement } from './requirement';

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/** Folders holding initdb, best first: the override, the PATH, then the newest Debian/Ubuntu install. */
export function postgresBinCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin'))
    : [];
  return [...new Set([env['POSTGRES_BIN'] ?? '', ...onPath, ...debian].filter(Boolean))];
}

/** The first folder with initdb, pg_ctl and postgres that run; POSTGRES_BIN, when set, is the only candidate. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env['POSTGRES_BIN'];
  const candidates = override ? [override] : postgresBinCandidates(env);
  return candidates.find((folder) => ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(folder, exe(name)))) && runs(join(folder, exe('pg_ctl'))));
}

export const postgresRequirement: Requirement = {
  name: 'PostgreSQL (server programs)',
  find: () => findPostgresBin(),
  misconfigured: () => {
    const override = process.env['POSTGRES_BIN'];
    return override ? `POSTGRES_BIN=${override} is not a folder with PostgreSQL's initdb, pg_ctl and postgres: correct it, or unset it.` : undefined;
  },
  installers: [aptInstaller({ debian: ['postgresql'], ubuntu: ['postgresql'] })],
  manualInstall: process.platform === 'linux' ? 'sudo apt-get install postgresql' : process.platform === 'darwin' ? 'brew install postgresql@16' : 'winget install PostgreSQL.PostgreSQL',
  alternative: "or set POSTGRES_BIN to the folder holding PostgreSQL's initdb",
};
