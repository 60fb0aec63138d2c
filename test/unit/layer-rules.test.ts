import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rules that keep the layers apart really fire (and do not fire on allowed imports). */
// Type information off: the files named below do not exist, and the import rules need none.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' }, languageOptions: { parserOptions: { projectService: false } } } });
/** With the project's own type-aware config, for rules that need types. */
const typedEslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<[string, string, boolean]> = [
  ['shared/ipc/x.ts', "import { readFileSync } from 'node:fs';", true],
  ['shared/ipc/x.ts', "import { app } from 'electron';", true],
  ['shared/ipc/x.ts', "import React from 'react';", true],
  ['shared/ipc/x.ts', "import { Core } from '../../electron/main/core/create-core';", true],
  ['shared/ipc/x.ts', "import { z } from 'zod';", false],
  ['renderer/app/x.ts', "import { ipcRenderer } from 'electron';", true],
  ['renderer/app/x.ts', "import { join } from 'node:path';", true],
  ['renderer/app/x.ts', "import { join } from 'path';", true],
  ['renderer/app/x.ts', "import { Registrar } from '../../electron/main/ipc/registrar';", true],
  ['renderer/app/x.ts', "import Database from 'better-sqlite3';", true],
  ['renderer/app/x.ts', "import { contract } from '../../shared/ipc/contract';", false],
  ['electron/main/auth/x.ts', "import { safeStorage } from 'electron';", true],
  ['electron/main/ipc/x.ts', "import { ipcMain } from 'electron';", true],
  ['electron/main/auth/x.ts', "import { App } from '../../../renderer/app/App';", true],
  ['electron/main/auth/x.ts', "import { randomUUID } from 'node:crypto';", false],
  ['electron/main/platform/x.ts', "import { safeStorage } from 'electron';", false],
  ['electron/main/index.ts', "import { app } from 'electron';", false],
  ['electron/preload/index.ts', "import { contextBridge } from 'electron';", false],
  ['electron/preload/index.ts', "import { readFileSync } from 'node:fs';", true],
  ['electron/preload/bridge-client.ts', "import { ipcRenderer } from 'electron';", true],
  // Inside main, bottom up: base < logging < db < services < composition < edges.
  ['electron/main/base/x.ts', "import { Logger } from '../logging/logger';", true],
  ['electron/main/base/x.ts', "import { PsaKind } from '../../../shared/psa/kinds';", false],
  ['electron/main/db/repositories/x.ts', "import { ImportSessions } from '../../import/import-sessions';", true],
  ['electron/main/db/repositories/x.ts', "import { emailKey } from './directory';", false],
  ['electron/main/db/x.ts', "import { RESOURCES } from '../base/resources';", false],
  ['electron/main/import/x.ts', "import { Registrar } from '../ipc/registrar';", true],
  ['electron/main/psa/http/x.ts', "import { createCore } from '../../core/create-core';", true],
  ['electron/main/import/x.ts', "import { currentLock } from '../db/repositories/integration-locks';", false],
  ['electron/main/services/x.ts', "import { createIpcEdge } from '../ipc/ipc-edge';", true],
  ['electron/main/ipc/handlers/x.ts', "import { Workspace } from '../../db/workspace';", true],
  ['electron/main/ipc/x.ts', "import { Services } from '../services/create-services';", false],
  // The edge reaches the import, directory, lock and PSA services only through the checked operations.
  ['electron/main/ipc/handlers/x.ts', "import { DirectoryService } from '../../directory/directory-service';", true],
  ['electron/main/ipc/handlers/x.ts', "import { ImportSessions } from '../../import/import-sessions';", true],
  ['electron/main/ipc/handlers/x.ts', "import type { Operations } from '../../access/operations';", false],
  ['electron/main/org/x.ts', "import { Registrar } from '../ipc/registrar';", true],
  ['electron/main/cli/x.ts', "import { Registrar } from '../ipc/registrar';", true],
  ['electron/main/cli/x.ts', "import { createServices } from '../services/create-services';", false],
];

describe('layer rules', () => {
  for (const [file, code, refused] of cases) {
    it(`${refused ? 'refuses' : 'allows'} \`${code}\` in ${file}`, async () => {
      const messages = await restrictedImports(file, `${code}\nexport const used = 1;\n`);
      expect(messages.length > 0, messages.join('; ')).toBe(refused);
    });
  }

  it('keeps SQL text in electron/main/db/ only', async () => {
    const sqlIn = async (file: string) => {
      const [result] = await eslint.lintText("export const q = 'SELECT id FROM administrators WHERE id = ?';\nexport const note = 'Update check failed';\n", { filePath: file });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length;
    };
    expect(await sqlIn('electron/main/locks/x.ts')).toBe(1);
    expect(await sqlIn('electron/main/db/repositories/x.ts')).toBe(0);
  });

  it('forbids opting in to plain-text "encryption" anywhere', async () => {
    const [result] = await eslint.lintText('declare const s: { setUsePlainTextEncryption(v: boolean): void };\ns.setUsePlainTextEncryption(true);\n', {
      filePath: 'electron/main/platform/x.ts',
    });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-properties');
  });
});

describe('promises', () => {
  // The text is linted as if it were an existing file of the main process, so the type-aware rule sees its types.
  const lintAsMain = async (code: string) => {
    const [result] = await typedEslint.lintText(code, { filePath: 'electron/main/psa/once-async.ts' });
    return (result?.messages ?? []).map((m) => m.ruleId);
  };

  // The first typed lint builds the main process's TypeScript program: seconds on an idle machine, far more
  // beside another test worker on a busy one, so it gets more than the default 30 s.
  it('refuses a promise that is neither awaited, caught nor marked with void', async () => {
    expect(await lintAsMain('async function f(): Promise<void> {}\nf();\nexport const used = 1;\n')).toContain('@typescript-eslint/no-floating-promises');
  }, 120_000);

  it('allows one that is caught or marked with void', async () => {
    expect(await lintAsMain('async function f(): Promise<void> {}\nvoid f();\nf().catch(() => undefined);\nexport const used = 1;\n')).not.toContain('@typescript-eslint/no-floating-promises');
  });
});
