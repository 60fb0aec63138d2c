import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface BuilderConfig {
  appId: string;
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  electronFuses: Record<string, boolean>;
  artifactName: string;
  linux: { target: string[] };
  deb: { depends: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  publish: Array<{ provider: string; url: string }>;
  fileAssociations: Array<{ ext: string; name: string; role: string; icon?: string }>;
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string> };

describe('electron-builder configuration', () => {
  it('targets every OS the issue names', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(config.artifactName).toMatch(/\$\{version\}.*\$\{arch\}/);
    expect(config.artifactName).not.toMatch(/\s/);
  });

  it('associates .msp-preview files with the app, as their editor', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'msp-preview', name: 'MSP Roster import preview', role: 'Editor', icon: 'assets/icon.png' })]);
    expect(config.files).toContain(config.fileAssociations[0]?.icon);
  });

  it('flips the fuses the security reference recommends', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar with the native module unpacked, and keeps the dev bridge and maps out', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!out/bridge/**', '!**/*.map']));
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
  });

  it('needs the OS keychain library on Linux and publishes explicitly', () => {
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.publish[0]?.provider).toBe('generic');
    expect(pkg.scripts['dist']).toContain('--publish never');
  });

  it('starts the bundled ESM main', () => {
    expect(pkg.main).toBe('out/main/index.mjs');
  });
});
