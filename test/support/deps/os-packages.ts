/** Installing with the OS package manager: only as root on Debian or Ubuntu (apt-get), never with sudo prompts. */
import { existsSync, readFileSync } from 'node:fs';
import { runCommand, type Installer } from './requirement';

export type AptDistro = 'debian' | 'ubuntu';

/** Debian, Ubuntu, or a derivative of one of them, from /etc/os-release; undefined elsewhere. */
export function aptDistro(osRelease = '/etc/os-release'): AptDistro | undefined {
  if (!existsSync(osRelease)) return undefined;
  const text = readFileSync(osRelease, 'utf8');
  const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/);
  if (ids.includes('ubuntu')) return 'ubuntu';
  if (ids.includes('debian')) return 'debian';
  return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** apt-get install of the packages this distribution calls them. */
export function aptInstaller(packages: Readonly<Record<AptDistro, readonly string[]>>): Installer {
  const distro = aptDistro();
  const names = distro ? packages[distro] : [];
  return {
    label: `apt-get install ${names.join(' ')}`,
    applies: () => distro !== undefined && isRoot() && existsSync('/usr/bin/apt-get'),
    run: () => {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const updated = runCommand('apt-get', ['update', '-qq'], 300_000, env);
      return updated.ok ? runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], 600_000, env) : updated;
    },
  };
}
